//! The subcommands, run as a user runs them: output and exit codes.

use std::io::{BufRead, BufReader};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;

/// The binary, kept from the config of whoever runs the tests (a directory that does not exist).
fn tlx() -> Command {
    let mut cmd = Command::cargo_bin("tlx").unwrap();
    cmd.env("XDG_CONFIG_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"));
    // Nor its bookmarks of the bundled timeline, which `show` prints.
    cmd.env("XDG_DATA_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/no-data"));
    cmd
}

fn write_temp(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

/// Standard error of a run that must exit 1.
fn fails_with_1(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().code(1).get_output().stderr.clone()).unwrap()
}

#[test]
fn list_prints_the_bundled_chronology() {
    let out = tlx().arg("list").assert().success().get_output().stdout.clone();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

#[test]
fn show_prints_an_event_with_sources_and_denials() {
    let out = stdout(tlx().args(["show", "moscow-visit"]));
    insta::assert_snapshot!(out);
}

#[test]
fn show_prints_grades_repeats_media_and_denier_names_as_the_detail_does() {
    let (_dir, path) = write_temp(
        "graded.toml",
        r#"[timeline]
title = "Graded"

[actors.kremlin]
name = "The Kremlin"

[[events]]
id = "e"
date = "2015-07-24"
title = "A graded event"
media = { url = "https://example.org/photo.jpg", caption = "The photo", credit = "AP" }

  [[events.sources]]
  outlet = "AP"
  date = "2015-07-25"
  reliability = "B"
  credibility = 2

  [[events.sources]]
  outlet = "Daily Echo"
  date = "2015-07-26"
  derived_from = "AP"

  [[events.denials]]
  by = "kremlin"
  date = "2015-07-27"
"#,
    );
    let out = stdout(tlx().arg("show").arg("e").arg(&path));
    assert!(
        out.contains("Media:    https://example.org/photo.jpg  [host: example.org] — The photo (credit: AP)"),
        "{out}"
    );
    assert!(
        out.contains("  1. [origin 1] AP (reports, 25 Jul 2015, graded B2)"),
        "{out}"
    );
    assert!(
        out.contains("  2. [origin 1] Daily Echo (reports, 26 Jul 2015, repeats AP)"),
        "{out}"
    );
    assert!(out.contains("DENIED by The Kremlin (27 Jul 2015)"), "{out}");
    assert!(
        out.contains("Lags:     first reported 1 day later · denied 3 days later"),
        "{out}"
    );
}

#[test]
fn show_of_an_unknown_id_suggests_one() {
    tlx()
        .args(["show", "moscow-vist"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("did you mean `moscow-visit`?"));
}

#[test]
fn check_is_clean_on_the_bundled_timeline() {
    tlx()
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicates::str::contains("0 errors, 0 warnings"));
}

#[test]
fn check_names_the_line_and_column_of_a_bad_date() {
    let (_dir, path) = write_temp(
        "bad.toml",
        "[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ndate = \"2015-02-30\"\ntitle = \"A\"\n",
    );
    let out = tlx()
        .arg("check")
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains(&format!("{}:6:8", path.display())), "{out}");
    assert!(out.contains("February 2015 has 28 days"), "{out}");
}

#[test]
fn check_exits_2_on_unreadable_input() {
    tlx()
        .args(["check", "/no/such/file.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("/no/such/file.toml"));
    let (_dir, path) = write_temp("utf16.toml", "");
    let utf16: Vec<u8> = "[timeline]\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&path, utf16).unwrap();
    tlx()
        .arg("check")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("UTF-16"));
}

#[test]
fn commands_refuse_a_file_with_errors_and_print_them() {
    let (_dir, path) = write_temp("bad.toml", "[timeline]\ntitle = \"T\"\nsumary = \"x\"\n");
    tlx()
        .arg("list")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("bad.toml:3:1").and(predicates::str::contains("unknown key `sumary`")));
}

