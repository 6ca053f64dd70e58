//! The user's text editor (`$VISUAL`, else `$EDITOR`, else `vi`), run on the terminal the
//! explorer gives up for it: on a timeline file at an event's line, or on a note in a temporary
//! file.

use std::ffi::OsString;
use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus};

/// The editor tlx falls back on, as git does, when neither variable names one.
const FALLBACK: &str = "vi";

/// The editor the environment names: `$VISUAL` first (a full-screen editor, which is what tlx
/// needs), then `$EDITOR`, split as a shell would split it ("code -w", "emacs -nw") but never run
/// through one.
pub(super) fn program(visual: Option<OsString>, editor: Option<OsString>) -> Result<Vec<String>, String> {
    let set = |v: Option<OsString>| v.filter(|v| !v.is_empty());
    let Some(value) = set(visual).or_else(|| set(editor)) else {
        return Ok(vec![FALLBACK.to_string()]);
    };
    let value = value.to_string_lossy().into_owned();
    shlex::split(&value)
        .filter(|words| !words.is_empty())
        .ok_or_else(|| format!("the editor \"{value}\" (from $VISUAL or $EDITOR) is not a command line"))
}

/// The arguments that open `path` at `line` for the editor `program` names: `+LINE` for the
/// editors known to take it (vi and its kin, emacs, nano and others), `-g PATH:LINE` for VS
/// Code, `PATH:LINE` for those that read that; the path alone for any other, which would take
/// `+LINE` for a file name.
pub(super) fn arguments(program: &str, path: &Path, line: Option<usize>) -> Vec<OsString> {
    let name = Path::new(program)
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let name = name.strip_suffix(".exe").unwrap_or(&name);
    let at = |line: usize| {
        let mut with = path.as_os_str().to_owned();
        with.push(format!(":{line}"));
        with
    };
    match line {
        Some(line) if takes_plus_line(name) => vec![format!("+{line}").into(), path.into()],
        Some(line) if matches!(name, "code" | "codium" | "code-insiders") => vec!["-g".into(), at(line)],
        Some(line) if matches!(name, "subl" | "hx" | "helix" | "zed" | "mate") => vec![at(line)],
        _ => vec![path.into()],
    }
}

/// True for the editors that open a file at a line given as `+LINE` before it.
fn takes_plus_line(name: &str) -> bool {
    matches!(
        name,
        "vi" | "vim"
            | "nvim"
            | "gvim"
            | "view"
            | "vis"
            | "elvis"
            | "nvi"
            | "ex"
            | "emacs"
            | "emacsclient"
            | "mg"
            | "nano"
            | "pico"
            | "micro"
            | "kak"
            | "joe"
            | "jed"
            | "ne"
            | "mcedit"
            | "kate"
            | "gedit"
    )
}

/// Runs the editor on `path` (at `line`) with the terminal, and waits for it.
pub(super) fn run(program: &[String], path: &Path, line: Option<usize>) -> io::Result<ExitStatus> {
    let (first, rest) = program.split_first().ok_or(io::ErrorKind::InvalidInput)?;
    Command::new(first)
        .args(rest)
        .args(arguments(first, path, line))
        .status()
}

/// The line (from 1) where the event `id` begins in a tlx TOML file: its `[[events]]` header.
/// `None` when the text is not TOML or holds no such event (another tool's format).
pub(super) fn line_of_event(text: &str, id: &str) -> Option<usize> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let events = doc.as_table().get("events")?.as_array_of_tables()?;
    let table = events
        .iter()
        .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))?;
    let start = table.span()?.start;
    // The span starts at the header; a comment above it belongs to the event too, but the
    // header is where the eye looks for it.
    Some(text[..start].matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_comes_before_editor_and_vi_is_the_fallback() {
        let os = |s: &str| Some(OsString::from(s));
        assert_eq!(program(os("nvim"), os("nano")).unwrap(), ["nvim"]);
        assert_eq!(program(os(""), os("emacs -nw")).unwrap(), ["emacs", "-nw"]);
        assert_eq!(program(None, None).unwrap(), ["vi"]);
        assert_eq!(
            program(None, os("'/opt/my editor/ed' -x")).unwrap(),
            ["/opt/my editor/ed", "-x"]
        );
        let unclosed = program(None, os("vim 'oops")).unwrap_err();
        assert!(unclosed.contains("vim 'oops"), "{unclosed}");
    }

    #[test]
    fn the_line_is_given_the_way_each_editor_reads_it() {
        let p = Path::new("/tmp/t.toml");
        let args = |prog: &str, line| {
            arguments(prog, p, line)
                .into_iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(args("/usr/bin/vim", Some(12)), ["+12", "/tmp/t.toml"]);
        assert_eq!(args("emacsclient", Some(3)), ["+3", "/tmp/t.toml"]);
        assert_eq!(args("nano", Some(3)), ["+3", "/tmp/t.toml"]);
        assert_eq!(args("code", Some(7)), ["-g", "/tmp/t.toml:7"]);
        assert_eq!(args("hx", Some(7)), ["/tmp/t.toml:7"]);
        assert_eq!(args("ed", Some(7)), ["/tmp/t.toml"]);
        assert_eq!(args("vim", None), ["/tmp/t.toml"]);
    }

    #[test]
    fn an_event_is_found_at_its_header_line() {
        let text = "[timeline]\ntitle = \"t\"\n\n# first\n[[events]]\nid = \"a\"\ndate = \"2020\"\ntitle = \"A\"\n\n[[events]]\nid = \"b\"\ndate = \"2021\"\ntitle = \"B\"\n";
        assert_eq!(line_of_event(text, "a"), Some(5));
        assert_eq!(line_of_event(text, "b"), Some(10));
        assert_eq!(line_of_event(text, "c"), None);
        assert_eq!(line_of_event("date,title\n2020,x\n", "a"), None);
    }
}
