//! Typing in the footer prompt: a search, a filter query or a knowledge date.

use super::research::{refilter_saying, say_now, say_once_shown, set_as_of};
use super::{jump_to_match, select};
use crate::app::action::Action;
use crate::app::compute::{Found, OnHits, Say, Searching, Seek, Working};
use crate::app::hint::{Said, hint};
use crate::app::message::Msg;
use std::path::PathBuf;

use crate::app::editor::LineEditor;
use crate::app::state::{App, Completing, Effect, Mode, Prompt, Search};
use crate::export::Format;
use crate::model::Date;
use crate::model::date::{Point, Qualifier};
use crate::query::{self, Query};

/// How many completion candidates the footer lists before "…".
const SHOWN_CANDIDATES: usize = 8;

/// Opens a prompt with some text already typed.
pub(super) fn open(app: &mut App, prompt: Prompt, input: LineEditor) {
    super::timeline::close_item(app);
    app.mode = Mode::Prompt {
        prompt,
        input,
        error: None,
        completing: None,
    };
}

/// Applies one message while a prompt is open. Edits only mark the text as pending: its search or
/// filter runs at the next [`settle`], so keys that arrive together (a paste, fast typing on a
/// million events) cost one pass, not one each.
pub(super) fn update(app: &mut App, msg: Msg) {
    match msg {
        Msg::Type(_) | Msg::Paste(_) => {}
        Msg::Action(action) if is_edit(action) => {}
        Msg::Action(Action::Cancel | Action::Back) => app.pending = false,
        _ => settle(app),
    }
    let Mode::Prompt {
        prompt,
        input,
        error,
        completing,
    } = &mut app.mode
    else {
        return;
    };
    let prompt = prompt.clone();
    let before = input.text().to_string();
    let action = match msg {
        Msg::Action(action) => action,
        Msg::Type(c) => {
            input.insert(c.encode_utf8(&mut [0; 4]));
            *completing = None;
            app.pending = true;
            return;
        }
        Msg::Paste(text) => {
            input.insert(&pasted(&text, matches!(prompt, Prompt::Note { .. })));
            *completing = None;
            app.pending = true;
            return;
        }
        _ => return,
    };
    if action != Action::Complete {
        *completing = None;
    }
    match action {
        Action::DeleteChar => input.delete_back(),
        Action::DeleteForward => input.delete_forward(),
        Action::DeleteWord => input.delete_word(),
        Action::DeleteToStart => input.delete_to_start(),
        Action::Left => input.left(),
        Action::Right => input.right(),
        Action::First => input.home(),
        Action::Last => input.end(),
        Action::Previous | Action::Next => {
            let back = action == Action::Previous;
            if !input.recall(app.history.of(&prompt), back) {
                app.message = Some(if back { "no older entry" } else { "no newer entry" }.into());
            }
        }
        Action::NewLine if matches!(prompt, Prompt::Note { .. }) => input.insert("\n"),
        // The prompt stays open until the editor is done, and stays if it fails.
        Action::OpenInEditor if let Prompt::Note { event } = prompt => {
            let text = input.text().to_string();
            app.effects.push(Effect::EditNote { event, text });
        }
        Action::Complete if matches!(prompt, Prompt::Search { .. } | Prompt::Filter { .. }) => {
            let round = match completing.take() {
                Some(mut round) if !round.completion.candidates.is_empty() => {
                    round.at = Some(round.at.map_or(0, |at| (at + 1) % round.completion.candidates.len()));
                    round
                }
                _ => {
                    let completion = query::complete(&input.text()[..input.cursor()], app.data.timeline());
                    // A first Tab puts in what the candidates share, or the first of them when
                    // they share no more than was typed.
                    let extends = completion.text.len() > input.cursor();
                    Box::new(Completing {
                        at: (!extends && !completion.candidates.is_empty()).then_some(0),
                        completion,
                    })
                }
            };
            let head = match round.at {
                Some(at) => round.completion.with(&round.completion.candidates[at]),
                None => round.completion.text.clone(),
            };
            input.replace_head(&head);
            if !round.completion.candidates.is_empty() {
                app.message = Some(candidates(&round).into());
                *completing = Some(round);
            }
        }
        Action::Accept => {
            if let Some(e) = error {
                app.message = Some(format!("{}; {}", e.message, e.hint).into());
                return;
            }
            let text = input.text().to_string();
            app.history.push(&prompt, &text);
            accept(app, prompt);
        }
        Action::Cancel | Action::Back => {
            app.mode = Mode::Browse;
            match prompt {
                Prompt::Search { origin } => {
                    drop_search(app);
                    select(app, origin);
                }
                Prompt::Filter { previous } => {
                    app.filter.query = previous;
                    refilter_saying(app, true, None, Working::Filtering);
                }
                Prompt::AsOf | Prompt::Export | Prompt::NewTimeline | Prompt::Note { .. } => {}
            }
        }
        Action::NextMatch => jump_to_match(app, true),
        Action::PreviousMatch => jump_to_match(app, false),
        _ => {}
    }
    if let Mode::Prompt { input, .. } = &app.mode
        && input.text() != before
    {
        app.pending = true;
    }
}