#[test]
fn export_json_has_the_named_events_sources_and_the_kremlin_denial() {
    let out = stdout(tlx().args(["export", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let events = v["events"].as_array().unwrap();
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    for d in ["2007", "2010", "2015-04?", "2015-07-24", "2015-08-07"] {
        assert!(dates.contains(&d), "{d} missing from {dates:?}");
    }
    let visit = events.iter().find(|e| e["id"] == "moscow-visit").unwrap();
    assert_eq!(visit["denials"][0]["by"], "The Kremlin");
    assert_eq!(visit["status"], "contested");
}

#[test]
fn export_to_a_file_writes_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    tlx().args(["export", "-o"]).arg(&path).assert().success().stdout("");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, stdout(tlx().arg("export")));
}

/// Runs tlx with `args`, reads the first line of its output, then closes the pipe as
/// `head -1` does; returns the line and how tlx ended.
fn first_line_then_close(args: &[&std::ffi::OsStr]) -> (String, std::process::Output) {
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("tlx"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here, closing the pipe.
    (first, child.wait_with_output().unwrap())
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut text = String::from("[timeline]\ntitle = \"Big\"\n");
    for i in 0..5000 {
        text += &format!("[[events]]\nid = \"e{i}\"\ndate = \"2015\"\ntitle = \"Event number {i}\"\n");
    }
    let (_dir, path) = write_temp("big.toml", &text);
    let (first, out) = first_line_then_close(&["list".as_ref(), path.as_os_str()]);
    assert!(first.contains("Event number"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty());
}

#[test]
fn plain_output_never_carries_escape_bytes_from_the_file() {
    let (_dir, path) = write_temp(
        "evil.toml",
        "[timeline]\ntitle = \"T\"\n[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"A\\u001b[2J\\u202eB\"\n",
    );
    let out = tlx()
        .arg("list")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!out.contains(&0x1b), "{:?}", String::from_utf8_lossy(&out));
    assert!(!String::from_utf8(out).unwrap().contains('\u{202e}'));
}

#[test]
fn the_explorer_prints_the_listing_when_stdout_is_not_a_terminal() {
    let explorer = tlx().assert().success().get_output().stdout.clone();
    let list = tlx().arg("list").assert().success().get_output().stdout.clone();
    assert_eq!(explorer, list);
    assert!(!explorer.contains(&0x1b));
}

#[test]
fn list_query_denied_by_kremlin_lists_exactly_the_kremlin_denied_events() {
    let out = stdout(tlx().args(["list", "--query", "denied-by:kremlin"]));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("contested") && out.contains("Soleimani arrives in Moscow"),
        "{out}"
    );
}

#[test]
fn list_as_of_replays_what_was_known() {
    let before = stdout(tlx().args(["list", "--as-of", "2015-07-25"]));
    assert!(!before.contains("arrives in Moscow"), "{before}");
    // The background facts, dated only by the 2015 articles they were read in, are marked; strict
    // leaves them out, as the explorer does.
    let ban = before.lines().find(|l| l.contains("UN imposes travel ban")).unwrap();
    assert!(ban.ends_with("  (known by 7 Aug 2015? at the latest)"), "{before}");
    assert_eq!(before.lines().count(), 10);
    let strict = stdout(tlx().args(["list", "--as-of", "2015-07-25", "--strict-as-of"]));
    assert_eq!(
        strict,
        "Jun 2015?  single-source  UN panel of experts reports Soleimani's travels to Iraq, Syria and Lebanon\n"
    );
    let shown = stdout(tlx().args(["show", "un-travel-ban-2007", "--as-of", "2010"]));
    assert!(
        shown.contains("As of:    2010: known by 7 Aug 2015? at the latest (only the reference it was read in"),
        "{shown}"
    );
    let shown = stdout(tlx().args(["show", "un-travel-ban-2007", "--as-of", "2010", "--strict-as-of"]));
    assert!(shown.contains("As of:    2010 (strict): not yet public"), "{shown}");
    tlx().args(["list", "--strict-as-of"]).assert().code(2);
    let after = stdout(tlx().args(["list", "--as-of", "2015-08-08", "--sort", "disputes"]));
    let first = after.lines().next().unwrap();
    assert!(
        first.contains("contested") && first.contains("arrives in Moscow"),
        "{after}"
    );
}

#[test]
fn a_bad_query_points_at_the_bad_term() {
    let out = tlx().args(["list", "-q", "tag:S-300 statuss:x"]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(
        err,
        "tlx: bad query at column 11: unknown field `statuss`\n  tag:S-300 statuss:x\n            ^^^^^^^^^\n  hint: did you mean `status:`?\n"
    );
}

#[test]
fn list_with_ids_starts_each_line_with_the_id_that_show_takes() {
    let plain = stdout(tlx().arg("list"));
    let with_ids = stdout(tlx().args(["list", "--ids"]));
    assert_eq!(plain.lines().count(), with_ids.lines().count());
    for (line, bare) in with_ids.lines().zip(plain.lines()) {
        let id = line.split_whitespace().next().unwrap();
        assert!(line.ends_with(bare), "the rest of the line is unchanged: {line}");
        let shown = stdout(tlx().args(["show", id]));
        assert!(shown.lines().next().unwrap().ends_with(&format!("[{id}]")), "{shown}");
    }
    let ors = stdout(tlx().args(["list", "--ids", "-q", "id:s300-lift OR id:moscow-visit"]));
    let ids: Vec<&str> = ors.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(ids, ["s300-lift", "moscow-visit"]);
}

#[test]
fn as_of_takes_a_relative_day_or_says_precisely_what_it_takes() {
    let week = stdout(tlx().args(["list", "--as-of", "last week"]));
    assert_eq!(
        week,
        stdout(tlx().arg("list")),
        "everything in the bundled timeline is older"
    );
    let out = tlx().args(["list", "--as-of", "last fortnight"]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("\"last fortnight\" is not a day tlx can count back to"),
        "{err}"
    );
    assert!(err.contains("3 months ago") && !err.contains("\"las\""), "{err}");
}

#[test]
fn export_with_a_query_writes_only_the_matching_events() {
    let md = stdout(tlx().args(["export", "-f", "markdown", "-q", "denied-by:kremlin"]));
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        sections,
        [
            "## 24 Jul 2015: Soleimani arrives in Moscow, reportedly meets Putin and Shoigu",
            "## References"
        ]
    );
    assert!(md.contains("Denied by The Kremlin"), "{md}");
}

#[test]
fn notes_lists_marks_and_flags_those_whose_event_is_gone() {
    let (dir, path) = write_temp(
        "t.toml",
        "[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"Still here\"\n",
    );
    std::fs::write(
        dir.path().join("t.toml.tlx-notes.toml"),
        "[events.a]\nstarred = true\n\n[events.gone]\nnote = \"ask again\"\ntitle = \"Renamed since\"\n",
    )
    .unwrap();
    let out = stdout(tlx().arg("notes").arg(&path));
    assert!(out.contains("★ a  2015  Still here"), "{out}");
    assert!(
        out.contains("✎ gone  (no longer in the file; was \"Renamed since\")\n    ✎ ask again"),
        "{out}"
    );
}

#[test]
fn the_explorer_merges_several_files_when_stdout_is_not_a_terminal() {
    let (dir, a) = write_temp(
        "a.toml",
        "[timeline]\ntitle = \"A\"\n\n[[events]]\nid = \"x\"\ndate = \"2016\"\ntitle = \"From A\"\n",
    );
    let b = dir.path().join("b.toml");
    std::fs::write(
        &b,
        "[timeline]\ntitle = \"B\"\n\n[[events]]\nid = \"x\"\ndate = \"2015\"\ntitle = \"From B\"\n",
    )
    .unwrap();
    let out = stdout(tlx().arg(&a).arg(&b));
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().next().unwrap().ends_with("From B"), "in date order: {out}");
}

#[test]
fn new_writes_a_starter_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    tlx()
        .arg("new")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicates::str::contains("wrote"));
    tlx()
        .args(["check", "--pedantic"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicates::str::ends_with("mine.toml: 0 errors, 0 warnings\n"));
    std::fs::write(&path, "mine").unwrap();
    tlx()
        .arg("new")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists").and(predicates::str::contains("never overwrites")));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn config_path_honours_xdg_config_home_and_config() {
    let dir = tempfile::tempdir().unwrap();
    tlx()
        .args(["config", "path"])
        .env("XDG_CONFIG_HOME", dir.path())
        .assert()
        .success()
        .stdout(format!("{}\n", dir.path().join("tlx").join("config.toml").display()));
    tlx()
        .args(["--config", "elsewhere.toml", "config", "path"])
        .assert()
        .success()
        .stdout("elsewhere.toml\n");
    tlx()
        .args(["config", "path", "--config", "after.toml"])
        .assert()
        .success()
        .stdout("after.toml\n");
}

