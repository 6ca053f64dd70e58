//! SVG export: a static picture of the timeline for a report or a slide. A horizontal time axis
//! with the explorer's ticks and labels, one marker per event shaped and coloured by status (with
//! a legend), labels stacked in lanes so none overlaps, intervals as bars, approximate and
//! uncertain dates faded and dashed, exact dates coarser than a marker dotted. 1200 pixels wide; the height grows with the lanes.

use std::io::{self, Write};

use rayon::prelude::*;
use unicode_width::UnicodeWidthStr;

use super::lanes;
use super::markup::xml;
use crate::axis::{Window, ticks};
use crate::model::{Event, Status, Timeline};

const WIDTH: f64 = 1200.0;
const MARGIN: f64 = 40.0;
/// Width of an axis column: the tick layout works in character cells, and this is one cell of
/// the 12px labels with room to spare, so labels the explorer keeps apart stay apart here.
const COLUMN: f64 = 8.0;
/// Estimated advance of one character of a 12px label, for stacking labels in lanes.
const CHAR: f64 = 7.0;
const AXIS_Y: f64 = 108.0;
/// How the extent of an approximate or uncertain date is drawn.
const UNCERTAIN: &str = " stroke-dasharray=\"4 3\"";
/// How the extent of an exact date coarser than a marker (`2015`) is drawn.
const COARSE: &str = " stroke-dasharray=\"1 3\"";
const FIRST_LANE_Y: f64 = AXIS_Y + 28.0;
const LANE: f64 = 22.0;
/// Longest event label, in characters, before it is cut with "…".
const LABEL_CHARS: usize = 60;
const FONT: &str = "DejaVu Sans, Helvetica, Arial, sans-serif";
/// Events whose text is made at a time.
const BATCH: usize = 4096;

/// The timeline as a standalone SVG document, ending with a newline.
pub fn to_string(t: &Timeline) -> String {
    let mut out = Vec::new();
    write(t, &mut out).expect("a Vec takes every write");
    String::from_utf8(out).expect("the picture is written from strings")
}

/// Writes the picture of `t` to `out` as it is drawn, an event at a time: its size is known once
/// every label has its lane, and its text, whole, took half a gigabyte at a million events.
pub fn write(t: &Timeline, out: &mut dyn Write) -> io::Result<()> {
    let order: Vec<(&Event, Status)> = t.in_date_order().map(|e| (e, e.status())).collect();
    draw(&t.timeline.title, &order, out, &mut |_| {})
}

/// [`write`] of the events `order` gives, in date order, each with the status it is drawn with,
/// under `title`, calling `drawn` with how many were drawn after each batch of them: the
/// explorer draws the events it shows with their status as of its knowledge date, where a copy
/// of each with only the sources known then took 300 MiB at a million.
pub fn draw(
    title: &str,
    order: &[(&Event, Status)],
    out: &mut dyn Write,
    drawn: &mut dyn FnMut(usize),
) -> io::Result<()> {
    let window = Window::fit_dates(order.par_iter().map(|(e, _)| &e.date));
    let placed: Vec<Placed> = order.par_iter().map(|(e, _)| place(e, &window)).collect();
    let extents: Vec<(f64, f64)> = placed.iter().map(|p| p.extent).collect();
    let lane_of = lanes::assign(&extents, CHAR);
    let lanes = lane_of.iter().max().map_or(0, |l| l + 1);
    let height = FIRST_LANE_Y + lanes as f64 * LANE + 16.0;

    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" font-family=\"{FONT}\" font-size=\"12\">"
    )?;
    write!(
        out,
        "<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
        xml(title)
    )?;
    writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"34\" font-size=\"20\" font-weight=\"bold\" fill=\"#222\">{}</text>",
        xml(&cut(title, 100))
    )?;
    out.write_all(legend().as_bytes())?;
    out.write_all(axis(&window, height).as_bytes())?;
    let rows: Vec<(&Event, Status, &Placed, f64)> = order
        .iter()
        .zip(&placed)
        .zip(lane_of)
        .map(|((&(e, status), p), lane)| (e, status, p, FIRST_LANE_Y + lane as f64 * LANE))
        .collect();
    // Guides first, so that no guide crosses a label drawn before it.
    out.write_all(b"<g class=\"guides\" stroke=\"#ccc\">\n")?;
    for &(_, _, p, y) in &rows {
        let dash = if p.fuzzy { " stroke-dasharray=\"3 3\"" } else { "" };
        let x = coord(p.x);
        writeln!(
            out,
            "<line x1=\"{x}\" y1=\"{AXIS_Y}\" x2=\"{x}\" y2=\"{}\"{dash}/>",
            coord(y)
        )?;
    }
    out.write_all(b"</g>\n")?;
    // Formatted a batch at a time on every core, written in order.
    for batch in rows.chunks(BATCH) {
        let texts: Vec<String> = (batch.par_iter())
            .map(|&(e, status, p, y)| event(e, status, p, y))
            .collect();
        texts.iter().try_for_each(|text| out.write_all(text.as_bytes()))?;
        drawn(batch.len());
    }
    out.write_all(b"</svg>\n")
}

