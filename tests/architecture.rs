//! The layering that ARCHITECTURE.md describes, kept by reading `src/`: the compiler allows any
//! module to use any other, so these rules hold only because a test fails when one is broken.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/` with its path relative to `src/`, test code left out: tests may
/// build fixtures with whatever they need, the rules are about what the program depends on.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name != "tests.rs" && !name.ends_with("_tests.rs")
        })
        .map(|p| {
            let text = fs::read_to_string(&p).expect("a source file is text");
            let rel = p
                .strip_prefix(&root)
                .expect("under src/")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, without_tests(&without_comments(&text)))
        })
        .collect()
}

/// The text with `//` comments blanked, so a doc link does not count as a dependency.
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string (a URL) is rare in the lines that matter here: `use` lines.
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text with each `#[cfg(test)]` item removed: a `mod x;`, or an item up to its matching brace.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let end = match (item.find(';'), item.find('{')) {
            (Some(semi), Some(open)) if semi < open => semi + 1,
            (_, Some(open)) => {
                let mut depth = 0usize;
                let mut close = item.len();
                for (i, c) in item[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                close = open + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                close
            }
            (Some(semi), None) => semi + 1,
            (None, None) => item.len(),
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The crate's top-level modules, as `lib.rs` declares them.
fn top_modules() -> BTreeSet<String> {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).expect("lib.rs");
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect()
}

/// The top-level module a file under `src/` belongs to.
fn owner(rel: &str) -> String {
    rel.split('/').next().unwrap_or(rel).trim_end_matches(".rs").to_string()
}

/// The top-level modules a text names through `crate::`, including inside `use crate::{a, b::c}`.
fn named(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The first path segment of each entry at the group's top level.
            let mut depth = 0usize;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        rest = &group[i..];
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => {
                        let word: String = group[i..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        found.insert(word);
                        start = false;
                    }
                    c if c.is_whitespace() => {}
                    _ => start = false,
                }
            }
        } else {
            let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            found.insert(word);
        }
    }
    found.retain(|m| modules.contains(m));
    found
}

/// Which top-level modules each one uses, and through which files.
fn dependencies() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let modules = top_modules();
    let mut deps: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (rel, text) in sources() {
        let from = owner(&rel);
        for to in named(&text, &modules) {
            if to != from {
                deps.entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_default()
                    .insert(rel.clone());
            }
        }
    }
    deps
}

#[test]
fn only_the_terminal_loop_uses_the_views() {
    // `ui` draws from the state; everything it draws from lives below it, and only the event
    // loop, which owns the terminal, calls it.
    let users: Vec<String> = dependencies()
        .into_iter()
        .filter_map(|(from, to)| to.get("ui").map(|files| format!("{from}: {files:?}")))
        .filter(|user| !user.starts_with("tui:"))
        .collect();
    assert!(users.is_empty(), "modules below ui import it: {users:#?}");
}

