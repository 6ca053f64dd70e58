//! Terminal events to actions: keys through the keymap, mouse through the frame's layout.

use crossterm::event::{Event, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{Action, App, KeyMap, KeyMode, Mode};
use crate::ui::{Areas, axis};

/// Lines one wheel notch moves.
const WHEEL_STEP: i32 = 3;

/// The action a terminal event asks for, if any.
pub fn action(app: &App, keymap: &KeyMap, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let mode = key_mode(&app.mode);
            keymap.resolve(mode, *key).or_else(|| match (mode, key.code) {
                (KeyMode::Search, crossterm::event::KeyCode::Char(c))
                    if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    Some(Action::Type(c))
                }
                _ => None,
            })
        }
        Event::Mouse(mouse) => mouse_action(app, mouse),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

fn key_mode(mode: &Mode) -> KeyMode {
    match mode {
        Mode::Search { .. } => KeyMode::Search,
        Mode::Help { .. } => KeyMode::Help,
        Mode::Browse | Mode::Item => KeyMode::Browse,
    }
}

fn mouse_action(app: &App, mouse: &MouseEvent) -> Option<Action> {
    let areas = Areas::new(Rect::new(0, 0, app.size.0, app.size.1))?;
    let at = Position::new(mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll(WHEEL_STEP)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(-WHEEL_STEP)),
        MouseEventKind::Down(MouseButton::Left) if app.mode == Mode::Browse => {
            if areas.list.contains(at) && at.y > areas.list.y && at.y + 1 < areas.list.bottom() {
                let pos = app.list_offset + usize::from(at.y - areas.list.y - 1);
                (pos < app.order.len()).then_some(Action::Select(pos))
            } else {
                let axis_area = areas.axis.filter(|a| a.contains(at))?;
                // The axis pane has a top border; its columns start at its left edge.
                let columns = axis::columns(&app.axis_items(), &app.window, axis_area.width);
                let col = usize::from(at.x - axis_area.x);
                // Markers are one cell wide; accept a click next to one too.
                [col, col.saturating_sub(1), col + 1]
                    .iter()
                    .find_map(|&c| columns.get(c).and_then(|c| c.first))
                    .map(Action::Select)
            }
        }
        _ => None,
    }
}
