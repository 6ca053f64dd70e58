//! The detail pane: the selected event, then its sources, then its denials, set apart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{View, fit, highlight, pane_block, wrap};
use crate::app::{Focus, Opened};
use crate::model::DateStyle;
use crate::model::evidence::{AsOf, Evidence};
use crate::model::lag::Lags;
use crate::model::origins::origin_groups;
use crate::model::{Date, Event, Place, Timeline, admiralty_code};
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
        let View { app, theme, dates, .. } = *self.0;
        let focused = app.focus() == Focus::Detail;
        let block = pane_block(theme, " Detail ", focused);
        let inner = block.inner(area);
        block.render(area, buf);
        let (Some(event), Some(evidence)) = (app.selected_event(), app.selected_evidence()) else {
            return;
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
            cursor: app.selected_item().map(|_| app.item()),
            highlights: &highlights,
            marks: app.order().get(app.selected()).and_then(|&i| app.marks(i)),
            file: app
                .order()
                .get(app.selected())
                .and_then(|&i| app.file(i))
                .filter(|_| app.files().len() > 1),
        }
        .text();
        let cursor = app.selected_item().map(|_| app.item());
        // Scroll just enough to show the whole selected item, keeping as much context above as fits.
        let height = usize::from(inner.height);
        let scroll = match cursor.and_then(|i| Some((*text.item_rows.get(i)?, text.item_rows.get(i + 1)))) {
            Some((row, next)) => next
                .copied()
                .unwrap_or(text.lines.len())
                .saturating_sub(height)
                .min(row),
            None => 0,
        };
        Paragraph::new(text.lines)
            .scroll((scroll.min(usize::from(u16::MAX)) as u16, 0))
            .render(inner, buf);
    }
}

/// What the pane is built from.
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

