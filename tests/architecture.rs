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
    // dispatches to, there and in each screen's module, stay private to `app`.
    let doors: Vec<String> = sources()
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("app/update") || rel.starts_with("app/screen"))
        .flat_map(|(rel, text)| {
            text.lines()
                .filter(|l| l.trim_start().starts_with("pub fn ") && l.contains("&mut App"))
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
fn loading_is_a_read_then_a_load_with_options() {
    // A progress count or an import mapping is a field of `load::Options`, not another function:
    // no `_counting` twin anywhere, no `_with` one in `load` or `import` (elsewhere `_with` names
    // a test seam, as `notes::store::save_with`), and `load` offers a document's read, load,
    // check and open, and the set-aside summary, and nothing else.
    let twins: Vec<String> = sources()
        .iter()
        .flat_map(|(rel, text)| {
            text.lines()
                .filter(|l| {
                    let l = l
                        .trim_start()
                        .trim_start_matches("pub ")
                        .trim_start_matches("pub(crate) ");
                    l.starts_with("fn ")
                        && l.split(['(', '<']).next().is_some_and(|name| {
                            name.ends_with("_counting")
                                || (name.ends_with("_with") && (rel.starts_with("load/") || rel.starts_with("import/")))
                        })
                })
                .map(|l| format!("{rel}: {}", l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        twins.is_empty(),
        "functions that differ from another by one argument: {twins:#?}"
    );
    let (_, load) = sources()
        .into_iter()
        .find(|(rel, _)| rel == "load/mod.rs")
        .expect("load/mod.rs");
    let mut public: Vec<&str> = load
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("pub fn "))
        .filter_map(|l| l.split('(').next())
        .collect();
    public.sort_unstable();
    assert_eq!(
        public,
        [
            "bundled", "check", "is_empty", "load", "new", "open", "read", "source", "summary"
        ]
    );
}

#[test]
fn time_constants_and_month_names_are_defined_once() {
    // `model::date` holds DAY, YEAR (the mean Gregorian year) and the month names; a second
    // definition is how YEAR came to have two values.
    let names = ["MINUTE", "HOUR", "DAY", "YEAR", "SECS_PER_DAY", "MONTHS", "MONTH_NAMES"];
    let mut found = Vec::new();
    let mut at_home = 0;
    for (rel, text) in sources() {
        for line in text.lines() {
            let l = line
                .trim_start()
                .trim_start_matches("pub ")
                .trim_start_matches("pub(super) ");
            let defines = l
                .strip_prefix("const ")
                .and_then(|l| l.split(':').next())
                .is_some_and(|name| names.contains(&name.trim()));
            let literal = ["86_400", "86400", "31_556_952", "31556952", "365 * 86"]
                .iter()
                .any(|n| l.contains(n));
            if !(defines || literal) {
                continue;
            }
            if rel.starts_with("model/date/") {
                at_home += usize::from(defines);
            } else {
                found.push(format!("{rel}: {}", line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "time constants outside model::date: {found:#?}");
    // The reader sees the definitions that are certainly there, so the check above can fail.
    assert_eq!(
        at_home,
        names.len() - 1,
        "SECS_PER_DAY is gone; the others are in model::date"
    );
}

#[test]
fn the_state_is_kept_by_lifetime() {
    // The data changes only by a load: `Data` has no mutator (a worker may be reading it), and
    // a load's data replaces it whole in one place, handing the old one to a worker to free
    // (never assigned over, which would free a million events on the UI thread).
    let data = source("app/data.rs");
    assert_eq!(mutators(&data), Vec::<String>::new());
    assert_eq!(files_with(".data = "), Vec::<String>::new());
    assert_eq!(files_with("replace(&mut app.data,"), ["app/update/reload.rs"]);
    assert_eq!(files_with(".succeeding("), ["app/update/reload.rs"]);
    // What is shown is worked out by one function from the data, the filter and the marks
    // (`tabulate` and `tabulated` only fill the matrix cache from what is already shown), called
    // in one place.
    let shown = source("app/shown.rs");
    assert_eq!(
        mutators(&shown),
        [
            "pub(super) fn refresh(&mut self, data: &Data, filter: &Filter, marks: &(dyn Facets + Sync), tabulate: bool) {",
            "pub(super) fn tabulate(&mut self, data: &Data) -> &Matrix {",
            "pub(super) fn tabulated(&mut self, matrix: Matrix) {",
        ]
    );
    assert_eq!(files_with(".shown.refresh("), ["app/update/research.rs"]);
    // Otherwise it is replaced whole in one place only, where a worker's refresh is applied,
    // the old one handed to a worker to free.
    assert_eq!(files_with(".shown = "), Vec::<String>::new());
    assert_eq!(files_with("replace(&mut app.shown,"), ["app/update/research.rs"]);
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
    // Each variant carries its state (a new screen adds one without changing this test).
    assert!(
        variants[..2] == ["Timeline(Panes),", "Matrix(MatrixCursor),"]
            && variants
                .iter()
                .all(|v| v.ends_with("),") && v.split_once('(').is_some_and(|(_, state)| state.len() > 2)),
        "a screen without its own state: {variants:?}"
    );
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

#[test]
fn each_screen_is_dispatched_once() {
    // `update` and render each match the screen once; every other file that names a screen is
    // that screen's own (its state, its updates) or names only one (`matches!`, `if let`).
    let whole_matches = |files: &[(String, String)]| -> Vec<String> {
        files
            .iter()
            .filter(|(_, text)| {
                let lines: Vec<&str> = text.lines().map(str::trim).collect();
                lines
                    .windows(2)
                    .any(|w| w[0].contains("match ") && w[0].contains("screen") && w[1].starts_with("Screen::"))
            })
            .map(|(rel, _)| rel.clone())
            .collect()
    };
    let all = sources();
    let (app, ui): (Vec<_>, Vec<_>) = all
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("app/") || rel.starts_with("ui/"))
        .partition(|(rel, _)| rel.starts_with("app/"));
    assert_eq!(whole_matches(&app), ["app/screen.rs"]);
    assert_eq!(whole_matches(&ui), ["ui/mod.rs"]);
    // `app/screen.rs` is the register of screens: what each is to the rest (its key mode, its
    // header chip, its key mode's heading and fallback), and the dispatch of a message and of the
    // action that opens it, to the screen's own module, which holds its state and its updates.
    let screen = source("app/screen.rs");
    for declared in [
        "fn key_mode(&self)",
        "fn chip(&self)",
        "fn update(app: &mut App, msg: Msg)",
        "fn open(app: &mut App, action: Action)",
        "pub enum KeyMode {",
        "const fn about(self)",
    ] {
        assert!(screen.contains(declared), "app/screen.rs lacks `{declared}`");
    }
    let update = source("app/update.rs");
    assert!(update.contains("Screen::update(app, msg)") && update.contains("Screen::open(app, action)"));
    let variants = screen[screen.find("pub enum Screen {").expect("Screen is in app/screen.rs")..]
        .lines()
        .skip(1)
        .take_while(|l| l.trim() != "}")
        .filter_map(|l| l.trim().split_once('(').map(|(name, _)| name.to_lowercase()))
        .collect::<Vec<_>>();
    assert!(variants.len() >= 2, "no screens found: {variants:?}");
    for name in &variants {
        let own = format!("app/screen/{name}.rs");
        let text = source(&own);
        assert!(
            text.contains("pub(in crate::app) fn update(app: &mut App, msg: Msg)")
                && text.contains("pub(in crate::app) fn show(app: &mut App"),
            "{own} does not hold the screen's updates"
        );
        assert!(
            screen.contains(&format!("pub(super) mod {name};")),
            "app/screen.rs does not declare {own}"
        );
    }
    // The matrix's geometry is the shared layout's: no view or update lays panes out itself.
    for (rel, text) in app.iter().chain(&ui) {
        if rel != "app/layout.rs" {
            assert!(
                !text.contains("Layout::vertical") && !text.contains("Constraint::"),
                "{rel} lays out panes"
            );
        }
    }
    // A key mode's fallback and help heading are declared with the mode, not decided where used.
    let keymap = source("app/keymap.rs");
    let resolve = &keymap[keymap.find("pub fn resolve(").expect("KeyMap::resolve")..];
    let resolve = &resolve[..resolve.find("\n    }").expect("resolve's end")];
    assert!(!resolve.contains("KeyMode::"), "resolve names a mode: {resolve}");
    let help = source("ui/help.rs");
    assert!(help.contains("KeyMode::ALL") && !help.contains("KeyMode::Matrix"));
}

#[test]
fn one_name_per_concept() {
    // There were two `Query` types, four `Item`s and two `Span`s; each concept now has one name,
    // and a name is declared once (ratatui's `Span` is used, never declared).
    let names = [
        "Query", "Item", "Span", "Needle", "Marker", "Extent", "Reach", "Account",
    ];
    let mut declared: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (rel, text) in sources() {
        for line in text.lines() {
            let l = line.trim_start();
            let l = l
                .strip_prefix("pub ")
                .or_else(|| l.strip_prefix("pub(crate) "))
                .unwrap_or(l);
            let l = l.strip_prefix("pub(super) ").unwrap_or(l);
            let Some(rest) = ["struct ", "enum ", "type ", "trait "]
                .iter()
                .find_map(|kw| l.strip_prefix(kw))
            else {
                continue;
            };
            let name = rest
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or("");
            if let Some(&n) = names.iter().find(|&&n| n == name) {
                declared.entry(n).or_default().push(rel.clone());
            }
        }
    }
    let twice: Vec<_> = declared.iter().filter(|(_, files)| files.len() > 1).collect();
    assert!(twice.is_empty(), "a type name declared twice: {twice:#?}");
    // The reader sees the declarations that are certainly there.
    assert_eq!(declared["Query"], ["query/mod.rs"]);
    assert_eq!(declared["Item"], ["model/evidence.rs"]);
}

#[test]
fn action_holds_only_what_a_user_can_bind() {
    // Internal events are `Msg` variants; an `Action` hidden from the config would be one again.
    let action = source("app/action.rs");
    assert!(action.contains("pub enum Action {"), "Action is in app/action.rs");
    assert!(
        !action.contains("serde(skip"),
        "an Action variant the config cannot name"
    );
}

#[test]
fn parallel_work_goes_through_rayon() {
    // Work split across the cores goes through rayon; a thread of our own is a reader, a watcher
    // (of files, of signals) or a pipeline stage, started in the few places that need one.
    let starters: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| {
            ["thread::spawn", "thread::scope", "thread::Builder"]
                .iter()
                .any(|t| text.contains(t))
        })
        .map(|(rel, _)| rel)
        .collect();
    assert_eq!(
        starters,
        [
            "atomic/unfinished.rs",
            "import/csv.rs",
            "load/progressive.rs",
            "tui.rs",
            "watch.rs"
        ]
    );
    let by_hand = files_with("available_parallelism");
    assert!(by_hand.is_empty(), "work split by hand: {by_hand:?}");
    assert!(!files_with("rayon").is_empty(), "the reader sees rayon's users");
}

#[test]
fn the_event_loop_makes_one_update_per_message() {
    // Each message the loop receives becomes at most one `update` (an effect's outcome is its own
    // message after it), so no arm can change the state twice with a frame's worth of checks
    // between. Read from the loop's `match message { .. }`, arm by arm.
    let text = source("tui.rs");
    let start = text.find("match message {").expect("the loop matches on its message");
    let mut depth = 0usize;
    let mut end = start;
    for (i, c) in text[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = start + i;
                    break;
                }
            }
            _ => {}
        }
    }
    let body = &text[start + "match message {".len()..end];
    let mut arms: Vec<(String, usize)> = Vec::new();
    for line in body.lines() {
        if line.trim_start().starts_with("Message::") {
            arms.push((line.trim().to_string(), 0));
        }
        if let Some(arm) = arms.last_mut() {
            arm.1 += line.matches("update(").count();
        }
    }
    assert!(arms.len() >= 6, "the arms were found: {arms:?}");
    assert!(
        arms.iter().any(|(_, n)| *n == 1),
        "the check sees the updates: {arms:?}"
    );
    let twice: Vec<_> = arms.iter().filter(|(_, n)| *n > 1).collect();
    assert!(twice.is_empty(), "arms that update more than once: {twice:?}");
}
