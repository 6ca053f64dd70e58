//! The README's screen picture, key table and list of actions come from the real render and keymap.
//! `TLX_BLESS=1 cargo test --test readme` rewrites them.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tlx::app::{Action, App, KeyMap, KeyMode, Msg, update};
use tlx::config::names;
use tlx::load::{BUNDLED_NAME, Document, Options};
use tlx::ui::{DateStyle, Theme, View, render};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

fn screen() -> String {
    let (w, h) = (120, 36);
    let mut app = App::new(
        Document::bundled().load(Options::default()).timeline,
        BUNDLED_NAME,
        (w, h),
    );
    let mut actions = vec![Msg::from(Action::Search)];
    actions.extend("Moscow".chars().map(Msg::Type));
    actions.push(Action::Accept.into());
    for a in actions {
        update(&mut app, a);
    }
    let keymap = KeyMap::default();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| {
            render(
                &View {
                    app: &app,
                    keymap: &keymap,
                    theme: &Theme::mono(),
                    dates: DateStyle::Human,
                },
                f,
            )
        })
        .unwrap();
    let buf = terminal.backend().buffer();
    let rows: Vec<String> = (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    format!("```text\n{}\n```", rows.join("\n"))
}

fn keys() -> String {
    let keymap = KeyMap::default();
    let mut out = String::from("| mode | keys | action |\n|---|---|---|\n");
    for (mode, name) in [
        (KeyMode::Browse, "browse"),
        (KeyMode::Matrix, "matrix"),
        (KeyMode::Prompt, "prompt"),
        (KeyMode::Help, "help"),
    ] {
        for b in keymap.bindings().iter().filter(|b| b.mode == mode) {
            let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", k.replace('|', "\\|"))).collect();
            out += &format!("| {name} | {} | {} |\n", keys.join(" "), b.help);
        }
    }
    out.trim_end().to_string()
}

/// Every action a key can be bound to, with the help text of its first default binding.
fn actions() -> String {
    let keymap = KeyMap::default();
    let mut out = String::from("| action | what it does |\n|---|---|\n");
    for &name in names::all::<Action>() {
        let action = names::parse::<Action>(name).unwrap();
        let help = keymap
            .bindings()
            .iter()
            .find(|b| b.action == action)
            .map_or("(no default key)", |b| b.help.as_str());
        out += &format!("| `{name}` | {} |\n", help.replace('|', "\\|"));
    }
    out.trim_end().to_string()
}

/// Replaces what stands between `<!-- NAME:start -->` and `<!-- NAME:end -->`.
fn splice(text: &str, name: &str, body: &str) -> String {
    let (start, end) = (format!("<!-- {name}:start -->"), format!("<!-- {name}:end -->"));
    let a = text.find(&start).expect("start marker") + start.len();
    let b = text.find(&end).expect("end marker");
    format!("{}\n{body}\n{}", &text[..a], &text[b..])
}

#[test]
fn readme_screen_and_keys_are_current() {
    let current = std::fs::read_to_string(README).unwrap();
    let expected = splice(&splice(&current, "screen", &screen()), "keys", &keys());
    let expected = splice(&expected, "actions", &actions());
    if std::env::var_os("TLX_BLESS").is_some() {
        std::fs::write(README, &expected).unwrap();
        return;
    }
    assert!(
        current == expected,
        "README.md is stale: run `TLX_BLESS=1 cargo test --test readme` and commit it"
    );
}

#[test]
fn the_readme_s_full_configuration_example_is_valid() {
    let readme = std::fs::read_to_string(README).unwrap();
    let from = readme.find("A full example:").expect("the example") + "A full example:".len();
    let body = &readme[from..];
    let start = body.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + body[start..].find("```").unwrap();
    let config = tlx::config::Config::parse(&body[start..end]).unwrap();
    assert_eq!(config.dates, tlx::ui::DateStyle::Iso);
}
