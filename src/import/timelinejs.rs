//! TimelineJS 3 JSON (Knight Lab): slides become events, the title slide the timeline's title and
//! description, eras become events tagged `era` with an interval date (the model has no eras).
//!
//! TimelineJS dates are objects of parts (year, month, ...) written as numbers, strings, or "" for
//! "not given"; a date keeps the precision of its finest given part. TimelineJS counts years
//! without a year 0, so its `-500` (500 BCE) is our astronomical `-0499`.

use std::sync::atomic::AtomicU64;

use crate::diagnostic::Diagnostic;
use crate::loaded::Loaded;
use crate::model::date::days_in_month;
use crate::model::{Attribution, Date, Event, EventMore, Media, Meta, Name, Source, Text, Timeline};

use super::html::{self, Plain};
use super::ids::{Ids, slug};
use super::json::{self, Node, Value};
use super::notes::{Notes, without_label};
use super::tlx_json;
use super::unmapped::Unmapped;

/// The keys of a TimelineJS date object that together make its date.
pub(super) const DATE_PARTS: [&str; 7] = ["year", "month", "day", "hour", "minute", "second", "millisecond"];
use super::url::{clean, is_url, outlet, urls_in};

/// Slide keys that only say how TimelineJS draws the slide.
const PRESENTATION: &[&str] = &["autolink", "type"];
/// Keys of a slide's background that only say how it is drawn.
const BACKGROUND_PRESENTATION: &[&str] = &["color", "opacity"];

/// Reads a TimelineJS 3 JSON file, counting in `parsed` the slides read (see [`json::count_half`]).
pub fn import(text: &str, parsed: Option<&AtomicU64>) -> Loaded {
    let mut r = Reader::default();
    let timeline =
        json::parse_into(text, &mut r.diags, parsed).map_or_else(Timeline::default, |root| r.timeline(&root, parsed));
    let mut diags = r.diags;
    diags.extend(r.unmapped.into_diagnostics(
        "TimelineJS presentation settings (colours, opacity, autolink, slide type, date format) have no place in tlx; background images, captions and credits are kept",
    ));
    super::loaded(timeline, diags)
}

/// What one import has found so far.
#[derive(Default)]
struct Reader {
    diags: Vec<Diagnostic>,
    unmapped: Unmapped,
    ids: Ids,
}

impl Reader {
    fn timeline(&mut self, root: &Node, parsed: Option<&AtomicU64>) -> Timeline {
        let Some(events) = root.get("events").filter(|e| matches!(e.value, Value::Array(_))) else {
            if let Some(old) = root.get("timeline").filter(|t| t.get("date").is_some()) {
                self.diags.push(
                    Diagnostic::error(
                        "old-format",
                        old.span.clone(),
                        "this is a TimelineJS 2 file (`timeline.date[]`), which tlx does not read",
                    )
                    .with_hint(
                        "tlx reads TimelineJS 3 JSON: write each `timeline.date[]` entry as an `events[]` slide, \
                         `startDate` \"2012,1,26\" as \"start_date\": {\"year\": 2012, \"month\": 1, \"day\": 26}, \
                         `headline` and `text` inside \"text\", and `asset` (media, credit, caption) as \"media\" with \"url\"",
                    ),
                );
                return Timeline::default();
            }
            self.diags.push(
                Diagnostic::error("missing-key", root.span.clone(), "this JSON has no `events` array")
                    .with_hint(super::RULED_OUT),
            );
            return Timeline::default();
        };
        for (key, node) in root.entries() {
            if !["title", "events", "eras", "scale", "tlx"].contains(&key.as_str()) {
                self.warn_ignored(key, node, "the timeline");
            }
        }
        let mut t = Timeline {
            timeline: self.meta(root.get("title"), root.get("scale")),
            ..Timeline::default()
        };
        // What tlx wrote alongside the slides, which TimelineJS ignores: the timeline's own records.
        if let Some(own) = root.get("tlx") {
            tlx_json::own_records(own, &mut t, &mut self.diags);
        }
        let eras = json::array(root, "eras", &mut self.diags);
        let slides = events.items().iter().map(|e| (e, false));
        t.events = (slides.chain(eras.iter().map(|e| (e, true))))
            .filter_map(|(slide, era)| {
                json::count_half(slide, parsed);
                self.event(slide, era)
            })
            .collect();
        t
    }

