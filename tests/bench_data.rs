//! The benchmarks' generated timelines (benches/support/generate.rs) are valid tlx files, the
//! TOML, CSV and JSON hold the same events (read back by tlx), and the facts the benchmarks look for on screen hold.

#[path = "../benches/support/generate.rs"]
mod generate;

use std::io;
use std::path::PathBuf;

use generate::{NEEDLE, Plan, Spec};
use tlx::load::{Document, Loaded, Options};

fn written(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut bytes = Vec::new();
    write(&mut bytes).unwrap();
    String::from_utf8(bytes).unwrap()
}

fn load(name: &str, text: String) -> Loaded {
    let doc = Document {
        name: name.into(),
        path: Some(PathBuf::from(name)),
        text: text.into(),
    };
    let loaded = doc.load(Options::default());
    assert!(
        loaded.diagnostics.is_empty(),
        "{name}: {:#?}",
        &loaded.diagnostics[..3.min(loaded.diagnostics.len())]
    );
    loaded
}

#[test]
fn toml_csv_and_json_hold_the_same_valid_events() {
    let plan = Plan::new(Spec { events: 400, seed: 3 });
    let toml = load("t.toml", written(|w| plan.write_toml(w)));
    let csv = load("t.csv", written(|w| plan.write_csv(w)));
    assert_eq!(toml.timeline.events.len(), 400);
    assert_eq!(csv.timeline.events, toml.timeline.events);
    let json_text = written(|w| plan.write_json(w));
    let json: serde_json::Value = serde_json::from_str(&json_text).unwrap();
    let exported: serde_json::Value = serde_json::from_str(&tlx::export::json::to_string(&toml.timeline)).unwrap();
    assert_eq!(json, exported);
    // tlx reads its JSON back, so the benchmark opens it as it opens the TOML and the CSV.
    assert_eq!(load("t.json", json_text).timeline.events, toml.timeline.events);
}

#[test]
fn the_chronology_follows_the_ids_and_the_facts_name_the_right_events() {
    let plan = Plan::new(Spec { events: 1000, seed: 1 });
    let t = load("t.toml", written(|w| plan.write_toml(w))).timeline;
    let chronological: Vec<&str> = t.in_date_order().map(|e| e.id.as_str()).collect();
    let by_id: Vec<String> = (1..=1000).map(|n| format!("ev-{n:07}")).collect();
    assert_eq!(chronological, by_id);
    let file_order: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
    assert_ne!(file_order, chronological, "the file is shuffled");

    let facts = plan.facts();
    assert_eq!(facts.events, 1000);
    assert_eq!(t.event("ev-0001000").unwrap().title, *facts.last_title);
    assert_eq!(facts.first_in_file, file_order[0]);
    assert_eq!(facts.last_in_file, file_order[999]);
    let holders: Vec<&str> = t
        .events
        .iter()
        .filter(|e| format!("{e:?}").contains(NEEDLE))
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(holders, ["ev-0000991"]);
    assert_eq!(facts.needle_id, "ev-0000991");
    assert!(t.event(&facts.needle_id).unwrap().title.contains(NEEDLE));

    let days = t.events.iter().filter(|e| e.date.text().len() == 10).count();
    let years = t.events.iter().filter(|e| e.date.text().len() == 4).count();
    assert!(
        (550..650).contains(&days) && (110..190).contains(&years),
        "{days} days, {years} years"
    );
    let denied = t.events.iter().filter(|e| !e.denials.is_empty()).count();
    assert!((30..90).contains(&denied), "{denied} denied");
}

#[test]
fn a_seed_gives_the_same_bytes_every_time() {
    let toml = |seed| written(|w| Plan::new(Spec { events: 50, seed }).write_toml(w));
    assert_eq!(toml(9), toml(9));
    assert_ne!(toml(9), toml(10));
}
