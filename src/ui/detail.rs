//! The detail pane: the selected event, then its sources, then its denials, set apart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{View, fit, highlight, pane_block, wrap};
use crate::app::layout::DetailRows;
use crate::app::{Focus, Opened};
use crate::model::DateStyle;
use crate::model::claims::ClaimEvidence;
use crate::model::evidence::{self, AsOf, Evidence, Item, named};
use crate::model::lag::Lags;
use crate::model::origins::{Repeats, origin_groups, repeats};
use crate::model::{Claim, Date, Event, Place, Timeline, admiralty_code};
use crate::notes;
use crate::search::Needle;
use crate::theme::Theme;

/// Lines of quote shown for the selected item (one for the others); Enter shows a quote whole.
const QUOTE_LINES: usize = 4;

/// The detail pane.
pub struct Detail<'a>(pub &'a View<'a>);

/// The pane's text and, per selectable item, the row where it starts.
struct Text {
    lines: Vec<Line<'static>>,
    item_rows: Vec<usize>,
}

impl Widget for Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme, .. } = *self.0;
        let focused = app.focus() == Focus::Detail;
        let block = pane_block(theme, " Detail ", focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some((text, rows)) = self.laid_out(inner) else {
            return;
        };
        Paragraph::new(text.lines)
            .scroll((rows.top.min(usize::from(u16::MAX)) as u16, 0))
            .render(inner, buf);
    }
}

impl Detail<'_> {
    /// Where the pane's text stands in a pane of this size (borders included), for the mouse
    /// wheel to scroll from.
    pub fn rows(&self, area: Rect) -> DetailRows {
        let inner = pane_block(self.0.theme, "", false).inner(area);
        self.laid_out(inner).map_or(DetailRows::default(), |(_, rows)| rows)
    }

    /// The text, and the rows it is scrolled to inside `inner`: where the mouse wheel put it,
    /// else just enough to show the whole selected item, keeping as much context above as fits.
    fn laid_out(&self, inner: Rect) -> Option<(Text, DetailRows)> {
        let View { app, theme, dates, .. } = *self.0;
        let (Some(event), Some(evidence)) = (app.selected_event(), app.selected_evidence()) else {
            return None;
        };
        let highlights = app.highlights();
        let text = Build {
            t: app.timeline(),
            e: event,
            evidence,
            as_of: app.filter().as_of.as_ref(),
            theme,
            dates,
            width: usize::from(inner.width).max(1),
            cursor: app.selected_entry().map(|_| app.item()),
            highlights: &highlights,
            marks: app.order().get(app.selected()).and_then(|&i| app.marks(i)),
            file: app
                .order()
                .get(app.selected())
                .and_then(|&i| app.file(i))
                .filter(|_| app.files().len() > 1),
        }
        .text();
        let cursor = app.selected_entry().map(|_| app.item());
        let height = usize::from(inner.height);
        let last = text.lines.len().saturating_sub(height);
        let natural = match cursor.and_then(|i| Some((*text.item_rows.get(i)?, text.item_rows.get(i + 1)))) {
            Some((row, next)) => next
                .copied()
                .unwrap_or(text.lines.len())
                .saturating_sub(height)
                .min(row),
            None => 0,
        };
        let top = app.panes().and_then(|p| p.detail_top).map_or(natural, |t| t.min(last));
        Some((text, DetailRows { top, last }))
    }
}

/// What the pane is built from.
/// Which of an event's sources share an origin, and what each repeats.
struct Lineage<'a> {
    groups: Vec<usize>,
    repeats: Vec<Option<Repeats<'a>>>,
}

struct Build<'a> {
    t: &'a Timeline,
    e: &'a Event,
    evidence: &'a Evidence,
    as_of: Option<&'a AsOf>,
    theme: &'a Theme,
    dates: DateStyle,
    width: usize,
    cursor: Option<usize>,
    highlights: &'a [&'a Needle],
    /// The researcher's star and note.
    marks: Option<&'a notes::Entry>,
    /// The file the event came from, when several are open.
    file: Option<&'a Opened>,
}