    fn warn_ignored(&mut self, key: &str, node: &Node, owner: &str) {
        self.diags.push(
            Diagnostic::warning(
                "unmapped",
                node.span.clone(),
                format!("`{key}` of {owner} is not imported"),
            )
            .with_hint("tlx has no place for it; keep the original file if you need it"),
        );
    }

    /// The title slide: its headline is the title; its text and media the description, with the
    /// timeline's `scale` (human or cosmological years), which tlx has no field for.
    fn meta(&mut self, slide: Option<&Node>, scale: Option<&Node>) -> Meta {
        let mut notes = Notes::default();
        if let Some(scale) = scale.filter(|s| !s.is_blank()) {
            notes.add("TimelineJS scale", &scale.to_string());
        }
        let mut title = String::new();
        let mut text = None;
        if let Some(slide) = slide {
            let slide_text = slide.get("text");
            title = slide_text
                .and_then(|t| t.get("headline"))
                .and_then(Node::given)
                .map(html::one_line)
                .unwrap_or_default();
            text = body(slide_text.and_then(|t| t.get("text")), &mut notes);
            let mut sources = self.media(slide.get("media"), "Media", &mut notes);
            for (key, node) in slide.entries() {
                self.other_key(key, node, &mut notes, &mut sources, &["text", "media"]);
            }
            // The timeline has no sources of its own: the title slide's credits are kept as text.
            for s in sources {
                notes.add(
                    "Credit",
                    &s.url
                        .as_ref()
                        .map_or(s.outlet().to_string(), |u| format!("{} <{u}>", s.outlet())),
                );
            }
        }
        Meta {
            title: if title.is_empty() {
                "Imported TimelineJS timeline".into()
            } else {
                title
            },
            description: text.into_iter().chain(notes.into_text()).reduce(|a, b| a + "\n" + &b),
            ..Meta::default()
        }
    }

    /// A slide (or an era) as an event; `None`, with an error, when it has no usable start date.
    fn event(&mut self, slide: &Node, era: bool) -> Option<Event> {
        let what = if era { "era" } else { "slide" };
        if slide.entries().is_empty() {
            self.diags.push(
                Diagnostic::error(
                    "wrong-type",
                    slide.span.clone(),
                    format!("this {what} is {}, not an object", slide.kind()),
                )
                .with_hint(format!(
                    "write the {what} as {{\"start_date\": {{\"year\": ...}}, \"text\": {{...}}}}"
                ))
                .setting_aside(slide.span.start),
            );
            return None;
        }
        if let Some(record) = slide.get("tlx") {
            // The event tlx wrote alongside the slide: its sources and denials as they are, where
            // the slide's HTML only shows them.
            let event = tlx_json::event(record, &mut self.diags)?;
            self.ids.claim(&event.id);
            return Some(event);
        }
        let mut notes = Notes::default();
        let date = self.date(slide, what, &mut notes)?;
        let shown = slide.get("display_date").and_then(Node::given);
        let date = shown.and_then(|s| decade_shown(&date, s)).unwrap_or(date);
        let text = slide.get("text");
        let headline = text
            .and_then(|t| t.get("headline"))
            .and_then(Node::given)
            .map(html::one_line);
        let summary = body(text.and_then(|t| t.get("text")), &mut notes);
        let mut sources = self.media(slide.get("media"), "Media", &mut notes);
        let media = slide.get("media").and_then(shown_media);
        if let Some(shown) = shown
            && shown != date.human()
        {
            notes.add("TimelineJS showed the date as", shown);
        }
        for (key, node) in slide.entries() {
            let mapped = [
                "start_date",
                "end_date",
                "text",
                "media",
                "group",
                "display_date",
                "unique_id",
            ];
            self.other_key(key, node, &mut notes, &mut sources, &mapped);
        }
        let title = headline.filter(|h| !h.is_empty()).unwrap_or_else(|| {
            let fallback = summary.as_deref().and_then(|s| s.lines().next()).unwrap_or("Untitled");
            self.diags.push(
                Diagnostic::warning("untitled", slide.span.clone(), format!("this {what} has no headline"))
                    .with_hint("its title is taken from its text; add text.headline to name it"),
            );
            fallback.chars().take(80).collect()
        });
        let id = self.id(slide, &title, &date, era);
        let mut tags: Vec<String> = slide
            .get("group")
            .and_then(Node::given)
            .map(String::from)
            .into_iter()
            .collect();
        if era {
            tags.push("era".into());
        }
        Some(Event {
            summary: summary.map(Text::from),
            tags: tags.into_iter().map(Name::from).collect(),
            sources: sources.into(),
            more: EventMore {
                notes: notes.into_text().map(Into::into),
                media: media.map(Box::new),
                ..EventMore::default()
            }
            .into(),
            ..Event::new(id, date, title)
        })
    }

