//! JSON with the byte span of every value, so importers can point at what they could not map.
//!
//! serde_json checks the syntax and borrows each value's text (`RawValue`); where that text sits in
//! the input gives its span. Every level is read the same way, down to the leaves.

use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::diagnostic::Diagnostic;

/// Deeper nesting is refused rather than risk the stack; real timeline files nest a few levels.
const MAX_DEPTH: usize = 64;

/// A JSON value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Byte range of the value in the input.
    pub span: Range<usize>,
    /// The value.
    pub value: Value,
}

/// A JSON value whose children are located [`Node`]s.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true`, `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// `[...]`
    Array(Vec<Node>),
    /// `{...}`, keys in file order.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The value of `key` when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The items when this is an array (an empty slice otherwise).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    /// The entries when this is an object (an empty slice otherwise).
    pub fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            Value::Object(entries) => entries,
            _ => &[],
        }
    }

    /// A string, or a number or boolean as written; `None` for null, arrays and objects.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) | Value::Number(s) => Some(s),
            Value::Bool(true) => Some("true"),
            Value::Bool(false) => Some("false"),
            _ => None,
        }
    }

    /// Trimmed text of a scalar, `None` when absent, null or blank (TimelineJS writes "" for "not given").
    pub fn given(&self) -> Option<&str> {
        self.text().map(str::trim).filter(|s| !s.is_empty())
    }

    /// True for null, blank strings, and arrays and objects holding nothing else: "not given".
    pub fn is_blank(&self) -> bool {
        match &self.value {
            Value::Null => true,
            Value::String(s) => s.trim().is_empty(),
            Value::Array(items) => items.iter().all(Node::is_blank),
            Value::Object(entries) => entries.iter().all(|(_, n)| n.is_blank()),
            Value::Bool(_) | Value::Number(_) => false,
        }
    }

    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

impl fmt::Display for Node {
    /// The value as compact JSON (strings unquoted), for keeping unmapped data in notes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Value::Null => f.write_str("null"),
            Value::Array(items) => {
                let parts: Vec<String> = items.iter().map(|n| n.quoted()).collect();
                write!(f, "[{}]", parts.join(", "))
            }
            Value::Object(entries) => {
                let parts: Vec<String> = entries.iter().map(|(k, n)| format!("{k}: {}", n.quoted())).collect();
                write!(f, "{{{}}}", parts.join(", "))
            }
            _ => f.write_str(self.text().unwrap_or_default()),
        }
    }
}

impl Node {
    /// The value as serde_json holds it, to be read through the model's serde form.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => serde_json::from_str(n).unwrap_or(J::Null),
            Value::String(s) => J::String(s.clone()),
            Value::Array(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Object(entries) => J::Object(entries.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()),
        }
    }

    fn quoted(&self) -> String {
        match &self.value {
            Value::String(s) => serde_json::Value::from(s.as_str()).to_string(),
            _ => self.to_string(),
        }
    }
}

/// The items of the array at `key` (none when absent); any other value there is reported as an error.
pub fn array<'a>(node: &'a Node, key: &str, diags: &mut Vec<Diagnostic>) -> &'a [Node] {
    expect(node, key, "an array", diags).map_or(&[], Node::items)
}

/// The entries of the object at `key` (none when absent); any other value there is reported as an error.
pub fn object<'a>(node: &'a Node, key: &str, diags: &mut Vec<Diagnostic>) -> &'a [(String, Node)] {
    expect(node, key, "an object", diags).map_or(&[], Node::entries)
}

fn expect<'a>(node: &'a Node, key: &str, kind: &str, diags: &mut Vec<Diagnostic>) -> Option<&'a Node> {
    let value = node.get(key)?;
    if value.kind() != kind {
        diags.push(
            Diagnostic::error(
                "wrong-type",
                value.span.clone(),
                format!("`{key}` must be {kind}, not {}", value.kind()),
            )
            .with_hint(format!("write `{key}` as {kind}, as the format does")),
        );
        return None;
    }
    Some(value)
}