#[test]
fn config_check_passes_a_good_config_and_locates_errors_in_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("tlx").join("config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    tlx()
        .args(["config", "check"])
        .env("XDG_CONFIG_HOME", dir.path())
        .assert()
        .code(0)
        .stdout(predicates::str::contains("no such file; tlx uses its defaults"));
    let default = stdout(tlx().args(["config", "default"]));
    std::fs::write(&config, &default).unwrap();
    tlx()
        .args(["config", "check"])
        .env("XDG_CONFIG_HOME", dir.path())
        .assert()
        .code(0)
        .stdout(predicates::str::ends_with("config.toml: 0 errors, 0 warnings\n"));
    std::fs::write(&config, "zoom = \"year\"\n[keys.browse]\n\"ctrl-n\" = \"nxt\"\n").unwrap();
    tlx()
        .args(["config", "check"])
        .env("XDG_CONFIG_HOME", dir.path())
        .assert()
        .code(1)
        .stdout(predicates::str::contains("config.toml:3:12").and(predicates::str::contains("did you mean `next`?")));
    // A file named with --config must exist.
    tlx()
        .args(["--config", "missing.toml", "config", "check"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("tlx: config missing.toml: cannot read it"));
}

#[test]
fn a_broken_config_stops_the_explorer_with_the_located_error_and_exit_2() {
    let (_dir, config) = write_temp("config.toml", "[theme]\ntitle = { fg = \"magneta\" }\n");
    tlx().arg("--config").arg(&config).assert().code(2).stdout("").stderr(
        predicates::str::contains("config.toml:2:16")
            .and(predicates::str::contains("did you mean `magenta`?"))
            .and(predicates::str::contains("config check` checks it on its own")),
    );
}

#[test]
fn completions_and_the_man_page_cover_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(tlx().args(["completions", shell]));
        for word in ["check", "export", "new", "config", "completions"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    let man = stdout(tlx().arg("man"));
    assert!(
        man.starts_with(".ie") || man.starts_with(".TH"),
        "{}",
        &man[..man.len().min(200)]
    );
    for word in [
        ".TH tlx",
        "check",
        "export",
        "new",
        "config",
        "completions",
        "\\-\\-config",
    ] {
        assert!(man.contains(word), "man page lacks {word}");
    }
}

#[test]
fn export_and_import_to_dash_write_standard_output_and_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(
        tlx()
            .current_dir(dir.path())
            .args(["export", "--format", "csv", "-o", "-"]),
    );
    assert!(out.contains("moscow-visit"), "{out}");
    let (_keep, csv) = write_temp("in.csv", "date,title\n2015-07-24,A visit\n");
    let out = stdout(tlx().current_dir(dir.path()).args(["import", "-o", "-"]).arg(&csv));
    assert!(out.contains("title = \"A visit\""), "{out}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no file named -");
}