    /// The slide's `unique_id`, or a slug of its title and year; unique either way.
    fn id(&mut self, slide: &Node, title: &str, date: &Date, era: bool) -> String {
        let given = slide.get("unique_id").and_then(Node::given);
        let wanted = given.map_or_else(
            || {
                let prefix = if era && !title.to_lowercase().starts_with("era") {
                    "era "
                } else {
                    ""
                };
                slug(&format!(
                    "{prefix}{title} {}",
                    crate::model::date::human_year(date.start_point().year)
                ))
            },
            String::from,
        );
        let id = self.ids.claim(&wanted);
        if let (Some(given), Some(node)) = (given, slide.get("unique_id"))
            && id != given
        {
            self.diags.push(
                Diagnostic::warning(
                    "duplicate-id",
                    node.span.clone(),
                    format!("the unique_id `{given}` is used twice"),
                )
                .with_hint(format!("this slide was given the id `{id}`")),
            );
        }
        id
    }

    /// A key the slide reader did not map: the background is read as media is; presentation
    /// settings are tallied; anything else is kept in notes.
    fn other_key(&mut self, key: &str, node: &Node, notes: &mut Notes, sources: &mut Vec<Source>, mapped: &[&str]) {
        if key == "background" {
            sources.extend(self.media(Some(node), "Background image", notes));
        } else if PRESENTATION.contains(&key) {
            self.unmapped.add(key, node.span.clone());
        } else if !mapped.contains(&key) && !node.is_blank() {
            notes.add(key, &node.to_string());
        }
    }

    /// `start_date`, and `end_date` when given, as one date.
    fn date(&mut self, slide: &Node, what: &str, notes: &mut Notes) -> Option<Date> {
        let Some(start_node) = slide.get("start_date") else {
            self.diags.push(
                Diagnostic::error(
                    "missing-key",
                    slide.span.clone(),
                    format!("this {what} has no start_date"),
                )
                .with_hint("add \"start_date\": {\"year\": ...}; tlx needs a date for every event")
                .setting_aside(slide.span.start),
            );
            return None;
        };
        let start = self.point(start_node, "start_date", notes);
        let Some(start) = start else {
            self.diags.push(
                Diagnostic::error(
                    "missing-key",
                    start_node.span.clone(),
                    format!("the start_date of this {what} has no year tlx can read"),
                )
                .with_hint("add \"year\": ...; tlx needs at least the year of every event")
                .setting_aside(slide.span.start),
            );
            return None;
        };
        let end = slide
            .get("end_date")
            .and_then(|e| Some((e, self.point(e, "end_date", notes)?)));
        let Some((end_node, end)) = end.filter(|(_, end)| *end != start) else {
            return self.start_date(&start, start_node, slide, what);
        };
        match Date::parse(&format!("{start}/{end}")) {
            Ok(date) => Some(date),
            Err(e) => {
                self.diags.push(
                    Diagnostic::warning(
                        "bad-date",
                        end_node.span.clone(),
                        format!("end_date {end} is not usable: {}", e.message),
                    )
                    .with_hint("the event keeps its start date; the end date is kept in its notes"),
                );
                notes.add("End date", &end);
                self.start_date(&start, start_node, slide, what)
            }
        }
    }

