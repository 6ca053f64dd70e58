//! Terminal events to actions: keys through the keymap, mouse through the frame's layout.

use crossterm::event::{Event, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::layout::DetailRows;
use super::{App, KeyMap, KeyMode, Mode, Msg, Screen};

/// Lines one wheel notch moves.
const WHEEL_STEP: i32 = 3;

/// The message a terminal event sends, if any; `detail` says where the detail pane's text
/// stands, which only drawing knows, for a wheel turned over it.
pub fn action(app: &App, keymap: &KeyMap, event: &Event, detail: impl FnOnce() -> DetailRows) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let mode = app.key_mode();
            keymap
                .resolve(mode, *key)
                .map(Msg::Action)
                .or_else(|| match (mode, key.code) {
                    // A pasted control or bidi character is not typed, so prompts stay printable.
                    (KeyMode::Prompt | KeyMode::Form, crossterm::event::KeyCode::Char(c))
                        if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                            && !crate::text::is_hidden(c) =>
                    {
                        Some(Msg::Type(c))
                    }
                    _ => None,
                })
        }
        Event::Paste(text) if matches!(app.key_mode(), KeyMode::Prompt | KeyMode::Form) => {
            Some(Msg::Paste(text.clone()))
        }
        Event::Mouse(mouse) => mouse_action(app, mouse, detail),
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        _ => None,
    }
}