/// `-o` at a FIFO, and at a symlink to one (as `/dev/stdout` is a link to a pipe), streams into it;
/// made in a temporary directory, never at a system path.
#[cfg(unix)]
#[test]
fn export_to_a_fifo_or_a_link_to_one_writes_through_and_keeps_them() {
    use std::os::unix::fs::{FileTypeExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let link = dir.path().join("stdout");
    symlink(&fifo, &link).unwrap();
    for path in [&fifo, &link] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        tlx()
            .args(["export", "--format", "json", "-o"])
            .arg(path)
            .assert()
            .success();
        assert!(reader.join().unwrap().contains("\"moscow-visit\""));
    }
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

#[cfg(unix)]
#[test]
fn export_to_a_directory_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    tlx()
        .args(["export", "-o"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory").and(predicate::str::contains("- for standard output")));
}

#[test]
fn a_failed_write_names_the_target_never_a_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing").join("out.md");
    let out = tlx().args(["export", "-o"]).arg(&target).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("cannot write {}", target.display())),
        "{stderr}"
    );
    assert!(!stderr.contains(".tlx-"), "{stderr}");
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "date,title,outlet\n2015,A,Fox\n").unwrap();
    let out = tlx().args(["import", "-o"]).arg(&target).arg(&csv).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("cannot write {}", target.display())),
        "{stderr}"
    );
    assert!(!stderr.contains(".tlx-"), "{stderr}");
}