impl Build<'_> {
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
        self.claims(&mut lines);
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("SOURCES ({})", ev.sources.len()), theme.heading));
        if ev.sources.is_empty() {
            lines.push(Line::styled("  no source recorded", theme.dim));
        }
        let groups = origin_groups(&e.sources);
        let numbered = ev.origins < ev.sources.len();
        for &i in &ev.sources {
            let s = &e.sources[i];
            let mut head = Vec::new();
            // Origin numbers tell repeats apart from independent reports, when there are repeats.
            if numbered {
                head.push(Span::styled(format!("[{}] ", groups[i] + 1), theme.dim));
            }
            head.push(Span::styled(s.outlet.clone(), theme.title));
            head.extend(s.citing.as_ref().map(|c| Span::raw(format!(", citing {c}"))));
            head.push(Span::styled(format!(" · {}", s.stance.as_str()), theme.dim));
            head.extend(
                admiralty_code(s.reliability, s.credibility).map(|g| Span::styled(format!(" · {g}"), theme.key)),
            );
            head.extend(
                s.derived_from
                    .as_ref()
                    .map(|d| Span::styled(format!(" · repeats {d}"), theme.dim)),
            );
            head.extend(on_claims(&s.claims, theme.key));
            let entry = Entry {
                head,
                date: s.date.as_ref(),
                via: s.via.as_deref(),
                quote: s.quote.as_deref(),
            };
            entry.push(self, &mut lines, &mut item_rows);
        }
        if !ev.denials.is_empty() {
            lines.push(Line::raw(""));
            let heading = format!("✗ DENIALS ({}): these dispute the event", ev.denials.len());
            lines.push(Line::styled(heading, theme.denial));
            for &i in &ev.denials {
                let d = &e.denials[i];
                let mut head = vec![Span::styled(format!("✗ denied by {}", d.by), theme.denial)];
                head.extend(on_claims(&d.claims, theme.key));
                let entry = Entry {
                    head,
                    date: d.date.as_ref(),
                    via: d.via.as_deref(),
                    quote: d.quote.as_deref(),
                };
                entry.push(self, &mut lines, &mut item_rows);
            }
        }
        let related: Vec<String> = e
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
            e.place.as_ref().map(Place::label).unwrap_or_default(),
        );
        field(&mut lines, theme, width, "Related", related.join("; "));
        field(&mut lines, theme, width, "Note", e.notes.clone().unwrap_or_default());
        let media = e.media.as_ref().map(|m| {
            let caption = m.caption.as_deref().map(|c| format!(" — {c}"));
            let credit = m.credit.as_deref().map(|c| format!(" (credit: {c})"));
            format!("{}{}{}", m.url, caption.unwrap_or_default(), credit.unwrap_or_default())
        });
        field(&mut lines, theme, width, "Media", media.unwrap_or_default());
        Text { lines, item_rows }
    }

    /// Each claim of the event with its own status, origins and denials, its text, and the
    /// researcher's verdict (README "Claims"); nothing for an event without claims. Kept to two
    /// lines a claim so that the sources stay on screen.
    fn claims(&self, lines: &mut Vec<Line<'static>>) {
        let Build {
            e,
            evidence: ev,
            theme,
            width,
            ..
        } = *self;
        if ev.claims.is_empty() {
            return;
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("CLAIMS ({})", ev.claims.len()), theme.heading));
        for c in &ev.claims {
            let claim = c.of(e);
            let counts = format!(
                " · {} origin{}, {} denial{}",
                c.origins,
                plural(c.origins),
                c.denials.len(),
                plural(c.denials.len())
            );
            let head = Line::from(vec![
                Span::styled(format!("{} ", c.status.mark()), theme.status(c.status)),
                Span::styled(claim.id.clone(), theme.title),
                Span::raw(format!(" {}", c.status)),
                Span::styled(counts, theme.dim),
            ]);
            push_fitting(lines, head, width, Style::new(), "  ");
            for l in wrap(&claim.text, width.saturating_sub(2)) {
                lines.push(Line::raw(format!("  {l}")));
            }
            if let (Some(verdict), Some(rating)) = (&claim.verdict, claim.rating) {
                let text = format!("verdict: {} — {verdict}", rating.label());
                for l in wrap(&text, width.saturating_sub(2)) {
                    lines.push(Line::styled(format!("  {l}"), theme.key));
                }
            }
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
        let status = ev.status;
        let reports = ev.sources.len();
        let facts = format!(
            " {} · {reports} report{}, {} independent origin{}",
            status.as_str(),
            plural(reports),
            ev.origins,
            plural(ev.origins),
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
            e.place.as_ref().map(Place::label).unwrap_or_default(),
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
        let mut deniers: Vec<&str> = Vec::new();
        for d in ev.denials.iter().map(|&i| t.actor_name(&e.denials[i].by)) {
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
        let hidden = (e.sources.len() - ev.sources.len(), e.denials.len() - ev.denials.len());
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

/// " · on arrival, met-putin" after a source or denial that names claims; nothing for one about
/// the whole event.
fn on_claims(claims: &[String], style: Style) -> Option<Span<'static>> {
    (!claims.is_empty()).then(|| Span::styled(format!(" · on {}", claims.join(", ")), style))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The outlet of the reference an item was read in, or its id when the reference names none.
fn via_outlet<'t>(t: &'t Timeline, via: Option<&'t str>) -> Option<&'t str> {
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
        let mut spans = vec![Span::raw(if selected { "▸ " } else { "  " })];
        spans.extend(self.head);
        spans.extend(
            self.date
                .map(|d| Span::styled(format!(" · {}", dates.show(d)), theme.dim)),
        );
        spans.extend(via_outlet(t, self.via).map(|o| Span::styled(format!(" · via {o}"), theme.dim)));
        let style = if selected { theme.selected } else { Style::new() };
        push_fitting(lines, Line::from(spans), width, style, "    ");
        if let Some(selected) = expand {
            details(build, self.via, self.quote, selected, lines);
        }
    }
}

fn details(build: &Build<'_>, via: Option<&str>, quote: Option<&str>, selected: bool, lines: &mut Vec<Line<'static>>) {
    let Build {
        t, theme, dates, width, ..
    } = *build;
    let indent = "    ";
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
