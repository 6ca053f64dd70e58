//! What every target checks: the diagnostics are printable, and a timeline that loaded draws
//! nothing hidden at a size taken from the input.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tlx::app::{Action, App, KeyMap, update};
use tlx::load::{Document, Loaded};
use tlx::ui::{Theme, View, render};

/// Panics when `loaded` shows a hidden character anywhere.
pub fn loaded(doc: &Document, loaded: &Loaded, size: (u16, u16)) {
    let diagnostics = doc.source().render_all(&loaded.diagnostics);
    for line in diagnostics.lines() {
        assert_eq!(tlx::text::line(line), line, "hidden characters in a diagnostic");
    }
    if loaded.has_errors() {
        return;
    }
    let (w, h) = size;
    let mut app = App::new(loaded.timeline.clone(), &doc.name, size);
    for actions in [
        &[][..],
        &[Action::Enter, Action::Enter],
        &[Action::Matrix, Action::Right],
    ] {
        actions.iter().for_each(|&a| update(&mut app, a));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let (keymap, theme) = (KeyMap::default(), Theme::mono());
        let view = View {
            app: &app,
            keymap: &keymap,
            theme: &theme,
            dates: Default::default(),
        };
        terminal.draw(|f| render(&view, f)).unwrap();
        for cell in &terminal.backend().buffer().content {
            let shown = tlx::text::line(cell.symbol());
            assert!(
                shown == cell.symbol() || shown.strip_prefix('◌') == Some(cell.symbol()),
                "hidden character in cell {:?}",
                cell.symbol()
            );
        }
    }
}

/// A terminal size from the first two bytes: 0x0 to 255x127.
pub fn size(data: &[u8]) -> ((u16, u16), &[u8]) {
    match data {
        [w, h, rest @ ..] => ((u16::from(*w), u16::from(*h & 0x7f)), rest),
        _ => ((80, 24), data),
    }
}