fn mkfifo(path: &std::path::Path) {
    assert!(StdCommand::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn a_fifo_or_a_link_to_one_as_sidecar_is_refused_without_waiting() {
    let (dir, path) = write_temp(
        "t.toml",
        "[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ndate = \"2015\"\ntitle = \"Still here\"\n",
    );
    let sidecar = dir.path().join("t.toml.tlx-notes.toml");
    mkfifo(&sidecar);
    // A hang would be ended by the timeout and fail the test.
    tlx()
        .arg("notes")
        .arg(&path)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "t.toml.tlx-notes.toml: it is not a regular file",
        ));
    tlx()
        .arg(&path)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success()
        .stdout(predicate::str::contains("Still here"));
    std::fs::remove_file(&sidecar).unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    std::os::unix::fs::symlink(&fifo, &sidecar).unwrap();
    tlx()
        .arg("notes")
        .arg(&path)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a regular file"));
}

#[test]
fn a_closed_pipe_does_not_hide_the_findings_of_check() {
    let dir = tempfile::tempdir().unwrap();
    // Enough findings, over many files, to fill a pipe whatever the cap per file.
    let bad = "[timeline]\ntitle = \"T\"\n".to_string()
        + &(0..10)
            .map(|i| format!("[[events]]\nid = \"e{i}\"\ndate = \"2015-02-30\"\ntitle = \"Bad date {i}\"\n"))
            .collect::<String>();
    let files: Vec<_> = (0..150)
        .map(|n| {
            let path = dir.path().join(format!("bad{n}.toml"));
            std::fs::write(&path, &bad).unwrap();
            path
        })
        .collect();
    let args: Vec<&std::ffi::OsStr> = std::iter::once("check".as_ref())
        .chain(files.iter().map(|f| f.as_os_str()))
        .collect();
    let (first, out) = first_line_then_close(&args);
    // An event with a bad date is still checked in the same run: its lack of a source comes first.
    assert!(first.contains("unsourced"), "{first}");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.stderr.is_empty(),
        "quietly: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A timemap bundle with undated events: the others open everywhere, each set-aside event is
/// named with its place, `check` fails, and `import` writes only when asked to keep going.
#[test]
fn events_with_errors_are_set_aside_and_named_while_the_others_open() {
    let text = r#"{"Events": [
  {"id": "a", "date": "11/10/2022", "description": "Kept A"},
  {"id": "b", "date": "", "description": "Undated B"},
  {"id": "c", "date": "01/07/2023", "description": "Kept C"},
  {"id": "d", "date": "", "description": "Undated D"}
], "Sources": {}}"#;
    let (dir, path) = write_temp("bundle.json", text);
    let places = "(at {p}:3:3, {p}:5:3)".replace("{p}", &path.display().to_string());
    let named = || predicate::str::contains("2 events set aside").and(predicate::str::contains(places.clone()));
    let listed = tlx().arg("list").arg(&path).assert().success().stderr(named());
    let out = String::from_utf8(listed.get_output().stdout.clone()).unwrap();
    assert!(
        out.contains("Kept A") && out.contains("Kept C") && !out.contains("Undated"),
        "{out}"
    );
    tlx().args(["show", "c"]).arg(&path).assert().success().stderr(named());
    tlx()
        .args(["export", "--format", "csv"])
        .arg(&path)
        .assert()
        .success()
        .stderr(named());
    tlx().arg("check").arg(&path).assert().code(1);
    let out = dir.path().join("out.toml");
    tlx()
        .args(["import", "-o"])
        .arg(&out)
        .arg(&path)
        .assert()
        .code(1)
        .stderr(named().and(predicate::str::contains("--keep-going")));
    assert!(!out.exists(), "nothing written without --keep-going");
    tlx()
        .args(["import", "--keep-going", "-o"])
        .arg(&out)
        .arg(&path)
        .assert()
        .success()
        .stderr(named());
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("Kept C") && !written.contains("Undated"), "{written}");
    tlx().arg("check").arg(&out).assert().success();
}