fn mouse_action(app: &App, mouse: &MouseEvent, detail: impl FnOnce() -> DetailRows) -> Option<Msg> {
    let areas = app.areas()?;
    let at = Position::new(mouse.column, mouse.row);
    // The wheel scrolls the pane under the pointer: the detail's text, or else the selection.
    let over_detail = app.mode == Mode::Browse
        && app.panes().is_some_and(|p| !p.open && p.related.is_none())
        && areas.detail.contains(at);
    match mouse.kind {
        MouseEventKind::ScrollDown if over_detail => Some(Msg::ScrollDetail(WHEEL_STEP, detail())),
        MouseEventKind::ScrollUp if over_detail => Some(Msg::ScrollDetail(-WHEEL_STEP, detail())),
        MouseEventKind::ScrollDown => Some(Msg::Scroll(WHEEL_STEP)),
        MouseEventKind::ScrollUp => Some(Msg::Scroll(-WHEEL_STEP)),
        MouseEventKind::Down(MouseButton::Left)
            if app.mode == Mode::Browse && matches!(app.screen, Screen::Timeline(_)) =>
        {
            if areas.list.contains(at) && at.y > areas.list.y && at.y + 1 < areas.list.bottom() {
                let pos = app.list_offset() + usize::from(at.y - areas.list.y - 1);
                (pos < app.order().len()).then_some(Msg::Select(pos))
            } else {
                let axis_area = areas.axis.filter(|a| a.contains(at))?;
                // The axis pane has a top border; its columns start at its left edge.
                let col = at.x - axis_area.x;
                // Markers are one cell wide; accept a click next to one too.
                [col, col.saturating_sub(1), col + 1]
                    .iter()
                    .find_map(|&c| app.axis().first_in(&app.window, axis_area.width, c))
                    .map(Msg::Select)
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, MouseEvent};

    use ratatui::layout::Rect;

    use super::*;
    use crate::app::Action;
    use crate::app::layout::Areas;
    use crate::load::{Document, Options};

    fn app() -> App {
        App::new(
            Document::bundled().load(Options::default()).timeline,
            "bundled",
            (120, 40),
        )
    }

    /// Where the detail's text stands in these tests.
    const DETAIL: DetailRows = DetailRows { top: 2, last: 10 };

    fn act(app: &App, keymap: &KeyMap, event: &Event) -> Option<Msg> {
        action(app, keymap, event, || DETAIL)
    }

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn typing_in_a_search_becomes_text_and_release_events_are_ignored() {
        let (mut app, keymap) = (app(), KeyMap::default());
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert!(matches!(
            act(&app, &keymap, &Event::Key(j)),
            Some(Msg::Action(Action::Next))
        ));
        app.mode = Mode::Prompt {
            prompt: crate::app::Prompt::Search { origin: 0 },
            input: crate::app::LineEditor::default(),
            error: None,
            completing: None,
        };
        assert!(matches!(act(&app, &keymap, &Event::Key(j)), Some(Msg::Type('j'))));
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            ..j
        };
        assert!(act(&app, &keymap, &Event::Key(release)).is_none());
        for pasted in ['\u{202e}', '\u{9b}', '\u{200b}'] {
            let key = KeyEvent::new(KeyCode::Char(pasted), KeyModifiers::NONE);
            assert!(act(&app, &keymap, &Event::Key(key)).is_none(), "{pasted:?}");
        }
    }

    #[test]
    fn a_paste_reaches_a_prompt_whole_and_nothing_else() {
        let (mut app, keymap) = (app(), KeyMap::default());
        let paste = Event::Paste("tag:S-300\n".into());
        assert!(act(&app, &keymap, &paste).is_none(), "browsing takes no paste");
        crate::app::update(&mut app, Action::Filter);
        assert!(matches!(act(&app, &keymap, &paste), Some(Msg::Paste(t)) if t == "tag:S-300\n"));
    }

    #[test]
    fn clicking_a_row_selects_it_and_the_wheel_scrolls() {
        let (app, keymap) = (app(), KeyMap::default());
        let list = Areas::new(Rect::new(0, 0, 120, 40), false).unwrap().list;
        let click = |row| mouse(MouseEventKind::Down(MouseButton::Left), list.x + 3, row);
        assert!(matches!(act(&app, &keymap, &click(list.y + 3)), Some(Msg::Select(2))));
        assert!(act(&app, &keymap, &click(list.y)).is_none(), "the border is not a row");
        assert!(matches!(
            act(&app, &keymap, &mouse(MouseEventKind::ScrollDown, 5, 20)),
            Some(Msg::Scroll(WHEEL_STEP))
        ));
    }

    #[test]
    fn the_wheel_scrolls_the_pane_under_the_pointer() {
        let (mut app, keymap) = (app(), KeyMap::default());
        let areas = Areas::new(Rect::new(0, 0, 120, 40), false).unwrap();
        let (list, detail) = (areas.list, areas.detail);
        let over = |r: Rect| (r.x + r.width / 2, r.y + r.height / 2);
        let wheel = |app: &App, kind, (x, y)| act(app, &keymap, &mouse(kind, x, y));
        assert!(matches!(
            wheel(&app, MouseEventKind::ScrollDown, over(detail)),
            Some(Msg::ScrollDetail(WHEEL_STEP, DETAIL))
        ));
        assert!(matches!(
            wheel(&app, MouseEventKind::ScrollUp, over(detail)),
            Some(Msg::ScrollDetail(n, DETAIL)) if n == -WHEEL_STEP
        ));
        assert!(matches!(
            wheel(&app, MouseEventKind::ScrollDown, over(list)),
            Some(Msg::Scroll(WHEEL_STEP))
        ));
        // With the related-event picker over the detail, the wheel is not the detail's.
        crate::app::update(&mut app, Action::Last);
        while app.related().len() < 2 {
            crate::app::update(&mut app, Action::Previous);
        }
        crate::app::update(&mut app, Action::FollowRelated);
        assert!(matches!(
            wheel(&app, MouseEventKind::ScrollDown, over(detail)),
            Some(Msg::Scroll(WHEEL_STEP))
        ));
    }

    #[test]
    fn clicking_an_axis_marker_selects_its_event() {
        let (app, keymap) = (app(), KeyMap::default());
        let axis_area = Areas::new(Rect::new(0, 0, 120, 40), false).unwrap().axis.unwrap();
        let width = axis_area.width;
        let (col, first) = (0..width)
            .rev()
            .find_map(|c| Some((c, app.axis().first_in(&app.window, width, c)?)))
            .unwrap();
        let click = mouse(
            MouseEventKind::Down(MouseButton::Left),
            axis_area.x + col,
            axis_area.y + 1,
        );
        assert!(matches!(act(&app, &keymap, &click), Some(Msg::Select(n)) if n == first));
    }
}