impl<'a> Build<'a> {
    fn text(&self) -> Text {
        let Build {
            t,
            e,
            evidence: ev,
            theme,
            width,
            ..
        } = *self;
        let mut lines: Vec<Line<'static>> = Vec::new();
        let marked = |text: &str, base: Style| -> Line<'static> {
            let spans = highlight(text, self.highlights, base, theme.matched);
            Line::from(
                spans
                    .into_iter()
                    .map(|s| Span::styled(s.content.into_owned(), s.style))
                    .collect::<Vec<_>>(),
            )
        };
        lines.extend(wrap(&e.title, width).iter().map(|l| marked(l, theme.title)));
        self.facts(&mut lines);
        if let Some(summary) = &e.summary {
            lines.extend(wrap(summary, width).iter().map(|l| marked(l, Style::new())));
        }
        // The evidence comes before tags and actors, so it is on screen without scrolling.
        let mut item_rows = Vec::new();
        if ev.claims().is_empty() {
            self.sources_then_denials(&mut lines, &mut item_rows);
        } else {
            self.by_claim(&mut lines, &mut item_rows);
        }
        let related: Vec<String> = e
            .more
            .related
            .iter()
            .map(|id| {
                t.event(id)
                    .map_or(id.clone(), |r| format!("{} ({})", r.title, self.dates.show(&r.date)))
            })
            .collect();
        lines.push(Line::raw(""));
        field(&mut lines, theme, width, "Tags", e.tags.join(" · "));
        let actors: Vec<&str> = e.actors.iter().map(|a| t.actor_name(a)).collect();
        field(&mut lines, theme, width, "Actors", actors.join(", "));
        field(
            &mut lines,
            theme,
            width,
            "Place",
            e.more.place.as_deref().map(Place::label).unwrap_or_default(),
        );
        field(&mut lines, theme, width, "Related", related.join("; "));
        field(
            &mut lines,
            theme,
            width,
            "Note",
            e.more.notes.as_deref().unwrap_or_default().to_string(),
        );
        let media = e.more.media.as_ref().map(|m| {
            let caption = m.caption.as_deref().map(|c| format!(" — {c}"));
            let credit = m.credit.as_deref().map(|c| format!(" (credit: {c})"));
            format!("{}{}{}", m.url, caption.unwrap_or_default(), credit.unwrap_or_default())
        });
        field(&mut lines, theme, width, "Media", media.unwrap_or_default());
        Text { lines, item_rows }
    }

    /// The sources, then the denials, of an event without claims.
    fn sources_then_denials(&self, lines: &mut Vec<Line<'static>>, item_rows: &mut Vec<usize>) {
        let Build {
            e, evidence: ev, theme, ..
        } = *self;
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("SOURCES ({})", ev.sources().len()), theme.heading));
        if ev.sources().is_empty() {
            lines.push(Line::styled("  no source recorded", theme.dim));
        }
        let lineage = self.lineage();
        for i in ev.sources().iter() {
            let s = &e.sources[i];
            let head = self.source_head(&lineage, i);
            let entry = Entry {
                indent: "",
                head,
                date: s.date.as_ref(),
                via: s.more().via.as_deref(),
                quote: s.quote.as_deref(),
            };
            entry.push(self, lines, item_rows);
        }
        if !ev.denials().is_empty() {
            lines.push(Line::raw(""));
            let heading = format!("✗ DENIALS ({}): these dispute the event", ev.denials().len());
            lines.push(Line::styled(heading, theme.denial));
            for i in ev.denials().iter() {
                let d = &e.denials[i];
                let head = vec![Span::styled(format!("✗ denied by {}", d.by), theme.denial)];
                let entry = Entry {
                    indent: "",
                    head,
                    date: d.date.as_ref(),
                    via: d.via.as_deref(),
                    quote: d.quote.as_deref(),
                };
                entry.push(self, lines, item_rows);
            }
        }
    }

    /// An event with claims: the sources and denials about the whole event, then each claim with
    /// its status, lag and verdict, followed by the sources and denials that name it
    /// (README "Claims").
    fn by_claim(&self, lines: &mut Vec<Line<'static>>, item_rows: &mut Vec<usize>) {
        let Build {
            e, evidence: ev, theme, ..
        } = *self;
        let entries = ev.entries(e);
        let whole = entries
            .iter()
            .take_while(|x| matches!(x, evidence::Entry::Said(_)))
            .count();
        if whole > 0 {
            lines.push(Line::raw(""));
            lines.push(Line::styled(format!("ON THE WHOLE EVENT ({whole})"), theme.heading));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("CLAIMS ({})", ev.claims().len()), theme.heading));
        let lineage = self.lineage();
        let mut under: Option<&str> = None;
        for entry in entries {
            match entry {
                evidence::Entry::Claim(c) => {
                    under = Some(&e.more.claims[c].id);
                    self.claim(&ev.claims()[c], lines, item_rows);
                }
                evidence::Entry::Said(item) => {
                    let indent = if under.is_some() { "  " } else { "" };
                    let (mut head, date, via, quote) = match item {
                        Item::Source(i) => {
                            let s = &e.sources[i];
                            (
                                self.source_head(&lineage, i),
                                s.date.as_ref(),
                                s.more().via.as_deref(),
                                s.quote.as_deref(),
                            )
                        }
                        Item::Denial(i) => {
                            let d = &e.denials[i];
                            let head = vec![Span::styled(format!("✗ denied by {}", d.by), theme.denial)];
                            (head, d.date.as_ref(), d.via.as_deref(), d.quote.as_deref())
                        }
                    };
                    head.extend(also_on(named(e, item), under, theme.key));
                    let entry = Entry {
                        indent,
                        head,
                        date,
                        via,
                        quote,
                    };
                    entry.push(self, lines, item_rows);
                }
            }
        }
    }

    /// The dates the sources give for the event, each with the outlets giving it, when they differ
    /// from each other or from the event's date: the one `date` would hide the disagreement.
    /// With the facts under the event's date, where a reader compares them (after the researcher's
    /// own marks); the evidence is long and would push them off screen.
    fn dates_given(&self, lines: &mut Vec<Line<'static>>) {
        let Build {
            e, theme, width, dates, ..
        } = *self;
        let Some(given) = e.dates_disputed() else {
            return;
        };
        lines.push(Line::styled(format!("DATES GIVEN ({})", given.len()), theme.heading));
        for g in &given {
            let by: Vec<String> = g.sources.iter().map(|&i| e.sources[i].attribution()).collect();
            let line = Line::from(vec![
                Span::styled(format!("  {}", dates.show(g.date)), theme.key),
                Span::raw(format!(": {}", by.join("; "))),
            ]);
            push_fitting(lines, line, width, Style::new(), "    ");
        }
    }

    /// A claim's entry: its status, origins and denials, its text, its report lag and the
    /// researcher's verdict.
    fn claim(&self, c: &ClaimEvidence, lines: &mut Vec<Line<'static>>, item_rows: &mut Vec<usize>) {
        let Build { t, e, theme, width, .. } = *self;
        let selected = self.cursor == Some(item_rows.len());
        item_rows.push(lines.len());
        let claim = c.of(e);
        let head = Line::from(vec![
            Span::raw(if selected { "▸ " } else { "  " }),
            Span::styled(format!("{} ", c.status.mark()), theme.status(c.status)),
            Span::styled(claim.id.clone(), theme.title),
            Span::raw(format!(" {}", c.status)),
            Span::styled(format!(" · {}", counts(c)), theme.dim),
        ]);
        let style = if selected { theme.selected } else { Style::new() };
        push_fitting(lines, head, width, style, "    ");
        let indent = "    ";
        let inner = width.saturating_sub(indent.len()).max(1);
        for l in wrap(&claim.text, inner) {
            lines.push(Line::raw(format!("{indent}{l}")));
        }
        if let Some(lag) = Lags::of_claim(t, e, c).sentence() {
            lines.extend(
                wrap(&lag, inner)
                    .into_iter()
                    .map(|l| Line::styled(format!("{indent}{l}"), theme.dim)),
            );
        }
        if let Some(verdict) = verdict(claim) {
            lines.extend(
                wrap(&verdict, inner)
                    .into_iter()
                    .map(|l| Line::styled(format!("{indent}{l}"), theme.key)),
            );
        }
    }

    /// A source's outlet, with its origin number when the event has repeats, whom it cites, its
    /// stance, its grade and what it repeats.
    fn source_head(&self, lineage: &Lineage<'_>, i: usize) -> Vec<Span<'static>> {
        let Build {
            e, evidence: ev, theme, ..
        } = *self;
        let s = &e.sources[i];
        let mut head = Vec::new();
        // Origin numbers tell repeats apart from independent reports, when there are repeats.
        if ev.has_repeats() {
            head.push(Span::styled(format!("[{}] ", lineage.groups[i] + 1), theme.dim));
        }
        head.push(Span::styled(s.outlet().to_string(), theme.title));
        head.extend(s.citing().map(|c| Span::raw(format!(", citing {c}"))));
        head.push(Span::styled(format!(" · {}", s.more().stance.as_str()), theme.dim));
        head.extend(
            admiralty_code(s.more().reliability, s.more().credibility)
                .map(|g| Span::styled(format!(" · {g}"), theme.key)),
        );
        head.extend(lineage.repeats[i].map(|r| Span::styled(format!(" · {r}"), theme.dim)));
        head
    }

    /// The event's sources' origin groups and what each repeats, worked out once for all of them.
    fn lineage(&self) -> Lineage<'a> {
        Lineage {
            groups: origin_groups(&self.e.sources),
            repeats: repeats(self.t, &self.e.sources),
        }
    }

    /// Date and status; reports and origins; who denied it; the report lags; what the knowledge date hides.
    fn facts(&self, lines: &mut Vec<Line<'static>>) {
        let Build {
            t,
            e,
            evidence: ev,
            theme,
            width,
            ..
        } = *self;
        let status = ev.status();
        let reports = ev.sources().len();
        let facts = format!(
            " {} · {reports} report{}, {} independent origin{}",
            status.as_str(),
            plural(reports),
            ev.origins(),
            plural(ev.origins()),
        );
        let status_line = vec![
            Span::styled(self.dates.show(&e.date), theme.heading),
            Span::raw("  "),
            Span::styled(status.mark().to_string(), theme.status(status)),
            Span::styled(facts, theme.dim),
        ];
        push_fitting(lines, Line::from(status_line), width, Style::new(), "");
        // Where, next to when: a place is as basic a fact as the date.
        field(
            lines,
            theme,
            width,
            "Place",
            e.more.place.as_deref().map(Place::label).unwrap_or_default(),
        );
        if let Some(f) = self.file {
            let path = f.path.as_ref().map_or(String::new(), |p| {
                format!(" ({})", crate::text::line(&p.display().to_string()))
            });
            push_fitting(
                lines,
                Line::raw(format!("from {}{path}", f.label)),
                width,
                theme.dim,
                "  ",
            );
        }
        if let Some(m) = self.marks {
            let star = if m.starred { "★ starred" } else { "" };
            // The sidecar is a file like any other: it may have come with the timeline.
            let note = m.note.as_deref().map(crate::text::block).unwrap_or_default();
            let mut note_lines = note.split('\n');
            let first = note_lines.next().map_or(String::new(), |l| format!("✎ {l}"));
            let sep = if m.starred && m.note.is_some() { " · " } else { "" };
            push_fitting(
                lines,
                Line::raw(format!("{star}{sep}{first}")),
                width,
                theme.message,
                "  ",
            );
            // A note's further lines, under its first, as written.
            for l in note_lines {
                push_fitting(lines, Line::raw(format!("  {l}")), width, theme.message, "  ");
            }
        }
        self.dates_given(lines);
        let mut deniers: Vec<&str> = Vec::new();
        for d in ev.denials().iter().map(|i| t.actor_name(&e.denials[i].by)) {
            if !deniers.contains(&d) {
                deniers.push(d);
            }
        }
        if !deniers.is_empty() {
            lines.push(Line::styled(
                format!("✗ denied by {}", deniers.join(", ")),
                theme.denial,
            ));
        }
        if let Some(lags) = Lags::of(t, e, ev).sentence() {
            push_fitting(lines, Line::raw(lags), width, theme.dim, "  ");
        }
        if let Some(by) = ev.known_by() {
            let text = format!(
                "≤ known by {} at the latest: only the reference it was read in dates its evidence",
                self.dates.show(by)
            );
            push_fitting(lines, Line::raw(text), width, theme.message, "  ");
        }
        let hidden = (
            e.sources.len() - ev.sources().len(),
            e.denials.len() - ev.denials().len(),
        );
        if let (Some(as_of), true) = (self.as_of, hidden != (0, 0)) {
            let text = format!(
                "as of {}: {} later source{} and {} later denial{} not shown",
                self.dates.show(as_of.date()),
                hidden.0,
                plural(hidden.0),
                hidden.1,
                plural(hidden.1)
            );
            push_fitting(lines, Line::raw(text), width, theme.message, "  ");
        }
    }
}

