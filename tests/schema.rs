//! The committed JSON Schema is current, and agrees with the loader.

use regex::Regex;
use serde_json::Value;
use tlx::load::walk;
use tlx::model::Date;
use tlx::model::timeline::date_pattern;

const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/timeline.schema.json");

#[test]
fn committed_schema_is_current() {
    let generated = tlx::schema::json() + "\n";
    if std::env::var_os("TLX_BLESS").is_some() {
        std::fs::write(COMMITTED, &generated).unwrap();
        return;
    }
    assert!(
        std::fs::read_to_string(COMMITTED).unwrap() == generated,
        "assets/timeline.schema.json is stale: run `TLX_BLESS=1 cargo test --test schema` and commit it"
    );
}

fn properties<'a>(schema: &'a Value, def: &str) -> Vec<&'a str> {
    let node = if def.is_empty() { schema } else { &schema["$defs"][def] };
    let mut keys: Vec<&str> = node["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn sorted(keys: &[&'static str]) -> Vec<&'static str> {
    let mut keys = keys.to_vec();
    keys.sort_unstable();
    keys
}

#[test]
fn loader_and_schema_know_the_same_keys() {
    let schema: Value = serde_json::from_str(&tlx::schema::json()).unwrap();
    assert_eq!(properties(&schema, ""), sorted(walk::ROOT_KEYS));
    assert_eq!(properties(&schema, "Meta"), sorted(walk::META_KEYS));
    assert_eq!(properties(&schema, "Reference"), sorted(walk::REFERENCE_KEYS));
    assert_eq!(properties(&schema, "Actor"), sorted(walk::ACTOR_KEYS));
    assert_eq!(properties(&schema, "Event"), sorted(walk::EVENT_KEYS));
    assert_eq!(properties(&schema, "Media"), sorted(walk::MEDIA_KEYS));
    assert_eq!(properties(&schema, "Place"), sorted(walk::PLACE_KEYS));
    assert_eq!(properties(&schema, "Source"), sorted(walk::SOURCE_KEYS));
    assert_eq!(properties(&schema, "Denial"), sorted(walk::DENIAL_KEYS));
}

#[test]
fn schema_date_pattern_matches_what_the_parser_accepts() {
    let re = Regex::new(&date_pattern()).unwrap();
    let valid = [
        "2007",
        "2015-04",
        "2015-07-24",
        "2015-07-24T14:30:00Z",
        "2015-07-24T14:30+03:00",
        "2015-06~",
        "2015-06?",
        "2015-06%",
        "2015-07-24/2015-07-27",
        "2015-07/..",
        "../2015",
        "-0499",
        "Y-13800000000",
    ];
    for s in valid {
        assert!(re.is_match(s) && Date::parse(s).is_ok(), "{s}");
    }
    // Shapes the pattern rejects, so editors flag them as they are typed.
    for s in ["15", "July 2015", "2015-7-24", "2015/", "2015-07-24 10:00"] {
        assert!(!re.is_match(s) && Date::parse(s).is_err(), "{s}");
    }
}