/// Where an event goes across the picture, before its lane is known.
struct Placed {
    /// The marker's x (the event's earliest instant).
    x: f64,
    /// Where its extent ends (its latest instant), for bars.
    end: f64,
    /// Where the label ([`label`]) starts; it runs right of the marker, or left of it near the
    /// right edge. The label itself is made again when drawn: kept for every event until then,
    /// it took 150 MiB at a million.
    label_x: f64,
    anchor_end: bool,
    /// What the event occupies in its lane: marker, bar and label.
    extent: (f64, f64),
    /// Whether its date is approximate or uncertain, for its guide, drawn on one thread.
    fuzzy: bool,
}

fn place(e: &Event, window: &Window) -> Placed {
    let value = e.date.value();
    let (x, end) = (x_of(value.earliest(), window), x_of(value.latest(), window));
    let (date, title) = label(e);
    let width = (date.width() + 1 + title.width()) as f64 * CHAR;
    let anchor_end = x + 10.0 + width > WIDTH - MARGIN / 2.0;
    let (label_x, from, to) = if anchor_end {
        (x - 10.0, x - 10.0 - width, end.max(x + 6.0))
    } else {
        (x + 10.0, x - 6.0, (x + 10.0 + width).max(end))
    };
    Placed {
        x,
        end,
        label_x,
        anchor_end,
        extent: (from, to),
        fuzzy: e.date.is_fuzzy(),
    }
}

/// An event's label: its date, then its title cut to fit.
fn label(e: &Event) -> (String, String) {
    let date = e.date.human();
    let title = cut(&e.title, LABEL_CHARS.saturating_sub(date.width()));
    (date, title)
}

/// The x of an instant, clamped to the plot.
fn x_of(t: i64, window: &Window) -> f64 {
    let span = window.span().max(1) as f64;
    let share = ((i128::from(t) - i128::from(window.start)) as f64 / span).clamp(0.0, 1.0);
    MARGIN + share * (WIDTH - 2.0 * MARGIN)
}

fn axis(window: &Window, height: f64) -> String {
    let (left, right, bottom) = (MARGIN, WIDTH - MARGIN, height - 12.0);
    let mut out = format!(
        "<g class=\"axis\" fill=\"#444\">\n<line x1=\"{left}\" y1=\"{AXIS_Y}\" x2=\"{right}\" y2=\"{AXIS_Y}\" \
         stroke=\"#444\"/>\n"
    );
    let columns = ((WIDTH - 2.0 * MARGIN) / COLUMN) as u16;
    for tick in ticks(window, columns) {
        let x = coord(x_of(tick.at, window));
        out += &format!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{bottom}\" stroke=\"#e4e4e4\"/>\
             <line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#444\"/>\
             <text class=\"tick\" x=\"{x}\" y=\"{}\">{}</text>\n",
            AXIS_Y + 5.0,
            AXIS_Y - 4.0,
            AXIS_Y + 5.0,
            AXIS_Y - 8.0,
            xml(&tick.label)
        );
    }
    out + "</g>\n"
}

fn event(e: &Event, status: Status, p: &Placed, y: f64) -> String {
    let fuzzy = e.date.is_fuzzy();
    let opacity = if fuzzy { "0.55" } else { "1" };
    let (date, title) = label(e);
    let mut out = format!(
        "<g class=\"event\" opacity=\"{opacity}\"><title>{}</title>\n",
        xml(&format!("{date} — {} ({status})", e.title))
    );
    // Wider than a marker: an interval (solid), an approximate or uncertain date (dashed) or an
    // exact date coarser than a marker (dotted), as the explorer's axis tells them apart; drawn
    // under the label rather than through it.
    if p.end - p.x > 3.0 {
        let dashes = if fuzzy {
            UNCERTAIN
        } else if e.date.is_interval() {
            ""
        } else {
            COARSE
        };
        out += &format!(
            "<line class=\"extent\" x1=\"{}\" y1=\"{by}\" x2=\"{}\" y2=\"{by}\" stroke=\"{}\" \
             stroke-width=\"4\" stroke-opacity=\"0.6\"{dashes}/>\n",
            coord(p.x),
            coord(p.end),
            colour(status),
            by = coord(y + 9.0)
        );
    }
    out += &marker(status, p.x, y, "marker");
    let anchor = if p.anchor_end { " text-anchor=\"end\"" } else { "" };
    let style = if fuzzy { " font-style=\"italic\"" } else { "" };
    out += &format!(
        "<text x=\"{}\" y=\"{}\" fill=\"#222\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\"{anchor}{style}><tspan font-weight=\"bold\">{}</tspan> {}</text>\n</g>\n",
        coord(p.label_x),
        coord(y + 4.0),
        xml(&date),
        xml(&title)
    );
    out
}