/// " · also on met-putin, met-shoigu": the other claims a source or denial listed under `under`
/// names; nothing when it names no other.
fn also_on(claims: &[String], under: Option<&str>, style: Style) -> Option<Span<'static>> {
    let others: Vec<&str> = claims
        .iter()
        .map(String::as_str)
        .filter(|&c| Some(c) != under)
        .collect();
    (!others.is_empty()).then(|| Span::styled(format!(" · also on {}", others.join(", ")), style))
}

/// "4 origins, 1 denial": what a claim's status rests on.
pub(super) fn counts(c: &ClaimEvidence) -> String {
    format!(
        "{} origin{}, {} denial{}",
        c.origins,
        plural(c.origins),
        c.denials.len(),
        plural(c.denials.len())
    )
}

/// "verdict: false — …", when the researcher recorded one.
pub(super) fn verdict(claim: &Claim) -> Option<String> {
    let (Some(verdict), Some(rating)) = (&claim.verdict, claim.rating) else {
        return None;
    };
    Some(format!("verdict: {} — {verdict}", rating.label()))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The outlet of the reference an item was read in, or its id when the reference names none.
pub(super) fn via_outlet<'t>(t: &'t Timeline, via: Option<&'t str>) -> Option<&'t str> {
    let id = via?;
    Some(t.references.get(id).and_then(|r| r.outlet.as_deref()).unwrap_or(id))
}

/// Pushes `line` in `style` as it is when it fits, else its plain text wrapped,
/// since cutting "who said what" short would hide the attribution.
/// Wrapped lines after the first are indented by `indent`.
fn push_fitting(lines: &mut Vec<Line<'static>>, line: Line<'static>, width: usize, style: Style, indent: &str) {
    if line.width() <= width {
        lines.push(line.patch_style(style));
    } else {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        lines.extend(
            super::wrap::wrap(&text, width.max(indent.len() + 1), indent)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    }
}

/// "Label: value", wrapped, the label dimmed; nothing for an empty value.
fn field(lines: &mut Vec<Line<'static>>, theme: &Theme, width: usize, label: &str, value: String) {
    if value.is_empty() {
        return;
    }
    for (i, l) in wrap(&format!("{label}: {value}"), width).into_iter().enumerate() {
        // The label is ASCII; a line narrower than it holds a piece of it only.
        let (head, rest) = if i == 0 {
            l.split_at(l.len().min(label.len() + 1))
        } else {
            ("", l.as_str())
        };
        lines.push(Line::from(vec![
            Span::styled(head.to_string(), theme.dim),
            Span::raw(rest.to_string()),
        ]));
    }
}

/// A source or denial as the detail shows it.
struct Entry<'e> {
    /// Before the cursor's mark: more under a claim.
    indent: &'static str,
    /// Who said it (or denied it), styled.
    head: Vec<Span<'static>>,
    /// When.
    date: Option<&'e Date>,
    /// The reference it was read in.
    via: Option<&'e str>,
    /// The passage.
    quote: Option<&'e str>,
}

impl Entry<'_> {
    /// Records the entry's first row, then pushes the heading (with date and reference outlet) and,
    /// when the detail has focus, the reference title and the quote: one line, or several for the
    /// entry under the cursor.
    fn push(self, build: &Build<'_>, lines: &mut Vec<Line<'static>>, item_rows: &mut Vec<usize>) {
        let Build {
            t, theme, dates, width, ..
        } = *build;
        let expand = build.cursor.map(|c| c == item_rows.len());
        item_rows.push(lines.len());
        let selected = expand == Some(true);
        let mut spans = vec![Span::raw(self.indent), Span::raw(if selected { "▸ " } else { "  " })];
        spans.extend(self.head);
        spans.extend(
            self.date
                .map(|d| Span::styled(format!(" · {}", dates.show(d)), theme.dim)),
        );
        spans.extend(via_outlet(t, self.via).map(|o| Span::styled(format!(" · via {o}"), theme.dim)));
        let style = if selected { theme.selected } else { Style::new() };
        let indent = format!("{}    ", self.indent);
        push_fitting(lines, Line::from(spans), width, style, &indent);
        if let Some(selected) = expand {
            details(build, &indent, self.via, self.quote, selected, lines);
        }
    }
}

fn details(
    build: &Build<'_>,
    indent: &str,
    via: Option<&str>,
    quote: Option<&str>,
    selected: bool,
    lines: &mut Vec<Line<'static>>,
) {
    let Build {
        t, theme, dates, width, ..
    } = *build;
    let inner = width.saturating_sub(indent.len()).max(1);
    if let Some(r) = via.and_then(|id| t.references.get(id)) {
        let date = r
            .published
            .as_ref()
            .map_or(String::new(), |d| format!(", {}", dates.show(d)));
        let label = fit(&format!("in \"{}\"{date}", r.title), inner);
        lines.push(Line::styled(format!("{indent}{label}"), theme.dim));
    }
    if let Some(q) = quote {
        let wrapped = wrap(&format!("“{q}”"), inner);
        let shown = if selected { QUOTE_LINES } else { 1 };
        let cut = wrapped.len() > shown;
        for (i, l) in wrapped.into_iter().take(shown).enumerate() {
            let l = if cut && i + 1 == shown {
                fit(&format!("{l} …"), inner)
            } else {
                l
            };
            lines.push(Line::styled(format!("{indent}{l}"), theme.quote));
        }
    }
}
