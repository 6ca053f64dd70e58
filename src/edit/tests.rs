use toml_edit::DocumentMut;

use super::*;
use crate::model::vocabulary::get;

const FILE: &str = r#"# A timeline with comments.
[timeline]
title = "T"   # kept

[[events]]
id = "a"
date = "2015-01-01"
title = 'A, quoted singly'

  # the first source
  [[events.sources]]
  outlet = "AP"
  quote = "q"

  [[events.denials]]
  by = "K"

[[events]]
id = "c"
date = "2015-03-01"
title = "C"
tags = [ "x",  "y" ]
# trailing comment
"#;

fn doc() -> DocumentMut {
    FILE.parse().unwrap()
}

fn text(s: &str) -> Input {
    Input::Text(s.into())
}

/// Applies the edit, returns the text, and checks that its undo restores the file exactly and
/// that the redo the undo returns makes the same text again.
fn edited(edit: &Edit) -> String {
    let mut d = doc();
    let undo = edit.apply(&mut d).unwrap();
    let after = d.to_string();
    let redo = undo.apply(&mut d).unwrap();
    assert_eq!(d.to_string(), FILE);
    redo.apply(&mut d).unwrap();
    assert_eq!(d.to_string(), after);
    after
}

#[test]
fn a_new_source_goes_after_the_events_last_source_in_its_style() {
    let after = edited(&Edit::Add {
        event: "a".into(),
        part: Part::Source,
        values: vec![
            (get(Record::Source, "outlet"), text("Reuters")),
            (get(Record::Source, "quote"), text("it \"was\" so")),
        ],
    });
    assert_eq!(
        after,
        FILE.replace(
            "  quote = \"q\"\n",
            "  quote = \"q\"\n\n  [[events.sources]]\n  outlet = \"Reuters\"\n  quote = 'it \"was\" so'\n"
        )
    );
}

#[test]
fn a_first_claim_goes_before_the_sources() {
    let after = edited(&Edit::Add {
        event: "a".into(),
        part: Part::Claim,
        values: vec![
            (get(Record::Claim, "id"), text("c1")),
            (get(Record::Claim, "text"), text("It happened")),
        ],
    });
    assert_eq!(
        after,
        FILE.replace(
            "title = 'A, quoted singly'\n",
            "title = 'A, quoted singly'\n\n  [[events.claims]]\n  id = \"c1\"\n  text = \"It happened\"\n"
        )
    );
}

#[test]
fn a_new_event_goes_in_date_order() {
    let after = edited(&Edit::AddEvent {
        values: vec![
            (get(Record::Event, "id"), text("b")),
            (get(Record::Event, "date"), text("2015-02")),
            (get(Record::Event, "title"), text("B")),
        ],
    });
    assert_eq!(
        after,
        FILE.replace(
            "  by = \"K\"\n",
            "  by = \"K\"\n\n[[events]]\nid = \"b\"\ndate = \"2015-02\"\ntitle = \"B\"\n"
        )
    );
}

#[test]
fn a_field_is_set_in_place_keeping_its_comment_added_at_the_end_or_removed() {
    let set = |target: Target, field, value: Option<&str>| {
        edited(&Edit::Set {
            target,
            field,
            value: value.map(text),
        })
    };
    let after = set(Target::Event("c".into()), get(Record::Event, "tags"), Some("x, z"));
    assert_eq!(after, FILE.replace("tags = [ \"x\",  \"y\" ]", "tags = [\"x\", \"z\"]"));
    let after = set(
        Target::Item {
            event: "a".into(),
            part: Part::Source,
            index: 0,
        },
        get(Record::Source, "credibility"),
        Some("2"),
    );
    assert_eq!(
        after,
        FILE.replace("  quote = \"q\"\n", "  quote = \"q\"\n  credibility = 2\n")
    );
    let after = set(Target::Event("a".into()), get(Record::Event, "title"), None);
    assert_eq!(after, FILE.replace("title = 'A, quoted singly'\n", ""));
}

#[test]
fn a_delete_takes_the_comments_above_the_record_and_its_undo_puts_them_back() {
    let after = edited(&Edit::Delete {
        target: Target::Item {
            event: "a".into(),
            part: Part::Source,
            index: 0,
        },
    });
    assert_eq!(
        after,
        FILE.replace(
            "\n  # the first source\n  [[events.sources]]\n  outlet = \"AP\"\n  quote = \"q\"\n",
            ""
        )
    );
    let after = edited(&Edit::Delete {
        target: Target::Event("a".into()),
    });
    assert!(
        after.starts_with("# A timeline with comments.\n[timeline]\ntitle = \"T\"   # kept\n\n[[events]]\nid = \"c\""),
        "{after}"
    );
}

#[test]
fn refusals_name_what_is_missing_and_leave_the_document_alone() {
    let mut d = doc();
    let e = Edit::Delete {
        target: Target::Event("cc".into()),
    }
    .apply(&mut d)
    .unwrap_err();
    assert_eq!(e.to_string(), "no event has the id \"cc\"; did you mean \"c\"?");
    let e = Edit::Set {
        target: Target::Event("a".into()),
        field: get(Record::Source, "outlet"),
        value: None,
    }
    .apply(&mut d)
    .unwrap_err();
    assert_eq!(e.to_string(), "outlet is a field of a source, not of an event");
    assert_eq!(d.to_string(), FILE);
}

#[test]
fn an_undo_is_refused_on_a_document_changed_since() {
    let mut d = doc();
    let undo = Edit::Delete {
        target: Target::Event("a".into()),
    }
    .apply(&mut d)
    .unwrap();
    Edit::Delete {
        target: Target::Event("c".into()),
    }
    .apply(&mut d)
    .unwrap();
    assert_eq!(undo.apply(&mut d).unwrap_err(), Refused::Stale);
}

/// An implied table (`actors` of `[actors.k]`) writes nothing, so it must not count among the
/// places a removed table remembers (it once shifted a source restored by an undo).
#[test]
fn a_delete_undone_after_other_edits_are_undone_goes_back_to_its_place() {
    let file = "[timeline]\ntitle = \"Edited\"\n[[events]]\nid = \"e0\"\ndate = \"2015-01-01\"\ntitle = \"Event 0\"\n[[events.denials]]\nby = \"d0x0\"\n[[events.claims]]\nid = \"c0x1\"\ntext = \"said\"\n[[events.denials]]\nby = \"d0x2\"\n[[events.sources]]\noutlet = \"o0x3\"\n\n[actors.k]\nname = \"The Kremlin\"\n";
    let mut d: DocumentMut = file.parse().unwrap();
    let e1 = Edit::Delete {
        target: Target::Item {
            event: "e0".into(),
            part: Part::Source,
            index: 0,
        },
    };
    let e2 = Edit::AddEvent {
        values: vec![
            (get(Record::Event, "id"), text("n")),
            (get(Record::Event, "date"), text("2015-01-01")),
        ],
    };
    let u1 = e1.apply(&mut d).unwrap();
    let a1 = d.to_string();
    let u2 = e2.apply(&mut d).unwrap();
    let a2 = d.to_string();
    let r2 = u2.apply(&mut d).unwrap();
    assert_eq!(d.to_string(), a1);
    let r1 = u1.apply(&mut d).unwrap();
    assert_eq!(d.to_string(), file);
    r1.apply(&mut d).unwrap();
    assert_eq!(d.to_string(), a1);
    r2.apply(&mut d).unwrap();
    assert_eq!(d.to_string(), a2);
}
