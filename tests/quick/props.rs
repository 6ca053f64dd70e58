//! Random events written by hand and by the TOML exporter, and mangled blocks.

use proptest::prelude::*;
use thin_vec::ThinVec;
use tlx::load::quick::event;
use tlx::model::{Claim, Date, Denial, Event, EventMore, Rating, Reliability, Source, SourceFields, Stance};

use super::{agrees, blocks, full};

#[path = "../common/strategies.rs"]
mod strategies;

/// True for the characters TOML forbids raw in a string (tab and C1 controls are allowed).
fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\t') || c == '\u{7f}'
}

/// A string as a person might write it: literal when it can be and `literal` asks, else basic with
/// escapes (short ones where TOML has them, `\uXXXX` for other forbidden characters, and
/// `\UXXXXXXXX` for non-ASCII when `literal` asked but could not be had).
fn quoted(s: &str, literal: bool) -> String {
    if literal && !s.contains('\'') && !s.chars().any(forbidden) {
        return format!("'{s}'");
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\t' if literal => out.push_str("\\t"),
            c if forbidden(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c if !c.is_ascii() && literal => out.push_str(&format!("\\U{:08x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An event block written by hand, with the layout's free choices (indents, spaces around `=`,
/// comments, list forms, quoting) taken from `style`'s bits.
fn by_hand(e: &Event, style: u64) -> String {
    let bit = |n: u32| style >> (n % 64) & 1 == 1;
    let mut n = 0;
    let mut line = |out: &mut String, indent: &str, key: &str, value: String| {
        n += 3;
        let eq = if bit(n) { " = " } else { "=" };
        let comment = if bit(n + 1) { " # note" } else { "" };
        out.push_str(&format!("{indent}{key}{eq}{value}{comment}\n"));
        if bit(n + 2) {
            out.push_str("\n# between keys\n");
        }
    };
    let list = |items: &[String], k: u32| match items {
        [one] if bit(k) => quoted(one, bit(k + 1)),
        _ => {
            let quoted: Vec<String> = items.iter().map(|s| quoted(s, bit(k + 2))).collect();
            let comma = if bit(k + 3) && !items.is_empty() { "," } else { "" };
            format!("[{}{comma}]", quoted.join(", "))
        }
    };
    let mut out = String::from("[[events]]\n");
    line(&mut out, "", "id", quoted(&e.id, bit(40)));
    line(&mut out, "", "date", quoted(&e.date.text(), bit(41)));
    line(&mut out, "", "title", quoted(&e.title, bit(42)));
    if let Some(s) = &e.summary {
        line(&mut out, "", "summary", quoted(s, bit(43)));
    }
    let names = |names: &[tlx::model::Name]| names.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    line(&mut out, "", "tags", list(&names(&e.tags), 44));
    line(&mut out, "", "actors", list(&names(&e.actors), 48));
    line(&mut out, "", "related", list(&e.more.related, 52));
    let indent = if bit(56) { "  " } else { "\t" };
    for c in &e.more.claims {
        out.push_str(&format!("{indent}[[events.claims]]\n"));
        line(&mut out, indent, "id", quoted(&c.id, bit(63)));
        line(&mut out, indent, "text", quoted(&c.text, bit(0)));
        if let Some(v) = &c.verdict {
            line(&mut out, indent, "verdict", quoted(v, bit(1)));
        }
        if let Some(r) = c.rating {
            line(&mut out, indent, "rating", quoted(r.as_str(), bit(2)));
        }
    }
    for s in e.sources.iter() {
        out.push_str(&format!("{indent}[[events.sources]]\n"));
        line(&mut out, indent, "outlet", quoted(s.outlet(), bit(57)));
        if s.more().stance != Stance::Reports {
            line(&mut out, indent, "stance", quoted(s.more().stance.as_str(), bit(58)));
        }
        if let Some(dated) = &s.more().dated {
            line(&mut out, indent, "dated", quoted(&dated.text(), bit(4)));
        }
        if let Some(via) = &s.more().via {
            line(&mut out, indent, "via", quoted(via, bit(59)));
        }
        if let Some(r) = s.more().reliability {
            line(
                &mut out,
                indent,
                "reliability",
                quoted(&r.letter().to_string(), bit(60)),
            );
        }
        if let Some(c) = s.more().credibility {
            line(&mut out, indent, "credibility", c.to_string());
        }
        if !s.more().claims.is_empty() {
            line(&mut out, indent, "claims", list(&s.more().claims, 3));
        }
    }
    for d in &e.denials {
        out.push_str(&format!("{indent}[[events.denials]]\n"));
        line(&mut out, indent, "by", quoted(&d.by, bit(61)));
        if let Some(date) = &d.date {
            line(&mut out, indent, "date", quoted(&date.text(), bit(62)));
        }
        if !d.claims.is_empty() {
            line(&mut out, indent, "claims", list(&d.claims, 7));
        }
    }
    out
}

/// Text that trips parsers: quotes, backslashes, TOML punctuation, controls, line breaks, non-ASCII.
fn text() -> impl Strategy<Value = String> {
    let awkward = prop::sample::select(vec![
        '"', '\'', '\\', '\n', '\r', '\t', '\0', '\u{8}', '\u{c}', '\u{7f}', '\u{85}', '#', '=', '[', ']', ',', ' ',
        'é', '😀', '\u{2028}', '\u{feff}',
    ]);
    let chars = prop_oneof![4 => prop::char::range('a', 'z'), 2 => awkward, 1 => any::<char>()];
    prop::collection::vec(chars, 0..10).prop_map(|cs| cs.into_iter().collect())
}

fn date() -> impl Strategy<Value = Date> {
    prop::sample::select(vec![
        "2015",
        "2015-07",
        "2015-07-24",
        "2015-07~",
        "-0499?",
        "2003/..",
        "../2015",
        "2021-01-06T19:05:30Z",
    ])
    .prop_map(|d| Date::parse(d).expect("a valid date"))
}

fn source() -> impl Strategy<Value = Source> {
    (
        text(),
        prop::sample::select(Stance::ALL.to_vec()),
        proptest::option::of(text()),
        proptest::option::of(prop::sample::select(vec![
            Reliability::A,
            Reliability::C,
            Reliability::F,
        ])),
        proptest::option::of(0u8..9),
        proptest::option::of(date()),
    )
        .prop_map(|(outlet, stance, via, reliability, credibility, dated)| {
            Source::from(SourceFields {
                outlet: outlet.into(),
                stance,
                dated,
                via: via.map(Into::into),
                reliability,
                credibility,
                ..SourceFields::default()
            })
        })
}

fn denial() -> impl Strategy<Value = Denial> {
    (text(), proptest::option::of(date())).prop_map(|(by, date)| Denial {
        by: by.into(),
        date,
        ..Denial::default()
    })
}

/// A claim id: often one of a few, so that ids repeat and sources name ones that exist, sometimes
/// awkward text.
fn claim_id() -> impl Strategy<Value = String> {
    prop_oneof![4 => prop::sample::select(vec!["a", "b", "met-putin"]).prop_map(String::from), 1 => text()]
}

/// A claim, its verdict and rating drawn apart so that one may come without the other.
fn claim() -> impl Strategy<Value = Claim> {
    (
        claim_id(),
        text(),
        proptest::option::of(text()),
        proptest::option::of(prop::sample::select(Rating::ALL.to_vec())),
    )
        .prop_map(|(id, text, verdict, rating)| Claim {
            id,
            text,
            verdict,
            rating,
        })
}

fn any_event() -> impl Strategy<Value = Event> {
    let list = || prop::collection::vec(text(), 0..3).prop_map(ThinVec::from);
    let names = || prop::collection::vec(text(), 0..3).prop_map(|t| t.into_iter().map(Into::into).collect());
    let lists = (names(), names(), list());
    let named = || prop::collection::vec(claim_id(), 0..3).prop_map(ThinVec::from);
    let items = (
        prop::collection::vec((source(), named()), 0..3),
        prop::collection::vec((denial(), named()), 0..2),
        prop::collection::vec(claim(), 0..3).prop_map(ThinVec::from),
    );
    (text(), date(), text(), proptest::option::of(text()), lists, items).prop_map(
        |(id, date, title, summary, (tags, actors, related), (sources, denials, claims))| Event {
            summary: summary.map(Into::into),
            tags,
            actors,
            more: EventMore {
                related,
                claims,
                ..EventMore::default()
            }
            .into(),
            sources: sources
                .into_iter()
                .map(|(mut s, claims)| {
                    s.said.edit_more(|more| more.claims = claims);
                    s
                })
                .collect(),
            denials: denials.into_iter().map(|(d, claims)| Denial { claims, ..d }).collect(),
            ..Event::new(id, date, title)
        },
    )
}

/// Replaces, inserts or deletes characters of `block` at places and with text drawn by proptest.
fn mangle(block: &str, edits: &[(usize, usize, String)]) -> String {
    let mut s = block.to_string();
    for (at, cut, insert) in edits {
        let start = s.floor_char_boundary(at % (s.len() + 1));
        let end = s.floor_char_boundary((start + cut % 4).min(s.len()));
        s.replace_range(start..end, insert);
    }
    s
}

proptest! {
    #[test]
    fn hand_written_blocks_read_exactly_as_the_full_path_reads_them(e in any_event(), style in any::<u64>()) {
        let block = by_hand(&e, style);
        // Written in the subset, so the quick path gives up exactly where the full path finds a problem.
        prop_assert_eq!(event(&block), full(&block), "on:\n{}", block);
    }

    #[test]
    fn exported_blocks_read_as_the_full_path_reads_them(t in strategies::timeline()) {
        let text = tlx::export::toml::to_string(&t);
        for block in blocks(&text) {
            agrees(block);
        }
    }

    #[test]
    fn mangled_blocks_never_disagree(
        e in any_event(),
        style in any::<u64>(),
        edits in prop::collection::vec((any::<usize>(), any::<usize>(), "[\"'\\\\\\[\\]=#,. \n\r\tuU0-9a-z{}]{0,3}"), 1..4),
    ) {
        agrees(&mangle(&by_hand(&e, style), &edits));
    }
}