/// Parses JSON text, counting in `parsed` (see [`count_half`]); a syntax error becomes a located
/// diagnostic.
fn parse(text: &str, parsed: Option<&AtomicU64>) -> Result<Node, Diagnostic> {
    let raw: &RawValue = serde_json::from_str(text).map_err(|e| syntax_error(text, &e))?;
    node(text, raw, 0, parsed)
}

/// Parses JSON text, or records where it is broken in `diags` and gives `None`; counts in
/// `parsed` the values built, for a load shown as it goes.
pub fn parse_into(text: &str, diags: &mut Vec<Diagnostic>, parsed: Option<&AtomicU64>) -> Option<Node> {
    parse(text, parsed).map_err(|d| diags.push(d)).ok()
}

/// Counts half of `node`'s bytes in `parsed`: a JSON file's events are counted as they are built
/// into values, then as they are read into events, each about half the work.
pub fn count_half(node: &Node, parsed: Option<&AtomicU64>) {
    if let Some(parsed) = parsed {
        parsed.fetch_add(node.span.len() as u64 / 2, Ordering::Relaxed);
    }
}

fn node(text: &str, raw: &RawValue, depth: usize, parsed: Option<&AtomicU64>) -> Result<Node, Diagnostic> {
    let body = raw.get();
    let start = body.as_ptr() as usize - text.as_ptr() as usize;
    let span = start..start + body.len();
    if depth > MAX_DEPTH {
        return Err(
            Diagnostic::error("syntax", span, format!("JSON nested more than {MAX_DEPTH} levels deep"))
                .with_hint("timeline files nest a few levels; is this the right file?"),
        );
    }
    let located = |e: serde_json::Error| syntax_error(text, &e);
    let value = match body.as_bytes().first() {
        Some(b'{') => {
            let Entries(entries) = serde_json::from_str(body).map_err(located)?;
            let mut out = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                out.push((k, node(text, v, depth + 1, parsed)?));
            }
            Value::Object(out)
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(body).map_err(located)?;
            let items = items.into_iter().map(|v| node(text, v, depth + 1, parsed));
            Value::Array(items.collect::<Result<_, _>>()?)
        }
        Some(b'"') => Value::String(serde_json::from_str(body).map_err(located)?),
        Some(b't') => Value::Bool(true),
        Some(b'f') => Value::Bool(false),
        Some(b'n') => Value::Null,
        _ => Value::Number(body.to_string()),
    };
    let node = Node { span, value };
    // The items of the top-level arrays and objects: the events, in each format.
    if depth == 2 {
        count_half(&node, parsed);
    }
    Ok(node)
}

/// How much of `head`, the start of a JSON object too long to read whole, holds whole items of
/// its first top-level array at one of `keys`: the top-level keys written up to that array (it
/// last, each as written between its quotes), and where its last whole item in `head` ends.
/// `None` when `head` is not the start of an object, or no item of such an array ends in it.
/// Only brackets and strings are followed, so this costs a pass over the bytes; what it cuts is
/// then parsed and checked as usual.
pub fn whole_items<'t>(head: &'t str, keys: &[&str]) -> Option<(Vec<&'t str>, usize)> {
    let bytes = head.as_bytes();
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if bytes[start] != b'{' {
        return None;
    }
    let mut seen = Vec::new();
    let mut depth = 0usize;
    // Inside the wanted array: the end of its last whole item so far.
    let mut items: Option<Option<usize>> = None;
    let mut key_next = false;
    let mut string: Option<usize> = None;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if let Some(from) = string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => {
                    string = None;
                    if depth == 1 && key_next {
                        seen.push(&head[from..i]);
                    }
                }
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => string = Some(i + 1),
            b'{' | b'[' => {
                depth += 1;
                key_next = depth == 1;
                if depth == 2 && b == b'[' && seen.last().is_some_and(|k| keys.contains(k)) {
                    items = Some(None);
                }
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                match items {
                    Some(_) if depth == 2 => items = Some(Some(i + 1)),
                    // The array closed within `head`: all its items are whole.
                    Some(last) if depth == 1 => return Some((seen, last?)),
                    _ => {}
                }
            }
            b',' if depth == 1 => key_next = true,
            b':' if depth == 1 => key_next = false,
            _ => {}
        }
    }
    Some((seen, items??))
}

