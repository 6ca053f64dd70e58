//! TimelineJS 3 export: the JSON that Knight Lab's TimelineJS viewer loads.
//!
//! Mapping: the timeline's title, description and byline make the title slide; each event is a
//! slide with `unique_id` = its id and `group` = its first tag (or its status). Dates become
//! `{year, month, day, hour, minute, second}` with only the parts written; an interval's end becomes
//! `end_date`, and an interval open at the start begins at its end. TimelineJS has no year 0, so
//! astronomical years of 0 and below shift by one: `0000` (1 BCE) is -1 and `-0499` (500 BCE) is -500.
//! When a year lies beyond what JavaScript dates hold, the timeline uses the "cosmological" scale
//! (years only). `display_date` carries the date as tlx writes it whenever the numbers alone would
//! lose something: approximate or uncertain dates, open ends, clock times (whose offset TimelineJS
//! would drop) and the cosmological scale. Headlines and texts are HTML, escaped; each slide's
//! text lists its status, sources and denials with quotes and links. An event's media is the
//! slide's media.
//!
//! TimelineJS ignores keys it does not know, so each slide also carries its event as tlx's JSON
//! writes it (`"tlx": {...}`), and the document the timeline's own records (`"tlx": {"format":
//! "tlx timeline", "timeline": ..., "references": ..., "actors": ...}`): tlx reads these back, so
//! no source or denial is reduced to the HTML of a slide.

use serde::Serialize;

use super::evidence::{Kind, items};
use super::json::{Records, close_events, element, open_events};
use super::markup::{xml, xml_into};
use super::{Outline, Pieces, prose};
use crate::model::date::{Bound, DateValue, Point};
use crate::model::{Event, Meta, Precision, Timeline};
use crate::url::is_web;

/// Beyond this many years from year 0, JavaScript's Date (±8.64e15 ms, about ±273,790 years
/// from 1970) cannot hold the date, so TimelineJS needs its cosmological scale.
const JS_DATE_YEARS: i64 = 270_000;

/// What comes before the slides: the title slide and the timeline's records that are not events,
/// as tlx's JSON writes them (before the slides, so that a preview of the file's first megabyte
/// shows its events with their references and actors, as the whole file does). The slides follow
/// as `events`, then the `scale` when it is cosmological (see [`PIECES`]).
#[derive(Serialize)]
struct Head<'a> {
    title: Slide<'a>,
    tlx: Records<'a>,
}

#[derive(Serialize)]
struct Slide<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<TjsDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TjsDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<TjsMedia>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tlx: Option<&'a Event>,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// A slide's media: the URL as TimelineJS takes it (a link or an HTML embed), caption and credit
/// as HTML.
#[derive(Serialize)]
struct TjsMedia {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<String>,
}

#[derive(Serialize)]
struct TjsDate {
    year: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    second: Option<u32>,
}

/// The timeline as TimelineJS 3 JSON, pretty-printed, events in chronological order, ending with a newline.
pub fn to_string(t: &Timeline) -> String {
    PIECES.whole(t, t.in_date_order())
}

/// The TimelineJS export in pieces: the document's title slide and records and the opening of
/// its `events` array, each slide at the array's indentation, then the scale and the closing
/// brackets. As in tlx's JSON ([`super::json`]), a slide printed alone and shifted four spaces
/// is what it would be inside the whole document.
pub(super) const PIECES: Pieces = Pieces {
    head: |t| {
        open_events(&Head {
            title: title(&t.timeline),
            tlx: Records::new(&t.timeline, t),
        })
    },
    outline: |dates| Outline {
        cosmological: Iterator::any(&mut { dates }, |d| {
            let (start, end) = ends(d.value());
            [Some(start), end]
                .into_iter()
                .flatten()
                .any(|p| year(p.year).abs() > JS_DATE_YEARS)
        }),
    },
    event: |t, e, outline, first| element(&slide(t, e, outline.cosmological), first),
    tail: |_, outline, any| {
        let scale = if outline.cosmological {
            "  \"scale\": \"cosmological\"\n"
        } else {
            ""
        };
        close_events(any, scale) + "}\n"
    },
    trimmed: false,
};

/// The title slide: the timeline's title, description and byline.
fn title(meta: &Meta) -> Slide<'_> {
    let mut intro = String::new();
    if let Some(d) = &meta.description {
        paragraph(&mut intro, d);
    }
    if let Some(b) = prose::byline(meta) {
        paragraph(&mut intro, &b);
    }
    Slide {
        start_date: None,
        end_date: None,
        display_date: None,
        text: Text {
            headline: xml(&meta.title),
            text: intro,
        },
        media: None,
        group: None,
        unique_id: None,
        tlx: None,
    }
}

fn slide<'a>(t: &Timeline, e: &'a Event, cosmological: bool) -> Slide<'a> {
    let (start, end) = ends(e.date.value());
    let open = matches!(
        e.date.value(),
        DateValue::Interval(Bound::Open, _) | DateValue::Interval(_, Bound::Open)
    );
    // TimelineJS has no decade or century: the slide starts at its first year and says which it is.
    let shown_as_written = cosmological
        || open
        || e.date.is_fuzzy()
        || matches!(
            e.date.precision(),
            Precision::Time | Precision::Decade | Precision::Century
        );
    Slide {
        start_date: Some(tjs_date(start, cosmological)),
        end_date: end.map(|p| tjs_date(p, cosmological)),
        display_date: shown_as_written.then(|| e.date.human()),
        text: Text {
            headline: xml(&e.title),
            text: body(t, e),
        },
        media: e.more.media.as_ref().map(|m| TjsMedia {
            url: m.url.clone(),
            caption: m.caption.as_deref().map(html),
            credit: m.credit.as_deref().map(html),
        }),
        group: Some(e.tags.first().map_or_else(|| e.status().to_string(), |t| t.to_string())),
        unique_id: Some(e.id.to_string()),
        tlx: Some(e),
    }
}