/// True for the actions that change the prompt's text or move in it, whose search or filter
/// waits for the next [`settle`].
fn is_edit(action: Action) -> bool {
    matches!(
        action,
        Action::DeleteChar
            | Action::DeleteForward
            | Action::DeleteWord
            | Action::DeleteToStart
            | Action::Left
            | Action::Right
            | Action::First
            | Action::Last
            | Action::Previous
            | Action::Next
            | Action::NewLine
            | Action::Complete
    )
}

/// Pasted text as a prompt takes it: control and hidden characters dropped, as typed ones are,
/// except that a note keeps its line breaks.
pub(super) fn pasted(text: &str, lines: bool) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| (lines && c == '\n') || !crate::text::is_hidden(c))
        .collect()
}

/// The footer's list of a term's completions, the one in the text in brackets.
fn candidates(round: &Completing) -> String {
    let all = &round.completion.candidates;
    // The list starts where the one in the text shows.
    let first = round.at.map_or(0, |at| at.saturating_sub(SHOWN_CANDIDATES - 1));
    let mut list: Vec<String> = all
        .iter()
        .enumerate()
        .skip(first)
        .take(SHOWN_CANDIDATES)
        .map(|(i, c)| {
            if Some(i) == round.at {
                format!("[{c}]")
            } else {
                c.clone()
            }
        })
        .collect();
    if first > 0 {
        list.insert(0, "…".into());
    }
    if first + SHOWN_CANDIDATES < all.len() {
        list.push("…".into());
    }
    list.join("  ")
}

/// Applies the prompt's pending text, if any.
pub(super) fn settle(app: &mut App) {
    if std::mem::take(&mut app.pending) {
        edited(app);
    }
}

/// Reacts to new text: searches and filters follow the keys typed; a date waits for Enter.
fn edited(app: &mut App) {
    let Mode::Prompt {
        prompt, input, error, ..
    } = &mut app.mode
    else {
        return;
    };
    let input = input.text();
    if matches!(
        prompt,
        Prompt::AsOf | Prompt::Export | Prompt::NewTimeline | Prompt::Note { .. }
    ) {
        return;
    }
    *error = Query::parse(input).err();
    // While the text does not parse, the last good search or filter stays.
    let Ok(query) = Query::parse(settled(input)) else {
        return;
    };
    let prompt = prompt.clone();
    apply(app, &prompt, query);
}

/// The typed text without a last word that may still become a field name ("sta" of "status:"),
/// so that the results do not flash to that word's matches on the way.
fn settled(input: &str) -> &str {
    if input.ends_with(char::is_whitespace) {
        return input;
    }
    let start = input.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word = input[start..].trim_start_matches('-').to_lowercase();
    let unfinished_field = !word.is_empty()
        && !word.contains([':', '"'])
        && query::FIELDS.iter().any(|(field, _)| field.starts_with(&word));
    if unfinished_field { &input[..start] } else { input }
}

