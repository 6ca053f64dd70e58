//! TOML writer: a clean, commented timeline file that the loader reads back as the same timeline.
//!
//! Values are formatted by the `toml` crate, so escaping is its job, except for the characters a
//! terminal or editor would not show as written (bidi overrides, zero-width spaces), which the
//! crate writes raw and we escape; the layout (tables, their order, indentation, comments) is
//! ours, following the annotated example in the README.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{Pieces, no_outline};
use crate::model::{Date, Denial, Event, Rating, Source, Stance, Timeline};

const HEADER: &str = "\
# A tlx timeline, format version 1, documented in tlx's README (\"The timeline format\").
# Check it with `tlx check FILE`; open it with `tlx FILE`.
";

/// The timeline as a TOML document in the format's canonical layout, ending with a newline.
pub fn to_string(t: &Timeline) -> String {
    PIECES.whole(t, t.events.iter())
}

/// The TOML export in pieces: the timeline's own tables, then each event's.
pub(super) const PIECES: Pieces = Pieces {
    head,
    outline: no_outline,
    event: |_, e, _, first| {
        let mut out = Table::new(String::new());
        if first {
            out.comment("Events, in any order: tlx sorts them by date.");
        }
        event(&mut out, e);
        out.text
    },
    tail: |_, _, _| String::new(),
    trimmed: false,
};

/// The header comment, the `[timeline]` table, and the references' and actors' tables.
fn head(t: &Timeline) -> String {
    let mut out = Table::new(HEADER.to_string());
    out.header("", "[timeline]");
    let m = &t.timeline;
    out.string("title", &m.title);
    out.value("version", m.version.map(i64::from));
    out.optional("description", m.description.as_deref());
    out.list("authors", &m.authors);
    out.date("updated", m.updated.as_ref());
    out.optional("language", m.language.as_deref());
    if !t.references.is_empty() {
        out.comment("Documents read, keyed by id; sources and denials name them with `via`.");
    }
    for (id, r) in &t.references {
        out.header("", &format!("[references.{}]", key(id)));
        out.string("title", &r.title);
        out.optional("outlet", r.outlet.as_deref());
        out.date("published", r.published.as_ref());
        out.optional("url", r.url.as_deref());
        out.optional("archived", r.archived.as_deref());
        out.date("accessed", r.accessed.as_ref());
        out.optional("note", r.note.as_deref());
    }
    if !t.actors.is_empty() {
        out.comment("People and organisations, keyed by id; events name them in `actors`.");
    }
    for (id, a) in &t.actors {
        out.header("", &format!("[actors.{}]", key(id)));
        out.string("name", &a.name);
        out.optional("kind", a.kind.as_deref());
        out.list("aliases", &a.aliases);
        out.optional("description", a.description.as_deref());
    }
    out.text
}

fn event(out: &mut Table, e: &Event) {
    out.header("", "[[events]]");
    out.string("id", &e.id);
    out.date("date", Some(&e.date));
    out.string("title", &e.title);
    out.optional("summary", e.summary.as_deref());
    out.list("tags", &e.tags);
    out.list("actors", &e.actors);
    out.list("related", &e.more.related);
    out.optional("notes", e.more.notes.as_deref());
    if let Some(m) = &e.more.media {
        out.header("  ", "[events.media]");
        out.string("url", &m.url);
        out.optional("caption", m.caption.as_deref());
        out.optional("credit", m.credit.as_deref());
    }
    if let Some(p) = &e.more.place {
        out.header("  ", "[events.place]");
        out.optional("name", p.name.as_deref());
        out.value("lat", p.lat);
        out.value("lon", p.lon);
    }
    for c in &e.more.claims {
        out.header("  ", "[[events.claims]]");
        out.string("id", &c.id);
        out.string("text", &c.text);
        out.optional("verdict", c.verdict.as_deref());
        out.optional("rating", c.rating.map(Rating::as_str));
    }
    for s in e.sources.iter() {
        source(out, s);
    }
    for d in &e.denials {
        denial(out, d);
    }
}