    /// The start date alone; `None`, with an error, when tlx cannot hold it (a year beyond a
    /// hundred billion).
    fn start_date(&mut self, start: &str, node: &Node, slide: &Node, what: &str) -> Option<Date> {
        match Date::parse(start) {
            Ok(date) => Some(date),
            Err(e) => {
                self.diags.push(
                    Diagnostic::error(
                        "bad-date",
                        node.span.clone(),
                        format!("the start_date of this {what} is not usable: {}", e.message),
                    )
                    .with_hint("correct the date; this event is left out until then")
                    .setting_aside(slide.span.start),
                );
                None
            }
        }
    }

    /// One date object as an EDTF point, as precise as its valid parts allow; `None` without a year.
    fn point(&mut self, node: &Node, which: &str, notes: &mut Notes) -> Option<String> {
        let part = |name: &str| node.get(name).filter(|n| n.given().is_some());
        let mut number = |name: &str| -> Option<i64> {
            let n = part(name)?;
            let text = n.given()?;
            let value = text
                .parse::<i64>()
                .ok()
                .or_else(|| {
                    let f = text.parse::<f64>().ok()?;
                    (f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
                })
                .or_else(|| (name == "year").then(|| written_year(text)).flatten());
            if value.is_none() {
                self.diags.push(
                    Diagnostic::warning(
                        "bad-date",
                        n.span.clone(),
                        format!("the {name} of {which}, \"{text}\", is not a number"),
                    )
                    .with_hint("write it as a number; the date keeps the precision of the parts before it"),
                );
            }
            value
        };
        let year = number("year")?;
        let month = number("month");
        let day = number("day");
        let (hour, minute, second, ms) = (
            number("hour"),
            number("minute"),
            number("second"),
            number("millisecond"),
        );
        if let Some(shown) = node.get("display_date").and_then(Node::given) {
            notes.add(&format!("TimelineJS showed the {which} as"), shown);
        }
        for (key, value) in node.entries() {
            let known = DATE_PARTS.contains(&key.as_str()) || key == "display_date";
            if key == "format" && !value.is_blank() {
                // How TimelineJS prints the date, not when it was.
                self.unmapped.add("date format", value.span.clone());
            } else if !known && !value.is_blank() {
                notes.add(&format!("{which} {key}"), &value.to_string());
            }
        }
        if year == 0 {
            self.warn_part(node, "year", which, "TimelineJS has no year 0; it is read as 1 BCE");
        }
        // No year 0 in TimelineJS: 1 BCE is -1 there and 0 here.
        let astronomical = if year < 0 { year + 1 } else { year };
        let mut text = if (-9999..=9999).contains(&astronomical) {
            let sign = if astronomical < 0 { "-" } else { "" };
            format!("{sign}{:04}", astronomical.abs())
        } else {
            if month.is_some() {
                self.warn_part(node, "month", which, "years past 9999 are kept as years alone");
            }
            return Some(format!("Y{astronomical}"));
        };
        let Some(m) = month.filter(|m| (1..=12).contains(m)) else {
            if month.is_some() {
                self.warn_part(
                    node,
                    "month",
                    which,
                    "it is not a month (1-12); the date keeps its year alone",
                );
            } else if day.is_some() {
                self.warn_part(node, "day", which, "a day needs a month; the date keeps its year alone");
            }
            return Some(text);
        };
        text += &format!("-{m:02}");
        let max = i64::from(days_in_month(astronomical, m as u8));
        let Some(d) = day.filter(|d| (1..=max).contains(d)) else {
            if day.is_some() {
                self.warn_part(
                    node,
                    "day",
                    which,
                    "that month has no such day; the date keeps its month",
                );
            }
            return Some(text);
        };
        text += &format!("-{d:02}");
        let Some(h) = hour.filter(|h| (0..24).contains(h)) else {
            if hour.is_some() {
                self.warn_part(node, "hour", which, "it is not an hour (0-23); the date keeps its day");
            }
            return Some(text);
        };
        let clock = [minute, second].map(|p| p.filter(|v| (0..60).contains(v)));
        text += &format!("T{h:02}:{:02}", clock[0].unwrap_or(0));
        if let Some(s) = clock[1] {
            text += &format!(":{s:02}");
            if let Some(ms) = ms.filter(|ms| (0..1000).contains(ms)) {
                text += &format!(".{ms:03}");
            }
        }
        Some(text)
    }

    fn warn_part(&mut self, node: &Node, part: &str, which: &str, why: &str) {
        let span = node.get(part).map_or(node.span.clone(), |n| n.span.clone());
        self.diags.push(
            Diagnostic::warning("bad-date", span, format!("the {part} of {which}: {why}"))
                .with_hint("correct the part in the original file and import it again"),
        );
    }

    /// Media (or a background, `label` naming which): links in the credit and caption become
    /// sources, and so does each URL written out in a credit; a credit without links names the
    /// source of the media URL (an embed's `src`); everything else is kept in notes.
    fn media(&mut self, media: Option<&Node>, label: &str, notes: &mut Notes) -> Vec<Source> {
        let Some(media) = media else { return Vec::new() };
        let field = |key: &str| {
            media
                .get(key)
                .and_then(Node::given)
                .map(html::to_plain)
                .unwrap_or_default()
        };
        let (caption, credit) = (field("caption"), field("credit"));
        let mut url = media.get("url").and_then(Node::given).map(String::from);
        if let Some(embed) = url.take_if(|u| u.starts_with('<')) {
            // An HTML embed (a blockquote, an iframe): its text is content, its `src` the media.
            url = embed_src(&embed).map(String::from);
            let embed = html::to_plain(&embed);
            notes.add(label, &embed.text);
            for link in embed.links {
                notes.add(&format!("{label} link"), &format!("{} <{}>", link.text, link.url));
            }
        }
        let mut sources: Vec<Source> = caption.links.iter().chain(&credit.links).map(linked).collect();
        notes.add("Caption", &caption.text);
        let credit_text = without_label(&credit.text, "Credit");
        let written = urls_in(credit_text);
        if credit.links.is_empty() && !written.is_empty() {
            // URLs written out: each is a source; the words beside a single one name it.
            let words: Vec<&str> = credit_text.split_whitespace().filter(|w| !is_url(clean(w))).collect();
            let words = words.join(" ");
            let words = words.trim_matches(|c: char| c.is_whitespace() || ",;:-–—|".contains(c));
            let name = (written.len() == 1 && !words.is_empty()).then_some(words);
            if name.is_none() {
                notes.add("Credit", words);
            }
            sources.extend(
                written
                    .iter()
                    .map(|u| source(name.map_or_else(|| outlet_or_url(u), String::from), u)),
            );
        } else if credit.links.is_empty() && !credit_text.is_empty() {
            sources.push(Source {
                said: Attribution::new(Name::shared(credit_text), None).into(),
                url: url.take().map(Into::into),
                ..Source::default()
            });
        } else if credit.text != link_texts(&credit) {
            notes.add("Credit", credit_text);
        }
        if let Some(url) = url {
            notes.add(label, &url);
        }
        for (key, node) in media.entries() {
            if ["url", "caption", "credit"].contains(&key.as_str()) || node.is_blank() {
                continue;
            }
            if label != "Media" && BACKGROUND_PRESENTATION.contains(&key.as_str()) {
                self.unmapped.add(&format!("background {key}"), node.span.clone());
            } else {
                notes.add(&format!("{label} {key}"), &node.to_string());
            }
        }
        sources
    }
}

/// The slide's text as plain text; its links go to the notes so their URLs are kept.
fn body(text: Option<&Node>, notes: &mut Notes) -> Option<String> {
    let Plain { text, links } = html::to_plain(text.and_then(Node::given)?);
    for link in links {
        notes.add("Link", &format!("{} <{}>", link.text, link.url));
    }
    (!text.is_empty()).then_some(text)
}

fn source(outlet: String, url: &str) -> Source {
    Source {
        said: Attribution::new(Name::shared(&outlet), None).into(),
        url: Some(url.into()),
        ..Source::default()
    }
}

/// A link as a source: its text names the outlet, unless the text is only the URL again.
fn linked(link: &html::Link) -> Source {
    let url = clean(&link.url);
    let text = link.text.trim();
    let outlet = if text.is_empty() || is_url(clean(text)) {
        outlet_or_url(url)
    } else {
        text.to_string()
    };
    source(outlet, url)
}

/// The outlet a URL names (the channel on a platform, else the host); the URL itself if none.
fn outlet_or_url(url: &str) -> String {
    outlet(url).unwrap_or_else(|| url.to_string())
}

/// A slide's media as TimelineJS shows it: the URL as given (an HTML embed stays the embed, so it
/// is shown again as it was), caption and credit as plain text. Their links are also read as
/// sources by [`Reader::media`], since a credit is evidence.
fn shown_media(media: &Node) -> Option<Media> {
    let plain = |key: &str| {
        let text = html::to_plain(media.get(key)?.given()?).text;
        (!text.is_empty()).then_some(text)
    };
    Some(Media {
        url: media.get("url")?.given()?.to_string(),
        caption: plain("caption"),
        credit: plain("credit"),
    })
}

/// The `src` of an embed's first iframe, video, audio or image: the media it shows.
fn embed_src(html: &str) -> Option<&str> {
    let lower = html.to_ascii_lowercase();
    let at = lower.find(" src=")? + " src=".len();
    let rest = &html[at..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(clean(&value[..value.find(quote)?])).filter(|u| is_url(u))
}

fn link_texts(p: &Plain) -> String {
    p.links.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
}

/// The decade a slide's `display_date` names ("1910s", "c. 1920s", "19XX") when the slide starts
/// at its first year: TimelineJS has no coarser date than a year, so tlx writes the year and shows
/// the decade.
fn decade_shown(date: &Date, shown: &str) -> Option<Date> {
    use crate::model::Precision;
    let coarse = Date::parse_human(shown, None).ok()?;
    let decade = matches!(coarse.precision(), Precision::Decade | Precision::Century) && !coarse.is_interval();
    let same_start = date.precision() == Precision::Year
        && !date.is_interval()
        && !date.is_fuzzy()
        && date.start_point().year == coarse.start_point().year;
    (decade && same_start).then_some(coarse)
}

/// A year written in words ("1250 BC", "AD 476") in TimelineJS's numbering, which has no year 0.
fn written_year(text: &str) -> Option<i64> {
    let date = Date::parse_human(text, None).ok()?;
    let year = date.start_point().year;
    (!date.is_interval() && date.precision() == crate::model::Precision::Year).then_some(if year <= 0 {
        year - 1
    } else {
        year
    })
}

#[cfg(test)]
mod tests;