/// Runs a search or applies a filter.
fn apply(app: &mut App, prompt: &Prompt, query: Query) {
    let query = (!query.is_empty()).then_some(query);
    match prompt {
        Prompt::Search { origin } => {
            let origin = *origin;
            let earlier = app.search.take();
            stop(earlier.as_ref());
            let Some(query) = query else {
                return select(app, origin);
            };
            // The earlier matches hold every later one only once they are all found.
            let among = earlier
                .filter(|s| s.running.is_none() && query.narrows(&s.query))
                .map(|s| s.matches);
            let then = OnHits {
                select: true,
                ..OnHits::default()
            };
            start_search(app, query, among.as_deref(), origin, then);
        }
        Prompt::Filter { .. } => {
            app.filter.query = query;
            refilter_saying(app, true, None, Working::Filtering);
        }
        Prompt::AsOf | Prompt::Export | Prompt::NewTimeline | Prompt::Note { .. } => {}
    }
}

/// Stops a search under way, if `search` is one: it is being dropped or replaced.
fn stop(search: Option<&Search>) {
    if let Some(running) = search.and_then(|s| s.running.as_ref()) {
        running.cancel();
    }
}

/// Drops the search, stopping it if it is under way; true if there was one.
pub(super) fn drop_search(app: &mut App) -> bool {
    let search = app.search.take();
    stop(search.as_ref());
    search.is_some()
}

/// Searches the shown events for `query`, `among` some positions (ascending; all shown when
/// `None`), from position `from` round to it again, doing what `then` says as hits come in.
/// On a large timeline a worker searches while the screen answers, and its hits show as they
/// are found; on a small one the same search runs at once.
pub(super) fn start_search(app: &mut App, query: Query, among: Option<&[usize]>, from: usize, then: OnHits) {
    stop(app.search.as_ref());
    app.generation += 1;
    let seek = Seek {
        data: &app.data,
        files: &app.files,
        shown: &app.shown,
        query: &query,
        among,
        from,
    };
    let (job, running) = Searching::ask(seek, app.generation, then);
    app.search = Some(Search {
        text: query.text().to_string(),
        query,
        matches: Vec::new(),
        running: Some(running),
    });
    if app.timeline().events.len() >= app.off_thread_from {
        app.effects.push(Effect::Compute(Box::new(job)));
        return;
    }
    let mut messages = Vec::new();
    job.run(&mut |msg| messages.push(msg));
    for msg in messages {
        if let Msg::Found(generation, hits) = msg {
            found(app, generation, hits);
        }
    }
}

/// Hits of a search are in: added to its matches unless a newer search was asked for since.
/// The first hit after where the search started is selected as soon as it is certain, when the
/// search asks it; the rest of what it asks waits until it is complete.
pub(super) fn found(app: &mut App, generation: u64, found: Found) {
    let Some(search) = &mut app.search else {
        return;
    };
    let Some(running) = search.running.take_if(|r| r.generation == generation) else {
        return;
    };
    search.matches = merged(std::mem::take(&mut search.matches), found.hits);
    let none = search.matches.is_empty();
    let (from, then) = (running.from, running.then);
    if !found.complete {
        search.running = Some(running);
    }
    if let (Some(first), true) = (found.first, then.select) {
        select(app, first);
    }
    if !found.complete {
        return;
    }
    if then.select && none {
        select(app, from);
    }
    if then.say {
        say_now(app, Say::Hits);
    }
    // After the count, which the jump's "match 1 of N" says too.
    if then.jump && !none {
        jump_to_match(app, true);
    }
}

/// Two ascending lists of positions, apart from each other, as one.
fn merged(earlier: Vec<usize>, hits: Vec<usize>) -> Vec<usize> {
    if hits.is_empty() {
        return earlier;
    }
    let mut all = Vec::with_capacity(earlier.len() + hits.len());
    let mut hits = hits.into_iter().peekable();
    for p in earlier {
        all.extend(std::iter::from_fn(|| hits.next_if(|&h| h < p)));
        all.push(p);
    }
    all.extend(hits);
    all
}

/// Jumps to the first match after the selection, as `n` does: now, or once the search under
/// way is complete.
pub(super) fn jump_once_found(app: &mut App) {
    match &mut app.search {
        Some(Search {
            running: Some(running), ..
        }) => running.then.jump = true,
        Some(s) if !s.matches.is_empty() => jump_to_match(app, true),
        _ => {}
    }
}