#[test]
fn claimreview_export_without_any_verdict_says_so_on_stderr() {
    tlx()
        .args(["export", "--format", "claimreview"])
        .assert()
        .success()
        .stdout("[]\n")
        .stderr(predicates::str::contains("no claim has a verdict"));
}

/// Two outlets' files, as in README "Several files": `visit` is in both, `trip` in one.
fn two_files() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let event = |id: &str, date: &str, title: &str, outlet: &str| {
        format!(
            "[[events]]\nid = \"{id}\"\ndate = \"{date}\"\ntitle = \"{title}\"\n[[events.sources]]\noutlet = \"{outlet}\"\nquote = \"q\"\n"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let fox = dir.path().join("fox.toml");
    let reuters = dir.path().join("reuters.toml");
    let fox_text = format!(
        "[timeline]\ntitle = \"Fox\"\n\n{}\n{}",
        event("visit", "2015-07-24", "Fox: the visit", "Fox News"),
        event("trip", "2015-08-01", "Fox: the trip", "Fox News")
    );
    let reuters_text = format!(
        "[timeline]\ntitle = \"Reuters\"\n\n{}",
        event("visit", "2015-07-25", "Reuters: the visit", "Reuters")
    );
    std::fs::write(&fox, fox_text).unwrap();
    std::fs::write(&reuters, reuters_text).unwrap();
    (dir, fox, reuters)
}

#[test]
fn list_show_and_export_take_several_files_merged_as_the_explorer_merges_them() {
    let (dir, fox, reuters) = two_files();
    let listed = stdout(tlx().args(["list", "--ids"]).arg(&fox).arg(&reuters));
    // Each line says which file the event is from; an id both files use is namespaced.
    assert_eq!(
        listed,
        "fox:visit      fox      24 Jul 2015  single-source  Fox: the visit\n\
         reuters:visit  reuters  25 Jul 2015  single-source  Reuters: the visit\n\
         trip           fox      1 Aug 2015   single-source  Fox: the trip\n"
    );
    let one = stdout(tlx().arg("list").arg(&fox));
    assert!(!one.contains("fox "), "one file needs no label column: {one}");

    let shown = stdout(tlx().args(["show", "trip"]).arg(&fox).arg(&reuters));
    let file = format!("File:     fox ({})", fox.display());
    assert!(
        shown.starts_with("Fox: the trip  [trip]\n") && shown.contains(&file),
        "{shown}"
    );
    let shown = stdout(tlx().args(["show", "reuters:visit"]).arg(&fox).arg(&reuters));
    assert!(shown.starts_with("Reuters: the visit  [reuters:visit]"), "{shown}");
    tlx()
        .args(["show", "visit"])
        .arg(&fox)
        .arg(&reuters)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "no single event with id `visit`; it is in 2 files (fox, reuters); write `fox:visit` or `reuters:visit`",
        ));

    let csv = stdout(
        tlx()
            .args(["export", "-f", "csv", "-q", "visit"])
            .arg(&fox)
            .arg(&reuters),
    );
    assert!(
        csv.contains("fox:visit") && csv.contains("reuters:visit") && !csv.contains("trip"),
        "{csv}"
    );
    let json = stdout(tlx().args(["export"]).arg(&fox).arg(&reuters));
    assert!(json.contains("\"title\": \"Fox + Reuters\""), "{json}");
    // Neither input may be the output.
    let before = std::fs::read_to_string(&reuters).unwrap();
    tlx()
        .args(["export", "-o"])
        .arg(&reuters)
        .arg(&fox)
        .arg(&reuters)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&reuters).unwrap(), before);
    drop(dir);
}