/// An object's entries in file order, duplicates kept.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(EntriesVisitor)
    }
}

/// serde_json reports a line and column; the diagnostic needs a byte span.
fn syntax_error(text: &str, e: &serde_json::Error) -> Diagnostic {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (line_start + e.column().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    Diagnostic::error("syntax", at..at + 1, format!("JSON syntax: {message}"))
        .with_hint("check the JSON syntax here (quotes, commas, brackets); a JSON linter can help")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_knows_its_span() {
        let text = " {\"a\": [1, \"x\\n\"], \"b\": {\"c\": null}, \"a\": true}";
        let root = parse(text, None).unwrap();
        assert_eq!(&text[root.span.clone()], &text[1..]);
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.span.clone()], "[1, \"x\\n\"]");
        assert_eq!(a.items()[1].value, Value::String("x\n".into()));
        assert_eq!(&text[a.items()[0].span.clone()], "1");
        let c = root.get("b").unwrap().get("c").unwrap();
        assert_eq!(&text[c.span.clone()], "null");
        assert_eq!(root.entries().len(), 3, "duplicate keys are kept");
    }

    #[test]
    fn syntax_errors_are_located() {
        let text = "{\n  \"a\": 1,\n  \"b\": ]\n}";
        let d = parse(text, None).unwrap_err();
        let span = d.span.unwrap();
        assert_eq!(&text[span.start..span.start + 1], "]");
        assert!(d.message.starts_with("JSON syntax: expected value"), "{}", d.message);
    }

    #[test]
    fn whole_items_end_after_the_last_item_closed_in_the_head() {
        let text = r#" {"title": {"events": [1]}, "s": "\"events\": [", "events": [{"a": "]}\\"}, [{"b": [2]}], {"c": "x"}, {"d""#;
        let (keys, end) = whole_items(text, &["events"]).unwrap();
        assert_eq!(
            keys,
            ["title", "s", "events"],
            "keys at the top level only, values skipped"
        );
        assert_eq!(&text[end - 10..end], r#"{"c": "x"}"#);
        let closed = format!("{}]}}", &text[..end]);
        assert_eq!(parse(&closed, None).unwrap().get("events").unwrap().items().len(), 3);
        // The whole array in the head: every item.
        let (_, end) = whole_items(r#"{"events": [{}, {}], "more": 1"#, &["events"]).unwrap();
        assert_eq!(end, 18);
    }

    #[test]
    fn whole_items_needs_an_object_holding_a_whole_item_of_the_array() {
        assert_eq!(whole_items(r#"[{"events": [{}]}]"#, &["events"]), None, "not an object");
        assert_eq!(whole_items(r#"{"events": [{"a": 1"#, &["events"]), None, "no item ends");
        assert_eq!(whole_items(r#"{"events": [], "x": [{}]"#, &["events"]), None, "empty");
        assert_eq!(whole_items(r#"{"eras": [{}, {}"#, &["events"]), None, "another array");
        assert_eq!(
            whole_items(r#"{"events": [{}]}}]]]"#, &["events"]).map(|k| k.1),
            Some(14)
        );
        assert_eq!(whole_items("{]]", &["events"]), None, "unbalanced");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(&text, None).is_err());
        let text = "[".repeat(100_000);
        assert!(parse(&text, None).is_err());
    }

    #[test]
    fn displays_compactly_for_notes() {
        let root = parse(r#"{"k": ["a", 2, {"x": "y\"z"}], "s": "plain"}"#, None).unwrap();
        assert_eq!(root.get("k").unwrap().to_string(), r#"["a", 2, {x: "y\"z"}]"#);
        assert_eq!(root.get("s").unwrap().to_string(), "plain");
        assert!(parse(r#"{"a": ["", null, {"b": " "}]}"#, None).unwrap().is_blank());
        assert!(!parse(r#"{"a": [0]}"#, None).unwrap().is_blank());
    }
}
