//! Real files: the bundled timeline, the test fixtures and a generated benchmark timeline.

// Shared with the benchmarks, which use the CSV, JSON and facts this test does not need.
#[allow(dead_code)]
#[path = "../../benches/support/generate.rs"]
mod generate;

use std::path::Path;

use generate::{Plan, Spec};
use tlx::load::BUNDLED;

use super::{agrees, blocks};

#[test]
fn every_block_of_the_bundled_timeline_is_read_quickly_and_agrees() {
    let blocks = blocks(BUNDLED);
    assert!(blocks.len() >= 12);
    for block in blocks {
        assert!(agrees(block).is_some(), "the quick path gave up on:\n{block}");
    }
}

#[test]
fn every_block_of_a_generated_timeline_is_read_quickly_and_agrees() {
    let mut text = Vec::new();
    Plan::new(Spec { events: 2_000, seed: 5 })
        .write_toml(&mut text)
        .unwrap();
    let text = String::from_utf8(text).unwrap();
    let blocks = blocks(&text);
    assert_eq!(blocks.len(), 2_000);
    for block in blocks {
        assert!(agrees(block).is_some(), "the quick path gave up on:\n{block}");
    }
}

#[test]
fn blocks_of_the_fixtures_agree_where_read() {
    let mut files = Vec::new();
    for dir in ["tests/fixtures", "tests/fixtures/hostile"] {
        for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    let mut read = 0;
    for path in &files {
        // Some hostile fixtures are not UTF-8 at all; the loader refuses those before parsing.
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        read += blocks(&text).into_iter().filter_map(agrees).count();
    }
    // 12 blocks are in the subset (tricky.toml's and the hostile files' clean events); a quick
    // path that gave up on them all would test nothing here.
    assert!(read >= 12, "only {read} fixture blocks were read quickly");
}