/// How many events a complete search matched, as the footer says it.
pub(super) fn count(s: &Search) -> Said {
    match s.matches.len() {
        0 => format!("no event matches \"{}\"", s.text).into(),
        1 => "1 match".into(),
        n => Said::from(format!("{n} matches")).and(hint!(
            "; ",
            Action::NextMatch,
            " and ",
            Action::PreviousMatch,
            " move between them"
        )),
    }
}

fn accept(app: &mut App, prompt: Prompt) {
    let Mode::Prompt { input, .. } = &app.mode else {
        return;
    };
    let input = input.text();
    let held_back = settled(input) != input;
    let input = input.trim().to_string();
    // The whole text counts now, including a last word that was held back while typing.
    if let (true, Prompt::Search { .. } | Prompt::Filter { .. }, Ok(query)) = (held_back, &prompt, Query::parse(&input))
    {
        apply(app, &prompt, query);
    }
    match prompt {
        Prompt::Search { origin } => {
            app.mode = Mode::Browse;
            // The search moved the selection as it was typed; kept, that move is a jump.
            if origin != app.selected
                && let Some(from) = app.event_at(origin).map(|e| e.id.clone())
            {
                app.jumps.leave(&from);
            }
            // A search still under way says how many it matched once complete.
            if app.search.is_some() {
                say_once_shown(app, Say::Hits);
            }
        }
        Prompt::Filter { .. } => {
            app.mode = Mode::Browse;
            say_once_shown(app, Say::Matches);
        }
        Prompt::AsOf => {
            let date = if input.is_empty() {
                let exact = |p: Point| Point {
                    qualifier: Qualifier::Exact,
                    ..p
                };
                app.selected_event()
                    .map(|e| Ok(Date::from_point(exact(e.date.start_point()))))
            } else {
                Some(Date::parse(&input))
            };
            match date {
                Some(Ok(date)) => {
                    app.mode = Mode::Browse;
                    set_as_of(app, Some(date));
                }
                Some(Err(e)) => app.message = Some(format!("{}; {}", e.message, e.hint).into()),
                None => app.mode = Mode::Browse,
            }
        }
        Prompt::Export => export(app, &input),
        Prompt::NewTimeline => {
            app.mode = Mode::Browse;
            let name = input.trim();
            app.effects.push(Effect::NewTimeline {
                path: PathBuf::from(name),
                contents: crate::load::STARTER.to_string(),
                done: format!("started {name} from the starter template (an example to replace)"),
            });
        }
        Prompt::Note { event } => {
            app.mode = Mode::Browse;
            super::marks::set_note(app, event, &input);
        }
    }
}

/// Asks the terminal layer to write the shown events to `name`, in the format its extension names.
fn export(app: &mut App, name: &str) {
    let path = PathBuf::from(name);
    let Some(format) = Format::from_path(&path) else {
        app.message = Some("name the file .md, .csv, .svg, .toml, .json or .timelinejs.json".into());
        return;
    };
    app.mode = Mode::Browse;
    let export = app.shown.export(&app.data, format);
    app.message = Some(export.writing(&path).into());
    app.exporting.push((path.clone(), None));
    app.effects.push(Effect::Export {
        path,
        export: Box::new(export),
    });
}

/// What came of an export (see [`Effect::Export`]): said in the footer.
pub(super) fn exported(app: &mut App, path: &std::path::Path, said: String) {
    if let Some(at) = app.exporting.iter().position(|(p, _)| p == path) {
        app.exporting.remove(at);
    }
    app.message = Some(said.into());
}

/// How far the export to `path` has come, in percent: said in the header until it ends. A
/// report on an export already ended (refused its name) is dropped.
pub(super) fn exporting(app: &mut App, path: &std::path::Path, percent: u8) {
    if let Some((_, said)) = app.exporting.iter_mut().find(|(p, _)| p == path) {
        *said = Some(said.map_or(percent, |s| s.max(percent)));
    }
}