/// The status's shape at (x, y), as distinct as the terminal's marks so colour is not needed.
fn marker(status: Status, x: f64, y: f64, class: &str) -> String {
    let c = colour(status);
    let (x, y) = (coord(x), coord(y));
    let head = format!("class=\"{class} {}\"", status.as_str());
    match status {
        Status::Unsourced => format!("<circle {head} cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{c}\"/>\n"),
        Status::SingleSource => {
            format!("<circle {head} cx=\"{x}\" cy=\"{y}\" r=\"5\" fill=\"white\" stroke=\"{c}\" stroke-width=\"2\"/>\n")
        }
        Status::Corroborated => format!("<circle {head} cx=\"{x}\" cy=\"{y}\" r=\"6\" fill=\"{c}\"/>\n"),
        Status::Denied => format!(
            "<path {head} transform=\"translate({x} {y})\" d=\"M-5-5L5 5M5-5L-5 5\" stroke=\"{c}\" stroke-width=\"2.5\"/>\n"
        ),
        Status::Contested => {
            format!("<path {head} transform=\"translate({x} {y})\" d=\"M0-7L7 0L0 7L-7 0Z\" fill=\"{c}\"/>\n")
        }
    }
}

fn colour(status: Status) -> &'static str {
    match status {
        Status::Unsourced => "#888888",
        Status::SingleSource => "#2f6fbf",
        Status::Corroborated => "#2a8a44",
        Status::Denied => "#c62828",
        Status::Contested => "#d97a00",
    }
}

/// One row under the title: each status's marker and word, then the bar and dash conventions.
fn legend() -> String {
    let y = 62.0;
    let mut x = MARGIN + 6.0;
    let mut out = String::from("<g class=\"legend\" fill=\"#444\">\n");
    for status in Status::ALL {
        out += &marker(status, x, y, "key");
        let word = status.as_str();
        out += &format!(
            "<text x=\"{}\" y=\"{}\"><title>{}</title>{word}</text>\n",
            coord(x + 10.0),
            coord(y + 4.0),
            status.meaning()
        );
        x += 36.0 + word.len() as f64 * CHAR;
    }
    for (text, dashes) in [("interval", ""), ("uncertain date", UNCERTAIN), ("coarse date", COARSE)] {
        out += &format!(
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#888\" stroke-width=\"4\" \
             stroke-opacity=\"0.6\"{dashes}/><text x=\"{}\" y=\"{}\">{text}</text>\n",
            coord(x - 6.0),
            coord(x + 18.0),
            coord(x + 24.0),
            coord(y + 4.0)
        );
        x += 48.0 + text.len() as f64 * CHAR;
    }
    out + "</g>\n"
}

/// The text cut to `max` columns with "…".
fn cut(text: &str, max: usize) -> String {
    let text = crate::text::words(text);
    if text.width() <= max {
        return text.into_owned();
    }
    let out: String = if one_column_each(&text) {
        text.chars().take(max.saturating_sub(1)).collect()
    } else {
        // A text's width is not always the sum of its characters' (an emoji's variation
        // selector, a ligature), so each longer piece is measured whole.
        let mut out = String::new();
        for c in text.chars() {
            if out.width() + 1 >= max {
                break;
            }
            out.push(c);
        }
        out
    };
    out.trim_end().to_string() + "…"
}

/// True when every character of `text` takes one column, alone and among the others: printable
/// ASCII, Latin-1 but the soft hyphen, and the Latin extensions, which most titles are written
/// in. Its width is then its count of characters, found without measuring each piece of it
/// again (which was a third of a million events' picture).
fn one_column_each(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(c, ' '..='~' | '\u{A1}'..='\u{AC}' | '\u{AE}'..='\u{2FF}'))
}

/// A coordinate with one decimal, trailing ".0" dropped, to keep the file small and stable.
fn coord(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_and_coordinates_are_short() {
        assert_eq!(cut("a  b\nc", 10), "a b c");
        assert_eq!(cut("abcdefghijkl", 6), "abcde…");
        assert_eq!(cut("Gdańsk: the port authority", 9), "Gdańsk:…");
        assert_eq!(cut("❤\u{FE0F}❤\u{FE0F}❤\u{FE0F}", 5), "❤\u{FE0F}❤\u{FE0F}…");
        assert_eq!(coord(12.0), "12");
        assert_eq!(coord(12.345), "12.3");
    }

    #[test]
    fn a_text_of_characters_one_column_each_is_as_wide_as_it_is_long() {
        let each: String = ('\0'..='\u{2FF}')
            .filter(|&c| one_column_each(&c.to_string()))
            .collect();
        assert_eq!(each.chars().count(), 95 + 12 + 594);
        assert!(each.chars().all(|c| c.to_string().width() == 1), "alone");
        assert_eq!(each.width(), each.chars().count(), "among the others");
        for a in each.chars() {
            for b in each.chars() {
                assert_eq!([a, b].iter().collect::<String>().width(), 2, "{a:?} {b:?}");
            }
        }
    }
}