#[test]
fn every_file_given_is_checked_before_list_show_or_export_prints_anything() {
    let (_dir, fox, _) = two_files();
    let (_bad_dir, bad) = write_temp("bad.toml", "[timeline]\ntitle = \"B\"\n[[events]]\nid = \"x\"\n");
    for args in [&["list"][..], &["show", "trip"], &["export"]] {
        tlx()
            .args(args)
            .arg(&fox)
            .arg(&bad)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("bad.toml:3:1"));
    }
}

#[test]
fn show_prints_the_researchers_marks_as_the_detail_does() {
    let (_dir, fox, reuters) = two_files();
    let sidecar = fox.with_file_name("fox.toml.tlx-notes.toml");
    std::fs::write(
        &sidecar,
        "[events.visit]\nstarred = true\nnote = \"Check the date\\nagainst Reuters\"\n",
    )
    .unwrap();
    let shown = stdout(tlx().args(["show", "fox:visit"]).arg(&fox).arg(&reuters));
    assert!(
        shown.contains("Starred:  yes\nMy note:  Check the date\n          against Reuters\n"),
        "{shown}"
    );
    let other = stdout(tlx().args(["show", "reuters:visit"]).arg(&fox).arg(&reuters));
    assert!(!other.contains("Starred") && !other.contains("My note"), "{other}");
}

/// A small timeline to add to, with a comment and odd spacing that must stay as written.
const EDITABLE: &str = r#"# my notes on the case
[timeline]
title = "Edits"

[[events]]
id = "visit"
date = "2015-07-24"
title = "The visit"   # as first reported

  [[events.sources]]
  outlet = "Fox News"
  quote = "first"

[[events]]
id = "later"
date = "2015-08-07"
title = "Later"
"#;

#[test]
fn add_source_reads_the_quote_from_standard_input_and_keeps_the_rest_of_the_file() {
    let (_dir, path) = write_temp("t.toml", EDITABLE);
    let out = tlx()
        .args(["add-source"])
        .arg(&path)
        .args([
            "visit",
            "--outlet",
            "Reuters",
            "--stance",
            "corroborates",
            "--quote",
            "-",
        ])
        .write_stdin("He said \"it happened\".\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .ends_with(": added source 2 of event \"visit\"\n")
    );
    let expected = EDITABLE.replace(
        "  quote = \"first\"\n",
        "  quote = \"first\"\n\n  [[events.sources]]\n  outlet = \"Reuters\"\n  stance = \"corroborates\"\n  quote = 'He said \"it happened\".'\n",
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    tlx().arg("check").arg(&path).assert().success();
}