/// The point a slide starts at, and the one it ends at for an interval with both ends known.
fn ends(value: DateValue) -> (Point, Option<Point>) {
    match value {
        DateValue::Point(p) => (p, None),
        DateValue::Interval(Bound::Point(a), Bound::Point(b)) => (a, Some(b)),
        DateValue::Interval(Bound::Point(p), Bound::Open) | DateValue::Interval(Bound::Open, Bound::Point(p)) => {
            (p, None)
        }
        DateValue::Interval(Bound::Open, Bound::Open) => unreachable!("rejected by parse"),
    }
}

/// TimelineJS's year for an astronomical year: no year 0, so 0 is 1 BCE = -1 and -499 is -500.
pub fn year(astronomical: i64) -> i64 {
    if astronomical <= 0 {
        astronomical - 1
    } else {
        astronomical
    }
}

fn tjs_date(p: Point, cosmological: bool) -> TjsDate {
    let clock = p.time.map(|t| t.seconds).filter(|_| !cosmological);
    TjsDate {
        year: year(p.year),
        month: p.month.filter(|_| !cosmological),
        day: p.day.filter(|_| !cosmological),
        hour: clock.map(|s| s / 3600),
        minute: clock.map(|s| s / 60 % 60),
        // A minute written without seconds stays a minute (the model keeps seconds of the day only).
        second: clock.map(|s| s % 60).filter(|&s| s != 0),
    }
}

/// The slide's HTML: summary, status, tags and actors, then sources and denials as lists.
// Written into one string as it is made: made apart and joined, its small strings took more of
// a million events' export than what they hold.
fn body(t: &Timeline, e: &Event) -> String {
    let mut out = String::with_capacity(1024);
    if let Some(s) = &e.summary {
        paragraph(&mut out, s);
    }
    let mut line = |label: &str, text: &str| {
        out.push_str("<p><strong>");
        out.push_str(label);
        out.push_str("</strong> ");
        xml_into(&mut out, text);
        out.push_str("</p>");
    };
    line("Status:", &e.status_with_counts());
    if !e.tags.is_empty() {
        line("Tags:", &e.tags.join(", "));
    }
    if !e.actors.is_empty() {
        let names: Vec<&str> = e.actors.iter().map(|a| t.actor_name(a)).collect();
        line("Actors:", &names.join(", "));
    }
    let claims = e.claim_evidence();
    if !claims.is_empty() {
        out.push_str("<p><strong>Claims</strong></p><ol>");
        for c in &claims {
            let claim = c.of(e);
            out.push_str("<li><strong>");
            xml_into(&mut out, &claim.id);
            out.push_str("</strong>: ");
            lines(&mut out, &claim.text);
            out.push_str(" (");
            xml_into(&mut out, &prose::claim_status(c));
            out.push(')');
            if let Some(lag) = prose::claim_lag(t, e, c) {
                out.push_str("<br>");
                xml_into(&mut out, &lag);
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    let items = items(t, e);
    for (kind, heading) in [(Kind::Source, "Sources"), (Kind::Denial, "Denials")] {
        let mut of_kind = items.iter().filter(|i| i.kind == kind).peekable();
        if of_kind.peek().is_none() {
            continue;
        }
        out.push_str("<p><strong>");
        out.push_str(heading);
        out.push_str("</strong></p><ol>");
        for item in of_kind {
            out.push_str("<li><strong>");
            xml_into(&mut out, &prose::name(item));
            out.push_str("</strong>");
            for part in prose::attribution(t, item) {
                out.push_str(", ");
                xml_into(&mut out, &part);
            }
            if let Some(u) = item.reference.and_then(|r| r.url.as_deref()) {
                out.push_str(" (");
                link(&mut out, u);
                out.push(')');
            }
            if let Some(u) = item.url {
                out.push_str(", ");
                link(&mut out, u);
            }
            if let Some(q) = item.quote {
                out.push_str("<blockquote>");
                lines(&mut out, q);
                out.push_str("</blockquote>");
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    out
}

/// An http(s) link that opens in a new tab; any other URL as inert text.
fn link(out: &mut String, url: &str) {
    if is_web(url) {
        out.push_str("<a href=\"");
        xml_into(out, url.trim());
        out.push_str("\" target=\"_blank\" rel=\"noopener noreferrer\">");
        xml_into(out, url.trim());
        out.push_str("</a>");
    } else {
        xml_into(out, url.trim());
    }
}

fn paragraph(out: &mut String, text: &str) {
    out.push_str("<p>");
    lines(out, text);
    out.push_str("</p>");
}

/// Escaped text whose line breaks stay visible in HTML.
fn lines(out: &mut String, text: &str) {
    for (i, line) in text.trim().lines().enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        xml_into(out, line);
    }
}

/// [`lines`] on its own.
fn html(text: &str) -> String {
    let mut out = String::new();
    lines(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_skip_zero() {
        assert_eq!(year(2015), 2015);
        assert_eq!(year(1), 1);
        assert_eq!(year(0), -1);
        assert_eq!(year(-499), -500);
    }
}