#[test]
fn top_level_modules_form_no_cycle() {
    let deps = dependencies();
    // Depth-first search for a path back to where it started.
    fn path_back(
        deps: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
        goal: &str,
        at: &str,
        seen: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> bool {
        for next in deps.get(at).into_iter().flat_map(|m| m.keys()) {
            path.push(next.clone());
            if next == goal || (seen.insert(next.clone()) && path_back(deps, goal, next, seen, path)) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut cycles = Vec::new();
    for start in deps.keys() {
        let mut path = vec![start.clone()];
        if path_back(&deps, start, start, &mut BTreeSet::new(), &mut path) {
            let links: Vec<String> = path
                .windows(2)
                .map(|w| format!("{} -> {} ({:?})", w[0], w[1], deps[&w[0]][&w[1]]))
                .collect();
            cycles.push(links.join(", "));
        }
    }
    assert!(
        cycles.is_empty(),
        "import cycles between top-level modules: {cycles:#?}"
    );
}

#[test]
fn the_checks_see_real_dependencies() {
    // The rules above pass vacuously if the reader finds nothing; it must find what is certainly there.
    let deps = dependencies();
    assert!(deps["tui"].contains_key("ui"), "tui draws with ui");
    assert!(deps["app"].contains_key("model"), "app holds the model");
    assert!(deps["load"].contains_key("import"), "load dispatches to the importers");
    let modules = top_modules();
    assert_eq!(
        named(
            "use crate::{model::{Date, text}, load};\nlet x = crate::ui::render;",
            &modules
        ),
        ["load", "model", "ui"].into_iter().map(String::from).collect()
    );
    assert_eq!(
        without_tests("a\n#[cfg(test)]\nmod tests {\n use crate::ui;\n}\nb"),
        "a\n\nb"
    );
}

#[test]
fn the_state_changes_through_one_door() {
    // `app::update` is the one public function that changes the explorer; the handlers it
    // dispatches to stay private to `app::update`.
    let doors: Vec<String> = sources()
        .into_iter()
        .filter(|(rel, _)| rel == "app/update.rs" || rel.starts_with("app/update/"))
        .flat_map(|(rel, text)| {
            text.lines()
                .filter(|l| l.trim_start().starts_with("pub fn "))
                .map(|l| format!("{rel}: {}", l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        doors,
        ["app/update.rs: pub fn update(app: &mut App, msg: impl Into<Msg>) {"]
    );
}

/// The text of one file under `src/`, test code left out.
fn source(rel: &str) -> String {
    sources()
        .into_iter()
        .find(|(r, _)| r == rel)
        .unwrap_or_else(|| panic!("src/{rel} is gone"))
        .1
}

/// The field lines of `struct name` in a text (comments are blanked by `sources`).
fn fields<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let start = text
        .find(&format!("struct {name} {{"))
        .unwrap_or_else(|| panic!("struct {name} is not declared there"));
    let body = &text[start..start + text[start..].find("\n}").expect("the struct's closing brace")];
    body.lines().skip(1).filter(|l| l.contains(':')).collect()
}

/// Every `fn` of a text that takes `&mut self`.
fn mutators(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.contains(" fn ") && l.contains("&mut self"))
        .map(|l| l.trim().to_string())
        .collect()
}

/// The files under `src/` whose text contains `needle`.
fn files_with(needle: &str) -> Vec<String> {
    sources()
        .into_iter()
        .filter(|(_, text)| text.contains(needle))
        .map(|(rel, _)| rel)
        .collect()
}

#[test]
fn only_app_writes_the_state() {
    // App's fields are visible to `app` alone, so the compiler rejects a write from anywhere
    // else; views and tests read through getters. The data and what is shown keep theirs to
    // their own files (see `the_state_is_kept_by_lifetime`).
    let state = source("app/state.rs");
    let app = fields(&state, "App");
    let (data, shown) = (source("app/data.rs"), source("app/shown.rs"));
    let parts = [fields(&data, "Data"), fields(&shown, "Shown")].concat();
    assert!(
        app.len() + parts.len() > 20,
        "App's fields were not found: {app:?} {parts:?}"
    );
    let open: Vec<&&str> = app
        .iter()
        .filter(|l| !l.trim_start().starts_with("pub(super) "))
        .chain(parts.iter().filter(|l| l.trim_start().starts_with("pub")))
        .collect();
    assert!(open.is_empty(), "App fields visible outside app: {open:#?}");
}

#[test]
fn the_state_is_kept_by_lifetime() {
    // The data changes only by a load: `Data`'s one mutator is `replace`, called in one place.
    let data = source("app/data.rs");
    assert_eq!(mutators(&data), ["pub(super) fn replace(&mut self, merged: Merged) {"]);
    assert_eq!(files_with(".data.replace("), ["app/update/reload.rs"]);
    // What is shown is worked out by one function from the data, the filter and the marks
    // (`tabulate` only fills the matrix cache from what is already shown), called in one place.
    let shown = source("app/shown.rs");
    assert_eq!(
        mutators(&shown),
        [
            "pub(super) fn refresh(&mut self, data: &Data, filter: &Filter, marks: &(dyn Facets + Sync), tabulate: bool) {",
            "pub(super) fn tabulate(&mut self, data: &Data) -> &Matrix {",
        ]
    );
    assert_eq!(files_with(".shown.refresh("), ["app/update/research.rs"]);
    // Neither is assigned whole after opening: `App::open` builds them, the functions above change them.
    for whole in [".data = ", ".shown = "] {
        assert_eq!(files_with(whole), Vec::<String>::new(), "{whole}");
    }
    // Each screen's own state lives in its variant: none of it sits beside the screen in `App`,
    // and no mode belongs to one screen only.
    let state = source("app/state.rs");
    let screen = source("app/screen.rs");
    let variants: Vec<&str> = screen[screen.find("pub enum Screen {").expect("Screen is in app/screen.rs")..]
        .lines()
        .skip(1)
        .take_while(|l| l.trim() != "}")
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(variants, ["Timeline(Panes),", "Matrix(MatrixCursor),"]);
    let app = fields(&state, "App");
    for own in ["focus", "item", "list_offset", "matrix_cursor", "matrix"] {
        assert!(
            !app.iter()
                .any(|l| l.trim_start().starts_with(&format!("pub(super) {own}:"))),
            "App holds the screen's `{own}`"
        );
    }
    let mode = &state[state.find("pub enum Mode {").expect("Mode is in app/state.rs")..];
    let mode = &mode[..mode.find("\n}").expect("Mode's closing brace")];
    assert!(
        !mode.contains("\n    Item"),
        "an opened item is the timeline screen's state"
    );
}