fn source(out: &mut Table, s: &Source) {
    out.header("  ", "[[events.sources]]");
    out.string("outlet", s.outlet());
    out.optional("citing", s.citing());
    if s.more().stance != Stance::Reports {
        out.string("stance", s.more().stance.as_str());
    }
    out.date("date", s.date.as_ref());
    out.date("dated", s.more().dated.as_ref());
    out.optional("via", s.more().via.as_deref());
    out.optional("quote", s.quote.as_deref());
    out.optional("url", s.url.as_deref());
    out.optional("derived_from", s.more().derived_from.as_deref());
    out.optional(
        "reliability",
        s.more().reliability.map(|r| r.letter().to_string()).as_deref(),
    );
    out.value("credibility", s.more().credibility.map(i64::from));
    out.list("claims", &s.more().claims);
}

fn denial(out: &mut Table, d: &Denial) {
    out.header("  ", "[[events.denials]]");
    out.string("by", &d.by);
    out.date("date", d.date.as_ref());
    out.optional("via", d.via.as_deref());
    out.optional("quote", d.quote.as_deref());
    out.optional("url", d.url.as_deref());
    out.list("claims", &d.claims);
}

/// The document being written, and the indentation of the table whose keys come next.
struct Table {
    text: String,
    indent: &'static str,
}

impl Table {
    fn new(text: String) -> Self {
        Table { text, indent: "" }
    }

    fn header(&mut self, indent: &'static str, header: &str) {
        self.indent = indent;
        let _ = write!(self.text, "\n{indent}{header}\n");
    }

    fn comment(&mut self, text: &str) {
        let _ = write!(self.text, "\n# {text}\n");
    }

    /// A number, as the `toml` crate writes it.
    fn value(&mut self, name: &str, value: Option<impl Into<toml::Value>>) {
        if let Some(v) = value {
            let _ = writeln!(self.text, "{}{} = {}", self.indent, key(name), v.into());
        }
    }

    fn optional(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.key(name);
            quoted(&mut self.text, value);
            self.text.push('\n');
        }
    }

    fn string(&mut self, name: &str, value: &str) {
        self.optional(name, Some(value));
    }

    fn list<T: AsRef<str>>(&mut self, name: &str, items: &[T]) {
        if items.is_empty() {
            return;
        }
        self.key(name);
        self.text.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            quoted(&mut self.text, item.as_ref());
        }
        self.text.push_str("]\n");
    }

    fn key(&mut self, name: &str) {
        let _ = write!(self.text, "{}{} = ", self.indent, key(name));
    }

    /// Dates are written as the text they were read from; BCE years get their reading as a comment,
    /// since astronomical numbering (-0499 is 500 BCE) surprises.
    fn date(&mut self, name: &str, date: Option<&Date>) {
        let Some(date) = date else { return };
        self.string(name, &date.text());
        let human = date.human();
        if human.contains("BCE") {
            self.text.pop();
            let _ = writeln!(self.text, "  # {human}");
        }
    }
}

/// A key as TOML wants it: bare when it can be, quoted and escaped otherwise. Value formatting
/// may choose multi-line strings, which keys cannot be, so the serializer writes the key itself.
fn key(name: &str) -> Cow<'_, str> {
    // A bare key, as nearly every one is, is written as it is: asking the crate, which
    // serializes a table to find out, took a tenth of a million events' export.
    if !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Cow::Borrowed(name);
    }
    if has_hidden(name) {
        return Cow::Owned(escaped(name));
    }
    let mut table = toml::Table::new();
    table.insert(name.to_string(), toml::Value::Integer(0));
    let line = toml::to_string(&table).expect("a one-key table always serializes");
    Cow::Owned(line.trim_end().strip_suffix(" = 0").unwrap_or(&line).to_string())
}

/// Appends a string as written: in the quotes the `toml` crate would choose (its writer, called
/// as the crate calls it, without a copy of the string into a `toml::Value`), unless it holds a
/// hidden character other than a line break or tab, which the crate would write raw.
fn quoted(out: &mut String, s: &str) {
    if has_hidden(s) {
        out.push_str(&escaped(s));
    } else {
        let _ = toml_writer::TomlWrite::value(out, s);
    }
}

