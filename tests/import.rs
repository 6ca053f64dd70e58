//! Importing other tools' files, as a user does it: every command reads them, and `tlx import`
//! writes a TOML file that `tlx check` accepts with the same events.

use assert_cmd::Command;
use predicates::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn tlx() -> Command {
    Command::cargo_bin("tlx").unwrap()
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

fn list(path: &str) -> String {
    let out = tlx()
        .arg("list")
        .arg(path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn list_reads_each_format_with_the_dates_as_precise_as_written() {
    let timelinejs = list(&fixture("timelinejs.json"));
    for line in [
        "600 BCE – 400 BCE  unsourced      Classical era",
        "500 BCE            unsourced      Battle long ago",
        "Jul 1943           unsourced      Month only",
        "1951 – 1953        single-source  Empty parts",
        "9 Aug 1963         corroborated   A Musical Heritage",
        "24 Jul 2015 14:30  unsourced      With a time",
    ] {
        assert!(timelinejs.contains(line), "{line:?} not in\n{timelinejs}");
    }
    let timemap = list(&fixture("timemap.json"));
    assert!(
        timemap.starts_with("10 Nov 2022       corroborated   Damage to a residential building.\n"),
        "{timemap}"
    );
    assert!(
        timemap.contains("7 Jan 2023 23:15  single-source  A school damaged"),
        "{timemap}"
    );
    let csv = list(&fixture("sources.csv"));
    assert_eq!(
        csv,
        "500 BCE      unsourced      A battle long ago\n\
         24 Jul 2015  contested      Arrives in Moscow, meets Putin\n\
         Aug 2015     unsourced      A month\n"
    );
}

#[test]
fn show_has_the_mapped_sources_and_the_notes() {
    let out = tlx()
        .args(["show", "heritage"])
        .arg(fixture("timelinejs.json"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for needle in [
        "Summary:  Born in Newark.",
        "Second paragraph.",
        "via Commons",
        "https://commons.example/1",
        "Tom Marcello",
        "https://flickr.example/2",
        "Background image: https://example.org/bg.jpg",
        "TimelineJS showed the date as: August 1963",
    ] {
        assert!(out.contains(needle), "{needle:?} not in\n{out}");
    }
}

#[test]
fn import_writes_a_file_that_checks_clean_with_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["timelinejs.json", "timemap.json", "sources.csv"] {
        let out = dir.path().join(format!("{name}.toml"));
        tlx()
            .arg("import")
            .arg(fixture(name))
            .arg("-o")
            .arg(&out)
            .assert()
            .success()
            .stdout("")
            .stderr(predicate::str::contains("wrote"));
        tlx()
            .arg("check")
            .arg(&out)
            .assert()
            .success()
            .stdout(predicate::str::contains(": 0 errors"));
        assert_eq!(list(out.to_str().unwrap()), list(&fixture(name)), "{name}");
    }
}

#[test]
fn import_summarises_what_it_mapped_and_locates_what_it_did_not() {
    let path = fixture("timemap.json");
    tlx()
        .arg("import")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# A tlx timeline"))
        .stderr(
            predicate::str::contains("as timemap JSON: 2 events, 4 sources, 0 denials")
                .and(predicate::str::contains(format!("{path}:28:18")))
                .and(predicate::str::contains("no event names the source `srcUnused`"))
                .and(predicate::str::contains(
                    "`mode` (2 times) is not imported: associations become tags",
                ))
                .and(predicate::str::contains("the 4 warnings above")),
        );
    tlx()
        .arg("import")
        .arg(fixture("sources.csv"))
        .assert()
        .success()
        .stderr(
            predicate::str::contains("sources.csv:1:81").and(predicate::str::contains("unknown column `confidence`")),
        );
}

#[test]
fn import_refuses_to_overwrite_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, "date,title\n2015,A\n").unwrap();
    tlx()
        .current_dir(dir.path())
        .args(["import", "t.csv", "-o", "./t.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is the file being imported"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "date,title\n2015,A\n");
}

#[test]
fn errors_are_located_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(
        &path,
        "{\n  \"events\": [\n    {\"start_date\": {\"year\": 2015},}\n  ]\n}\n",
    )
    .unwrap();
    let out = dir.path().join("out.toml");
    tlx()
        .arg("import")
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.json:3:35").and(predicate::str::contains("JSON syntax")));
    assert!(!out.exists());
    tlx()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("broken.json:3:35"));
}

#[test]
fn export_toml_converts_too() {
    let out = tlx()
        .args(["export", "--format", "toml"])
        .arg(fixture("sources.csv"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("date = \"-0499\"  # 500 BCE"), "{out}");
    assert!(out.contains("[[events.denials]]\n  by = \"The Kremlin\""), "{out}");
}