#[test]
fn add_puts_the_event_in_date_order_and_add_denial_and_add_claim_follow_its_records() {
    let (_dir, path) = write_temp("t.toml", EDITABLE);
    tlx()
        .arg("add")
        .arg(&path)
        .args([
            "--date",
            "2015-08-01",
            "--title",
            "The denial",
            "--tags",
            "denial, kremlin",
        ])
        .assert()
        .success();
    tlx()
        .arg("add-claim")
        .arg(&path)
        .args(["visit", "--id", "met", "--text", "He met Putin"])
        .assert()
        .success();
    tlx()
        .arg("add-denial")
        .arg(&path)
        .args(["visit", "--by", "The Kremlin", "--claims", "met"])
        .assert()
        .success();
    let expected = EDITABLE
        .replace(
            "title = \"The visit\"   # as first reported\n",
            "title = \"The visit\"   # as first reported\n\n  [[events.claims]]\n  id = \"met\"\n  text = \"He met Putin\"\n",
        )
        .replace(
            "  quote = \"first\"\n",
            "  quote = \"first\"\n\n  [[events.denials]]\n  by = \"The Kremlin\"\n  claims = [\"met\"]\n\n[[events]]\nid = \"the-denial\"\ndate = \"2015-08-01\"\ntitle = \"The denial\"\ntags = [\"denial\", \"kremlin\"]\n",
        );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let (_dir, path) = write_temp("t.toml", EDITABLE);
    let out = stdout(
        tlx()
            .arg("add-denial")
            .arg(&path)
            .args(["later", "--by", "The Kremlin", "--dry-run"]),
    );
    let name = path.display().to_string();
    assert_eq!(
        out,
        format!(
            "--- a/{name}\n+++ b/{name}\n@@ -15,3 +15,6 @@\n id = \"later\"\n date = \"2015-08-07\"\n title = \"Later\"\n+\n+  [[events.denials]]\n+  by = \"The Kremlin\"\n"
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), EDITABLE);
}

#[test]
fn bad_input_exits_1_with_located_messages_and_writes_nothing() {
    let (_dir, path) = write_temp("t.toml", EDITABLE);
    let name = path.display().to_string();
    let err = fails_with_1(
        tlx()
            .arg("add")
            .arg(&path)
            .args(["--date", "2015-13-01", "--title", "Bad"]),
    );
    assert!(
        err.contains(&format!("{name}:21:8")) && err.contains("no month 13") && err.contains("nothing was written"),
        "{err}"
    );
    let err = fails_with_1(
        tlx()
            .arg("add-source")
            .arg(&path)
            .args(["vist", "--outlet", "AP", "--stance", "sure"]),
    );
    assert!(
        err.contains("no event has the id \"vist\"; did you mean \"visit\"?"),
        "{err}"
    );
    let err = fails_with_1(
        tlx()
            .arg("add-source")
            .arg(&path)
            .args(["visit", "--outlet", "AP", "--stance", "sure"]),
    );
    assert!(err.contains("stance") && err.contains(&format!("{name}:")), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), EDITABLE);
    tlx()
        .arg("add")
        .arg(_dir.path().join("missing.toml"))
        .args(["--date", "2015", "--title", "x"])
        .assert()
        .code(2);
}

/// Ctrl-C or a hangup during a long export used to leave a hidden `.tlx-*` file beside the
/// output, as large as what was written of it. The export of a TOML file to a CSV file is
/// written as the file is read, so its temporary file stands from the start of the reading.
#[cfg(unix)]
#[test]
fn an_export_cut_short_by_a_signal_takes_its_temporary_file_with_it() {
    use std::fmt::Write as _;
    use std::os::unix::process::ExitStatusExt;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("[timeline]\ntitle = \"Many\"\n");
    let quote = "a few words said, and said again ".repeat(20);
    for i in 0..40_000 {
        write!(
            text,
            "\n[[events]]\nid = \"e{i}\"\ndate = \"2001-02-03\"\ntitle = \"Event {i}\"\n\
             [[events.sources]]\noutlet = \"Outlet {}\"\nquote = \"{quote}\"\n",
            i % 7
        )
        .unwrap();
    }
    let input = dir.path().join("many.toml");
    std::fs::write(&input, text).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("tlx"))
        .args(["export", "-f", "csv", "-o"])
        .arg(out.join("many.csv"))
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let names = || -> Vec<String> {
        let entries = std::fs::read_dir(&out).unwrap();
        entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let since = Instant::now();
    while !names().iter().any(|n| n.starts_with(".tlx-")) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the export ended before it was cut: {:?}",
            names()
        );
        assert!(since.elapsed() < Duration::from_secs(120), "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(5));
    }
    // SAFETY: a plain kill(2) of the child this test started, which has not been reaped.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(libc::SIGTERM),
        "ended by the signal, as it would be by default"
    );
    assert_eq!(names(), Vec::<String>::new(), "nothing is left beside the output");
}