fn has_hidden(s: &str) -> bool {
    // Printable ASCII is never hidden, and is most text: a byte test spares it the Unicode tables.
    !s.bytes().all(|b| (b' '..=b'~').contains(&b))
        && s.chars()
            .any(|c| crate::text::is_hidden(c) && !matches!(c, '\n' | '\t'))
}

/// A basic string with every hidden character escaped: `\u202E` reads back as U+202E, and shows
/// in any editor as what it is.
fn escaped(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        let _ = match c {
            '"' => write!(out, "\\\""),
            '\\' => write!(out, "\\\\"),
            '\n' => write!(out, "\\n"),
            '\t' => write!(out, "\\t"),
            '\r' => write!(out, "\\r"),
            c if crate::text::is_hidden(c) && u32::from(c) > 0xFFFF => write!(out, "\\U{:08X}", u32::from(c)),
            c if crate::text::is_hidden(c) => write!(out, "\\u{:04X}", u32::from(c)),
            c => write!(out, "{c}"),
        };
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};

    fn reload(text: &str) -> crate::load::Loaded {
        let doc = Document {
            name: "written.toml".into(),
            path: None,
            text: text.to_string().into(),
        };
        doc.load(Options::default())
    }

    #[test]
    fn the_bundled_timeline_reads_back_unchanged() {
        let t = Document::bundled().load(Options::default()).timeline;
        let text = to_string(&t);
        let back = reload(&text);
        let src = crate::diagnostic::SourceText::new("written.toml", &text);
        assert!(!back.has_errors(), "{}", src.render_all(&back.diagnostics));
        assert_eq!(back.timeline, t);
        assert!(text.starts_with("# A tlx timeline"));
        assert!(text.contains("\n  [[events.sources]]\n  outlet = "));
    }

    /// A key of TOML's bare characters is written bare; any other is quoted, and reads back.
    #[test]
    fn keys_are_bare_where_toml_allows_and_quoted_elsewhere() {
        for name in ["id", "moscow-visit", "a_1", "2015", "-"] {
            assert!(matches!(key(name), Cow::Borrowed(k) if k == name), "{name}");
        }
        for (name, written) in [("", "\"\""), ("a.b", "\"a.b\""), ("é", "\"é\""), ("a b", "\"a b\"")] {
            assert_eq!(key(name), written);
            let table: toml::Table = toml::from_str(&format!("{written} = 0")).unwrap();
            assert!(table.contains_key(name), "{name:?}");
        }
    }

    #[test]
    fn awkward_strings_and_bce_dates_survive() {
        let mut t = Document::bundled().load(Options::default()).timeline;
        let e = &mut t.events[0];
        e.title = "Quotes \" and ' and \\ and\nnewlines \t tabs \u{7f} and \"\"\" triple".into();
        e.date = Date::parse("-0499/..").unwrap();
        e.more
            .edit(|more| more.notes = Some("line one\r\nline two '''\n".into()));
        t.references
            .insert("needs quoting.id é\nand a newline".into(), Default::default());
        t.references["needs quoting.id é\nand a newline"].title = "T".into();
        let text = to_string(&t);
        assert!(text.contains("date = \"-0499/..\"  # 500 BCE – …"), "{text}");
        let back = reload(&text);
        assert!(!back.has_errors(), "{:?}", back.diagnostics);
        assert_eq!(back.timeline, t);
    }

    #[test]
    fn hidden_characters_in_ids_and_text_are_escaped_and_read_back() {
        let t = reload(
            "[timeline]\ntitle = \"T\"\n[actors.\"a\\u202Eb\"]\nname = \"A\"\n[[events]]\nid = \"e\\u202E\\u200B\"\n\
             date = \"2015\"\ntitle = \"t\\u2066x\"\ntags = [\"\\uFEFFtag\", \"plain\"]\nactors = [\"a\\u202Eb\"]\n",
        )
        .timeline;
        let written = to_string(&t);
        assert!(
            !written.chars().any(|c| crate::text::is_hidden(c) && c != '\n'),
            "{written}"
        );
        assert!(written.contains("id = \"e\\u202E\\u200B\""), "{written}");
        assert!(written.contains("[actors.\"a\\u202Eb\"]"), "{written}");
        assert_eq!(reload(&written).timeline, t);
    }
}
