//! Whole-screen snapshots of the main states at several terminal sizes, on the bundled timeline.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::app::{Action, App, KeyMap, Msg, update};
use crate::load::{Document, Options};
use crate::model::Attribution;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (40, 12)];

fn app(size: (u16, u16)) -> App {
    let t = Document::bundled().load(Options::default()).timeline;
    App::new(t, "bundled", size)
}

/// The screen as text, after feeding `actions`.
fn screen(size: (u16, u16), actions: &[Msg]) -> String {
    let mut app = app(size);
    for a in actions {
        update(&mut app, a.clone());
    }
    draw(&app, size)
}

fn draw(app: &App, size: (u16, u16)) -> String {
    draw_dates(app, size, DateStyle::Human)
}

fn draw_dates(app: &App, size: (u16, u16), dates: DateStyle) -> String {
    draw_with(app, size, dates, &KeyMap::default())
}

/// The screen as text, drawn with a keymap.
pub(super) fn draw_with(app: &App, (w, h): (u16, u16), dates: DateStyle, keymap: &KeyMap) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::mono();
    terminal
        .draw(|f| {
            render(
                &View {
                    app,
                    keymap,
                    theme: &theme,
                    dates,
                },
                f,
            )
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn search(text: &str) -> Vec<Msg> {
    let mut actions = vec![Action::Search.into()];
    actions.extend(text.chars().map(Msg::Type));
    actions
}

fn snapshot_all_sizes(name: &str, actions: &[Msg]) {
    for size in SIZES {
        let text = screen(size, actions);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), text);
    }
}

#[test]
fn start() {
    snapshot_all_sizes("start", &[]);
}

#[test]
fn dates_as_written_in_the_list_detail_and_header() {
    let mut app = app((120, 40));
    let mut actions = vec![Action::AsOf.into()];
    actions.extend("2015-08".chars().map(Msg::Type));
    actions.extend([Action::Accept, Action::Last, Action::Previous, Action::Enter].map(Msg::from));
    for a in actions {
        update(&mut app, a);
    }
    insta::assert_snapshot!(draw_dates(&app, (120, 40), DateStyle::Iso));
}

#[test]
fn detail_with_sources_and_denials() {
    let mut actions = search("Moscow");
    actions.extend([Action::Accept, Action::Enter].map(Msg::from));
    snapshot_all_sizes("detail", &actions);
}

#[test]
fn typing_a_search() {
    snapshot_all_sizes("search", &search("Kremlin"));
}

#[test]
fn help_overlay() {
    snapshot_all_sizes("help", &[Action::Help.into()]);
}

#[test]
fn the_moscow_visit_shows_each_claim_with_its_status() {
    let mut actions = search("Moscow");
    actions.push(Action::Accept.into());
    let text = screen((120, 40), &actions);
    assert!(
        text.contains("CLAIMS (4)") && text.contains("● arrival corroborated · 4 origins, 0 denials"),
        "{text}"
    );
    insta::assert_snapshot!("claims_120x40", text);
    // At 80x24 the detail, once entered, starts on the first claim, its sources under it, each
    // naming the other claims it backs.
    actions.push(Action::Enter.into());
    let text = screen((80, 24), &actions);
    assert!(
        text.contains("▸ ● arrival corroborated · 4 origins, 0 denials"),
        "{text}"
    );
    insta::assert_snapshot!("claims_80x24", text);
    actions.push(Action::Next.into());
    let text = screen((80, 24), &actions);
    assert!(
        text.contains("▸ [1] Fox News · reports · same report as read in RFE/RL · also"),
        "{text}"
    );
}

#[test]
fn the_moscow_detail_shows_each_date_given_with_the_outlets_giving_it() {
    let mut actions = search("Moscow");
    actions.push(Action::Accept.into());
    let given = [
        "DATES GIVEN (2)",
        "24 Jul 2015: Fox News; Fox News, citing Western",
        "Jul 2015?: Reuters, citing Iranian officials",
    ];
    let text = screen((120, 40), &actions);
    for line in given {
        assert!(text.contains(line), "{line}:\n{text}");
    }
    insta::assert_snapshot!("dates_given_120x40", text);
    // At 80x24 too, under the event's date, before the evidence.
    let text = screen((80, 24), &actions);
    for line in given {
        assert!(text.contains(line), "{line}:\n{text}");
    }
    insta::assert_snapshot!("dates_given_80x24", text);
}

#[test]
fn zoomed_in_the_axis_shows_the_spread_of_the_dates_the_sources_give() {
    let zoomed_on = |query: &str| {
        let mut actions = search(query);
        actions.extend([Msg::from(Action::Accept), Msg::ZoomTo(crate::axis::Zoom::Month)]);
        screen((120, 40), &actions)
    };
    // Fox News gives 24 July, Reuters' Iranian officials "late last month" (July 2015?): at a
    // month's zoom the axis line runs `═` over July, up to the selection's `▲`.
    let text = zoomed_on("Moscow");
    let line = text.lines().find(|l| l.contains('▲')).unwrap();
    let spread = line.chars().filter(|&c| c == '═').count();
    assert!(spread > 5 && (line.contains("═▲") || line.contains("▲═")), "{text}");
    insta::assert_snapshot!("dates_spread_120x40", text);
    // An event whose sources agree on its date has none.
    let text = zoomed_on("leaves Russia");
    assert!(!text.contains('═'), "{text}");
}

/// The Moscow visit's entries: the arrival claim and its five sources, then the Putin meeting.
fn to_the_putin_meeting() -> Vec<Msg> {
    let mut actions = search("Moscow");
    actions.extend([Action::Accept, Action::Enter].map(Msg::from));
    actions.extend(std::iter::repeat_n(Msg::from(Action::Next), 6));
    actions
}

#[test]
fn an_opened_claim_shows_its_status_lag_and_each_quote_on_it() {
    let mut actions = to_the_putin_meeting();
    actions.push(Action::Enter.into());
    for size in [(120, 40), (80, 24)] {
        let text = screen(size, &actions);
        for said in [
            "met-putin",
            "Soleimani met President Vladimir Putin.",
            "± contested · 3 origins, 2 denials",
            "first reported 14? days later at the latest",
            "✗ The Kremlin denies (via RFE/RL): “Fox News reported",
            "Reuters, citing U.S. security sources (via RFE/RL): “Reuters said",
        ] {
            assert!(text.contains(said), "{said} at {size:?}:\n{text}");
        }
        insta::assert_snapshot!(format!("opened_claim_{}x{}", size.0, size.1), text);
    }
    // Esc closes it, back on the claim in the detail.
    actions.push(Action::Back.into());
    let text = screen((120, 40), &actions);
    assert!(
        !text.contains(" Claim ") && text.contains("▸ ± met-putin contested"),
        "{text}"
    );
}

#[test]
fn an_opened_source_shows_the_date_it_gives_and_which_report_it_is() {
    // The arrival claim's first source: Fox News's report as The Times of Israel gives it.
    let mut actions = search("Moscow");
    actions.extend([Action::Accept, Action::Enter, Action::Next, Action::Enter].map(Msg::from));
    for size in [(120, 40), (80, 24)] {
        let text = screen(size, &actions);
        for said in [
            " Source ",
            "Outlet       Fox News",
            "Dates it     24 Jul 2015 (2015-07-24)",
            "Origin       same report as read in RFE/RL",
        ] {
            assert!(text.contains(said), "{said} at {size:?}:\n{text}");
        }
        // It gives no date of its own for when it was said.
        assert!(!text.contains("Said on"), "{text}");
        insta::assert_snapshot!(format!("opened_source_dates_it_{}x{}", size.0, size.1), text);
    }
    // A source giving only a month, marked uncertain: Reuters' Iranian officials, fifth under the arrival.
    let mut actions = search("Moscow");
    actions.extend([Action::Accept, Action::Enter].map(Msg::from));
    actions.extend(std::iter::repeat_n(Msg::from(Action::Next), 5));
    actions.push(Action::Enter.into());
    let text = screen((120, 40), &actions);
    assert!(
        text.contains("Citing       Iranian officials") && text.contains("Dates it     Jul 2015? (2015-07?)"),
        "{text}"
    );
}

/// Issue 16's two faults in the bundled example, as the detail shows it: the rumour event is not
/// contested, and the Kremlin's denials sit under the Putin meeting only.
#[test]
fn the_detail_puts_the_kremlin_under_the_putin_meeting_and_the_rumour_is_not_contested() {
    let size = (160, 140);
    let mut actions = search("Moscow");
    actions.push(Action::Accept.into());
    let text = screen(size, &actions);
    // The list has focus, so the detail is the pane drawn with thin borders.
    let detail_of = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.split('│').nth(1).unwrap_or("").to_string())
            .collect()
    };
    let detail = detail_of(&text);
    let row = |what: &str| {
        detail
            .iter()
            .position(|l| l.contains(what))
            .unwrap_or_else(|| panic!("{what}:\n{text}"))
    };
    let (putin, shoigu) = (row("± met-putin contested"), row("● met-shoigu corroborated"));
    let kremlin: Vec<usize> = (0..detail.len())
        .filter(|&i| detail[i].contains("✗ denied by The Kremlin ·"))
        .collect();
    assert_eq!(kremlin.len(), 2, "{text}");
    assert!(
        kremlin.iter().all(|&k| putin < k && k < shoigu),
        "{kremlin:?} not in {putin}..{shoigu}\n{text}"
    );
    let text = screen(size, &[search("rumours").as_slice(), &[Action::Accept.into()]].concat());
    let detail = detail_of(&text).join("\n");
    for said in [
        "✗ denied ·",
        "○ rumoured single-source · 1 origin, 0 denials",
        "✗ ban-lift denied · 0 origins, 1 denial",
    ] {
        assert!(detail.contains(said), "{said}:\n{detail}");
    }
    assert!(!detail.contains("contested"), "{detail}");
}

#[test]
fn tiny_terminal() {
    insta::assert_snapshot!(screen((20, 5), &[]));
}

#[test]
fn the_moscow_detail_labels_fox_reuters_and_the_kremlin_denial() {
    let mut actions = search("Moscow");
    actions.extend([Action::Accept].map(Msg::from));
    let text = screen((120, 40), &actions);
    assert!(text.contains("Fox News, citing Western intelligence sources"), "{text}");
    // Under the Putin meeting, Reuters' US sources, then the Kremlin's denials.
    let mut actions = to_the_putin_meeting();
    actions.extend(std::iter::repeat_n(Msg::from(Action::Next), 5));
    let text = screen((120, 40), &actions);
    assert!(text.contains("Reuters, citing U.S. security sources"), "{text}");
    actions.extend(std::iter::repeat_n(Msg::from(Action::Next), 2));
    let text = screen((120, 40), &actions);
    assert!(text.contains("▸ ✗ denied by The Kremlin · via RFE/RL"), "{text}");
}

#[test]
fn the_detail_shows_the_events_media() {
    let mut t = Document::bundled().load(Options::default()).timeline;
    let visit = t.events.iter_mut().find(|e| e.id == "moscow-visit").unwrap();
    visit.more.edit(|more| {
        more.media = Some(Box::new(crate::model::Media {
            url: "https://example.org/a.jpg".into(),
            caption: Some("Arrival".into()),
            credit: Some("Tasnim".into()),
        }))
    });
    // Tall enough that the detail shows its last fields without scrolling.
    let size = (160, 140);
    let mut app = App::new(t, "bundled", size);
    let mut actions = search("Moscow");
    actions.extend([Action::Accept].map(Msg::from));
    for a in actions {
        update(&mut app, a);
    }
    let text = draw(&app, size);
    assert!(
        text.contains("Media: https://example.org/a.jpg — Arrival (credit: Tasnim)"),
        "{text}"
    );
}

/// The place sits under the date, so it shows without scrolling even at 80x24.
#[test]
fn the_detail_shows_the_events_place_under_its_date() {
    let mut t = Document::bundled().load(Options::default()).timeline;
    let visit = t.events.iter_mut().find(|e| e.id == "moscow-visit").unwrap();
    visit.more.edit(|more| {
        more.place = Some(Box::new(crate::model::Place {
            name: Some("Moscow, Russia".into()),
            lat: Some(55.7558),
            lon: Some(37.6173),
        }))
    });
    for size in [(120, 40), (80, 24)] {
        let mut app = App::new(t.clone(), "bundled", size);
        let mut actions = search("Moscow");
        actions.extend([Action::Accept].map(Msg::from));
        for a in actions {
            update(&mut app, a);
        }
        let text = draw(&app, size);
        assert!(text.contains("Place: Moscow, Russia (55.7558°N 37.6173°E)"), "{text}");
        insta::assert_snapshot!(format!("detail_place_{}x{}", size.0, size.1), text);
    }
}

#[test]
fn every_size_down_to_nothing_renders_without_panicking() {
    let states: Vec<Vec<Msg>> = vec![
        vec![],
        search("Moscow"),
        vec![Action::Help.into()],
        {
            let mut a = search("Moscow");
            a.extend([Action::Accept, Action::Enter, Action::Enter].map(Msg::from));
            a
        },
        vec![Action::Matrix.into(), Action::Last.into(), Action::Right.into()],
        vec![Action::Matrix.into(), Action::Transpose.into(), Action::Last.into()],
        {
            let mut a = typed(Action::Filter, "tag:S-300 \"open");
            a.push(Action::Context.into());
            a
        },
    ];
    for actions in states {
        for w in (0..=130).step_by(7).chain([1, 29, 30, 31, 99, 100]) {
            for h in (0..=45).step_by(3).chain([1, 7, 8, 15, 16]) {
                let mut app = app((w, h));
                for a in &actions {
                    update(&mut app, a.clone());
                }
                update(&mut app, Msg::Resize(w, h));
                draw(&app, (w, h));
            }
        }
    }
}

#[test]
fn monochrome_screens_still_tell_statuses_apart() {
    let text = screen((120, 40), &[]);
    for s in crate::model::Status::ALL {
        let used = app((120, 40)).timeline().events.iter().any(|e| e.status() == s);
        if used {
            assert!(text.contains(s.mark()), "{s} mark missing");
        }
    }
}

fn typed(start: Action, text: &str) -> Vec<Msg> {
    let mut actions = vec![start.into()];
    actions.extend(text.chars().map(Msg::Type));
    actions
}

#[test]
fn who_said_what_matrix() {
    // On the Moscow visit, with the cursor moved from Fox News down to the Kremlin.
    let mut actions = search("Moscow");
    actions.extend([Action::Accept, Action::Matrix].map(Msg::from));
    actions.extend([Action::Next; 3].map(Msg::from));
    snapshot_all_sizes("matrix", &actions);
}

#[test]
fn matrix_claim_columns() {
    // The Moscow visit's claims under the grid, the Kremlin's row selected: its ✗ only under met-putin.
    let mut actions = search("Moscow");
    actions.extend([Action::Accept, Action::Matrix].map(Msg::from));
    actions.extend([Action::Next, Action::Next, Action::Next, Action::ClaimColumns].map(Msg::from));
    for size in [(120, 40), (80, 24)] {
        insta::assert_snapshot!(format!("matrix_claims_{}x{}", size.0, size.1), screen(size, &actions));
    }
}

/// Issue 16: a claim's report lag reads the same in `tlx show`, the Markdown and TimelineJS
/// exports and the matrix's claim columns, for every claim of the bundled timeline.
#[test]
fn each_claims_lag_is_the_same_in_show_the_exports_and_the_matrix() {
    use crate::model::lag::Lags;
    // Wrapping and markup aside, the words in order.
    let words = |text: &str| {
        let plain: String = text.chars().map(|c| if "│┃*".contains(c) { ' ' } else { c }).collect();
        plain.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let app = app((120, 40));
    let t = app.timeline();
    let markdown = words(&crate::export::markdown::to_string(t));
    let timelinejs = words(&crate::export::timelinejs::to_string(t));
    let mut checked = 0;
    for (pos, &i) in app.order().iter().enumerate() {
        let e = &t.events[i];
        if e.more.claims.is_empty() {
            continue;
        }
        let mut show = Vec::new();
        let beside = crate::cmd::show::Beside {
            file: None,
            marks: None,
            as_of: None,
        };
        crate::cmd::show::write_event(t, e, &beside, &mut show).unwrap();
        let show = words(&String::from_utf8(show).unwrap());
        let mut app = app.clone();
        for msg in [Msg::Select(pos), Action::Matrix.into(), Action::ClaimColumns.into()] {
            update(&mut app, msg);
        }
        let matrix = words(&draw(&app, (120, 40)));
        for c in e.claim_evidence() {
            let Some(lag) = Lags::of_claim(t, e, &c).sentence() else {
                continue;
            };
            let id = &c.of(e).id;
            let said = format!("Report lag: {lag}");
            assert!(show.contains(&said), "show, {id}: {said}\n{show}");
            assert!(markdown.contains(&said), "markdown, {id}: {said}");
            assert!(timelinejs.contains(&said), "timelinejs, {id}: {said}");
            // The matrix names the claims that share a lag before it: "arrival, met-shoigu: …".
            let lines = Lags::per_claim(t, e, &e.claim_evidence());
            let line = lines.iter().find(|l| l.ends_with(&format!(": {lag}"))).unwrap();
            let ids = &line[..line.len() - lag.len() - 2];
            let in_matrix = ids.split(", ").any(|i| i == id) && matrix.contains(line.as_str());
            assert!(in_matrix, "matrix, {id}: {lag}\n{matrix}");
            checked += 1;
        }
    }
    // The Moscow visit's four claims at least.
    assert!(checked >= 4, "{checked}");
}

/// Issue 19: columns scrolled off either side are counted at the header's ends, and events of one
/// year are told apart by their month and day.
#[test]
fn matrix_columns_scrolled_off_are_counted_and_dates_told_apart() {
    for (size, n) in [((80, 24), 40), ((120, 40), 60)] {
        let mut app = busy_at(n, size);
        // Events across (they do not fit, so the matrix would put them down the side), then two
        // thirds of the way along.
        for a in [Action::Matrix, Action::Transpose] {
            update(&mut app, a);
        }
        for _ in 0..n * 2 / 3 {
            update(&mut app, Action::Right);
        }
        let text = draw(&app, size);
        let header: Vec<&str> = text.lines().skip(2).take(3).collect();
        // The first party's row: one symbol per column shown, the cursor's at the right edge.
        let shown = text
            .lines()
            .nth(5)
            .unwrap()
            .chars()
            .filter(|c| "·●◆★✗±".contains(*c))
            .count();
        let left = app.selected() + 1 - shown;
        assert!(left > 0 && header[0].contains(&format!("‹ +{left} ")), "{text}");
        let right = n - app.selected() - 1;
        assert!(header[0].contains(&format!("+{right} ›")), "{text}");
        // A day row comes only when shown columns share a month (the unit test
        // `headers_add_months_and_days_only_when_columns_would_look_alike`); these are months apart.
        assert!(header[1].contains("month"), "{text}");
        insta::assert_snapshot!(format!("matrix_overflow_{}x{}", size.0, size.1), text);
    }
    // Parties across at 80 columns: nine names do not fit, and the ones off the right are counted.
    let text = screen((80, 24), &[Action::Matrix, Action::Transpose].map(Msg::from));
    let header = text.lines().nth(2).unwrap();
    assert!(header.contains(" ›") && !header.contains('‹'), "{text}");
    insta::assert_snapshot!("matrix_overflow_parties_80x24", text);
}

#[test]
fn transposed_matrix() {
    let actions = [Action::Matrix, Action::Transpose, Action::Last].map(Msg::from);
    insta::assert_snapshot!(screen((120, 40), &actions));
}

#[test]
fn as_of_hides_later_reports_and_says_so() {
    // As of 6 August only the UN panel and the items published earlier count.
    let mut actions = typed(Action::AsOf, "2015-08-06");
    actions.push(Action::Accept.into());
    snapshot_all_sizes("as_of", &actions);
}

#[test]
fn a_replay_step_says_what_came_out_and_marks_what_only_a_reference_dates() {
    // The eighth change: RFE/RL reports the UN panel in June 2015; the background facts before
    // it are marked known by 7 Aug 2015 at the latest.
    let actions = vec![Msg::from(Action::NextChange); 8];
    for size in [(80, 24), (120, 40)] {
        let text = screen(size, &actions);
        let footer = text.lines().last().unwrap();
        assert!(footer.starts_with(" Jun 2015: RFE/RL reports \"UN panel"), "{text}");
        insta::assert_snapshot!(format!("replay_step_{}x{}", size.0, size.1), text);
    }
}

#[test]
fn strict_hides_what_only_a_reference_dates() {
    let mut actions = vec![Msg::from(Action::StrictAsOf)];
    actions.extend(typed(Action::AsOf, "2015-08-06"));
    actions.push(Action::Accept.into());
    for size in [(80, 24), (120, 40)] {
        let text = screen(size, &actions);
        assert!(
            text.lines().next().unwrap().contains("as of 6 Aug 2015 strict"),
            "{text}"
        );
        assert!(!text.contains('≤'), "{text}");
        insta::assert_snapshot!(format!("as_of_strict_{}x{}", size.0, size.1), text);
    }
}

#[test]
fn filter_chips_and_a_prompt_error() {
    let mut actions = typed(Action::Filter, "tag:S-300 -status:contested");
    actions.extend([Action::Accept, Action::Sort, Action::Context].map(Msg::from));
    actions.extend(typed(Action::Filter, " statu:x"));
    snapshot_all_sizes("filter", &actions);
}

#[test]
fn the_header_names_the_knowledge_date_and_the_matrix_pairs_fox_with_the_kremlin() {
    let mut actions = typed(Action::AsOf, "2015-08-08");
    actions.extend([Action::Accept, Action::Matrix].map(Msg::from));
    let text = screen((120, 40), &actions);
    assert!(text.lines().next().unwrap().contains("as of 8 Aug 2015"), "{text}");
    let row = |name: &str| text.lines().find(|l| l.contains(name)).unwrap().to_string();
    let (fox, kremlin) = (row("┃Fox News"), row("┃The Kremlin"));
    let col = kremlin.find('✗').unwrap();
    assert_eq!(fox[col..].chars().next(), Some('●'), "{fox}\n{kremlin}");
}

#[test]
fn disputes_first() {
    insta::assert_snapshot!(screen((120, 40), &[Action::Sort.into()]));
}

/// Two files side by side: the bundled timeline and a short second account of the same visit.
pub(super) fn two_files(size: (u16, u16)) -> App {
    use crate::model::merge::{Part, merge};
    use crate::model::{Date, Event, Timeline};
    let reuters = Timeline {
        events: vec![Event::new(
            "moscow-visit",
            Date::parse("2015-07-24").unwrap(),
            "Reuters: Soleimani in Moscow",
        )],
        ..Timeline::default()
    };
    let parts = vec![
        Part {
            label: "soleimani".into(),
            timeline: Document::bundled().load(Options::default()).timeline,
        },
        Part {
            label: "reuters".into(),
            timeline: reuters,
        },
    ];
    let files = ["soleimani", "reuters"].map(crate::app::Opened::unsaved).to_vec();
    App::open(merge(parts), files, size)
}

/// Selects the first file's Moscow visit, as a click on its row does.
fn select_visit(app: &mut App) {
    let visit = app
        .order()
        .iter()
        .position(|&i| app.timeline().events[i].id == "soleimani:moscow-visit");
    update(app, Msg::Select(visit.unwrap()));
}

#[test]
fn two_files_with_a_starred_noted_event_and_a_broken_reload() {
    for size in SIZES {
        let mut app = two_files(size);
        select_visit(&mut app);
        for a in [Action::Star, Action::Note] {
            update(&mut app, a);
        }
        for c in "ask Reuters who the officials were".chars() {
            update(&mut app, Msg::Type(c));
        }
        update(&mut app, Action::Accept);
        let name = format!("two_files_{}x{}", size.0, size.1);
        insta::assert_snapshot!(name, draw(&app, size));
        update(
            &mut app,
            Msg::Reload(crate::watch::Reload::Broken {
                part: 1,
                message: "error[syntax]: TOML syntax: invalid basic string\n  --> reuters.toml:18:8".into(),
            }),
        );
        let name = format!("broken_reload_{}x{}", size.0, size.1);
        insta::assert_snapshot!(name, draw(&app, size));
    }
}

/// A timeline of `n` events over 2000–2019, thickest at the start, with statuses varying.
fn busy(n: usize) -> App {
    busy_at(n, (80, 24))
}

/// [`busy`] on a terminal of this size.
fn busy_at(n: usize, size: (u16, u16)) -> App {
    use crate::model::{Date, Event, Source, Timeline};
    let mut t = Timeline::default();
    t.timeline.title = "Busy".into();
    let start = crate::model::date::days_from_civil(2000, 1, 1);
    for i in 0..n {
        // Quadratic in i: the early years hold more events.
        let day = start + (7300 * i * i / (n * n)) as i64;
        let (y, m, d) = crate::model::date::civil_from_days(day);
        let date = Date::parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap();
        let mut e = Event::new(format!("e{i}"), date, format!("Event {i}"));
        let outlets: &[&str] = match i % 4 {
            0 => &[],
            1 | 2 => &["Wire"],
            _ => &["Wire", "Daily"],
        };
        e.sources = outlets
            .iter()
            .map(|o| Source {
                said: Attribution::new((*o).into(), None).into(),
                ..Source::default()
            })
            .collect();
        t.events.push(e);
    }
    App::new(t, "busy", size)
}

#[test]
fn a_busy_timeline_draws_a_density_strip_with_the_selection_marked() {
    let mut app = busy(5000);
    insta::assert_snapshot!("busy_start", draw(&app, (80, 24)));
    update(&mut app, Action::Last);
    insta::assert_snapshot!("busy_end", draw(&app, (80, 24)));
    // Zoomed in to a month, few events share a column: marks and counts again.
    update(&mut app, Msg::ZoomTo(crate::axis::Zoom::Month));
    insta::assert_snapshot!("busy_end_month", draw(&app, (80, 24)));
}

#[test]
fn the_opened_item_never_labels_a_link_it_would_not_open_with_a_host() {
    for url in [
        "javascript:alert(1)",
        "https://example.org/\\u202Egnp.exe",
        "https://example.org/a b",
    ] {
        let mut app = App::new(crate::load::one_link(url), "t", (120, 40));
        for a in [Action::Enter, Action::Enter] {
            update(&mut app, a);
        }
        let shown = draw(&app, (120, 40));
        assert!(shown.contains("[not a web link]"), "{url}:\n{shown}");
        assert!(!shown.contains("[host:"), "{url}:\n{shown}");
    }
}

/// The screen and the cell the cursor is on, after feeding `msgs` at 80x24.
fn cursor_cell(msgs: &[Msg]) -> (String, String, ratatui::style::Modifier) {
    let size = (80, 24);
    let mut app = app(size);
    for m in msgs {
        update(&mut app, m.clone());
    }
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let (keymap, theme) = (KeyMap::default(), Theme::mono());
    let view = View {
        app: &app,
        keymap: &keymap,
        theme: &theme,
        dates: DateStyle::Human,
    };
    terminal.draw(|f| render(&view, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let footer = size.1 - 1;
    let reversed = (0..size.0).filter(|&x| {
        buffer[(x, footer)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    });
    let cells: Vec<u16> = reversed.collect();
    assert_eq!(cells.len(), 1, "one cell shows the cursor: {cells:?}");
    let cell = &buffer[(cells[0], footer)];
    (draw(&app, size), cell.symbol().to_string(), cell.modifier)
}

#[test]
fn a_prompt_shows_its_cursor_where_it_is() {
    let mut msgs = typed(Action::Filter, "tag:S-300 denied-by:kremlin");
    msgs.extend([Action::Left; 7].map(Msg::from));
    let (screen, under, _) = cursor_cell(&msgs);
    // The cursor is on the "k" of "kremlin", seven characters back from the end.
    assert_eq!(under, "k");
    insta::assert_snapshot!("prompt_cursor_80x24", screen);
    // A long text keeps the cursor in sight, its start giving way to "…".
    let long = "a ".repeat(60) + "Kremlin";
    let mut msgs = typed(Action::Search, &long);
    msgs.extend([Action::First, Action::Last, Action::Left].map(Msg::from));
    let (screen, under, _) = cursor_cell(&msgs);
    assert_eq!(under, "n");
    let footer = screen.lines().last().unwrap();
    assert!(footer.starts_with("/…") && footer.contains("Kremlin"), "{footer}");
}

#[test]
fn a_note_of_several_lines_shows_each_line_in_the_detail_and_marks_them_in_the_prompt() {
    let size = (80, 24);
    let mut app = two_files(size);
    select_visit(&mut app);
    update(&mut app, Action::Note);
    for c in "ask Reuters:".chars() {
        update(&mut app, Msg::Type(c));
    }
    update(&mut app, Action::NewLine);
    for c in "who were the officials?".chars() {
        update(&mut app, Msg::Type(c));
    }
    let footer = draw(&app, size).lines().last().unwrap().to_string();
    assert!(footer.contains("ask Reuters:⏎who were the officials?█"), "{footer}");
    update(&mut app, Action::Accept);
    let screen = draw(&app, size);
    let note: Vec<&str> = screen
        .lines()
        .filter_map(|l| {
            l.split('│')
                .find(|cell| cell.contains("ask Reuters") || cell.contains("who were the officials"))
        })
        .map(str::trim)
        .collect();
    assert_eq!(note, ["✎ ask Reuters:", "who were the officials?"], "{screen}");
    insta::assert_snapshot!("multi_line_note_80x24", screen);
}

#[test]
fn the_related_event_picker_lists_each_with_its_date_over_the_detail() {
    let mut actions = search("Moscow");
    actions.extend([Action::Accept, Action::FollowRelated, Action::Next].map(Msg::from));
    for size in [(80, 24), (120, 40)] {
        let text = screen(size, &actions);
        assert!(text.contains("Follow a related event"), "{text}");
        assert!(
            text.contains("▸ Putin lifts suspension of S-300 supply to Iran"),
            "{text}"
        );
        insta::assert_snapshot!(format!("related_picker_{}x{}", size.0, size.1), text);
    }
}

#[test]
fn the_wheel_over_the_detail_scrolls_its_text_to_the_end_and_back() {
    let size = (80, 24);
    let mut app = app(size);
    for msg in search("Moscow").into_iter().chain([Action::Accept.into()]) {
        update(&mut app, msg);
    }
    let keymap = KeyMap::default();
    let theme = Theme::mono();
    let rows = |app: &App| {
        detail_rows(&View {
            app,
            keymap: &keymap,
            theme: &theme,
            dates: DateStyle::Human,
        })
    };
    let start = rows(&app);
    assert_eq!(start.top, 0);
    assert!(start.last > 6, "{start:?}");
    let before = draw(&app, size);
    // Far past the end: the last row of the text is at the bottom, and one turn back moves it.
    for _ in 0..start.last {
        let at = rows(&app);
        update(&mut app, Msg::ScrollDetail(3, at));
    }
    assert_eq!(rows(&app).top, start.last);
    let end = draw(&app, size);
    insta::assert_snapshot!("detail_scrolled_to_the_end_80x24", end);
    let at = rows(&app);
    update(&mut app, Msg::ScrollDetail(-3, at));
    assert_eq!(rows(&app).top, start.last - 3);
    // The list and the selection stayed.
    let list = |text: &str| text.lines().take(10).collect::<Vec<_>>().join("\n");
    assert_eq!(list(&end), list(&before));
}

/// An explorer on `n` events titled "Event 0", "Event 1", … over a thousand years, each given
/// more by `more`.
fn numbered(n: usize, size: (u16, u16), more: impl Fn(usize, &mut crate::model::Event)) -> App {
    use crate::model::{Date, Event, Timeline};
    let events = (0..n)
        .map(|i| {
            let date = Date::parse(&format!("{}-06-01", 1000 + i % 1000)).unwrap();
            let mut e = Event::new(format!("e{i}"), date, format!("Event {i}"));
            more(i, &mut e);
            e
        })
        .collect();
    let t = Timeline {
        events,
        ..Timeline::default()
    };
    App::new(t, "many", size)
}

#[test]
fn moving_in_a_matrix_of_many_events_draws_only_the_rows_on_screen() {
    // 200k events and 500 moves, each drawn. A frame that labelled every event (as one did, a
    // second a move at a million) would take minutes here; labelling the rows drawn, seconds.
    use crate::model::Source;
    let size = (120, 40);
    let mut app = numbered(200_000, size, |i, e| {
        e.add_sources([Source {
            said: Attribution::new(format!("Outlet {}", i % 7).into(), None).into(),
            ..Source::default()
        }]);
    });
    update(&mut app, Action::Matrix);
    // This many events are tabulated on a worker: the screen is up at once and says so.
    let text = draw(&app, size);
    assert!(
        text.contains("matrix: tabulating…") && text.contains("Tabulating who said what"),
        "{text}"
    );
    let [crate::app::Effect::Compute(job)] = app.effects() else {
        panic!("{:?}", app.effects());
    };
    let mut done = Vec::new();
    job.as_ref().clone().run(&mut |msg| done.push(msg));
    assert_eq!(done.len(), 1, "the newest job is not cancelled");
    for msg in done {
        update(&mut app, msg);
    }
    assert!(!draw(&app, size).contains("tabulating"));
    assert!(app.matrix_transposed(), "this many events run down the side");
    for _ in 0..500 {
        update(&mut app, Action::Next);
        draw(&app, size);
    }
    assert_eq!(app.selected(), 500);
    let text = draw(&app, size);
    let title = &app.selected_event().unwrap().title;
    assert!(
        text.lines().any(|l| l.contains(&**title) && l.contains('●')),
        "the cursor's event is drawn with its party's mark:\n{text}"
    );
    assert!(text.contains("7 parties × 200000 events"), "{text}");
}

/// The screen after `actions`, with the help's length known as the event loop tells it.
fn screen_with_help(size: (u16, u16), actions: &[Msg]) -> String {
    let mut app = app(size);
    update(&mut app, Msg::HelpLength(help::length(&KeyMap::default())));
    for a in actions {
        update(&mut app, a.clone());
    }
    draw(&app, size)
}

#[test]
fn the_legend_line_names_every_mark_in_the_words_the_width_allows() {
    for size in [(80, 24), (120, 40), (160, 40)] {
        let text = screen(size, &[Action::Legend.into()]);
        let legend = text.lines().nth(usize::from(size.1) - 2).unwrap();
        // Every mark the axis and the list draw; at 80 columns the last ones give way to an ellipsis.
        let marks = ["·", "○", "●", "✗", "±", "━", "░", "┄", "2-9"];
        assert!(marks.iter().all(|m| legend.contains(m)), "{size:?}: {legend}");
        match size.0 {
            80 => assert!(legend.contains("2+ origins") && legend.ends_with('…'), "{legend}"),
            120 => assert!(
                legend.contains("single-source") && legend.ends_with("▲ selected"),
                "{legend}"
            ),
            _ => assert!(legend.contains("contested  ━ interval"), "{legend}"),
        }
        if size.0 != 160 {
            insta::assert_snapshot!(format!("legend_{}x{}", size.0, size.1), text);
        }
    }
    // Hidden again, the screen is as it was.
    assert_eq!(
        screen((80, 24), &[Action::Legend.into(), Action::Legend.into()]),
        screen((80, 24), &[])
    );
}

#[test]
fn the_ids_column_shows_the_ids_tlx_list_prints() {
    for size in [(80, 24), (120, 40)] {
        let text = screen(size, &[Action::Ids.into()]);
        insta::assert_snapshot!(format!("ids_{}x{}", size.0, size.1), text);
    }
    // `tlx list --ids` and the list's column give each event the same id.
    let t = Document::bundled().load(Options::default()).timeline;
    let opened = crate::cmd::Opened {
        merged: crate::model::merge::merge(vec![crate::model::merge::Part {
            label: "bundled".into(),
            timeline: t,
        }]),
        labels: vec!["bundled".into()],
        paths: vec![None],
    };
    let mut listing = Vec::new();
    crate::cmd::list::write_listing(&opened, &crate::filter::Filter::default(), true, &mut listing).unwrap();
    let listed: Vec<String> = String::from_utf8(listing)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    let mut app = app((200, 60));
    update(&mut app, Action::Ids);
    let text = draw(&app, (200, 60));
    // Each list row: the border, the sign, the mark and a space, then the id.
    let shown: Vec<String> = text
        .lines()
        .filter_map(|l| {
            l.chars()
                .skip(4)
                .collect::<String>()
                .split_whitespace()
                .next()
                .map(str::to_string)
        })
        .filter(|cell| listed.contains(cell))
        .collect();
    assert_eq!(shown, listed, "{text}");
}

#[test]
fn the_help_says_there_is_more_below_and_first_and_last_reach_its_ends() {
    for size in [(80, 24), (120, 40)] {
        let top = screen_with_help(size, &[Action::Help.into()]);
        assert!(top.contains("↓ more · lines 1–"), "{top}");
        let end = screen_with_help(size, &[Action::Help.into(), Action::Last.into()]);
        assert!(end.contains("↑ end · lines "), "{end}");
        let (last_field, _) = crate::query::FIELDS.last().unwrap();
        assert!(
            end.contains(&format!("  {last_field}:")),
            "the query fields end the help: {end}"
        );
        insta::assert_snapshot!(format!("help_end_{}x{}", size.0, size.1), end);
        let back = screen_with_help(size, &[Action::Help.into(), Action::Last.into(), Action::First.into()]);
        assert_eq!(back, top);
    }
}

#[test]
fn cut_lines_end_in_an_ellipsis_in_the_style_of_the_span_cut() {
    let line = Line::from(vec![Span::raw("ab"), Span::styled("cdef", Style::new().bold())]);
    assert_eq!(fit_line(line.clone(), 6), line, "what fits stays whole");
    let cut = fit_line(line.clone(), 4);
    assert_eq!(
        cut,
        Line::from(vec![Span::raw("ab"), Span::styled("c…", Style::new().bold())])
    );
    // A span that ends exactly at the edge gives its last column to the ellipsis.
    let cut = fit_line(line, 2);
    assert_eq!(cut, Line::from(vec![Span::raw("a…")]));
}

#[test]
fn interval_dates_keep_the_titles_in_one_column() {
    let text = screen((80, 24), &[Action::Sort.into()]);
    let list: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("┃") && l.contains(" 20"))
        .collect();
    // Where each title starts: after the date column and its two-space gap.
    let starts: std::collections::BTreeSet<usize> = list
        .iter()
        .filter_map(|l| {
            let chars: Vec<char> = l.chars().collect();
            (4..chars.len() - 2)
                .find(|&i| chars[i] == ' ' && chars[i + 1] == ' ' && chars[i + 2] != ' ')
                .map(|i| i + 2)
        })
        .collect();
    assert_eq!(starts.len(), 1, "{}", list.join("\n"));
}

#[test]
fn the_header_says_a_search_is_under_way_with_the_hits_found_so_far() {
    // Enough events that the search runs on a worker, in several pieces.
    let n = crate::app::OFF_THREAD_FROM;
    let size = (120, 40);
    let mut app = numbered(n, size, |_, _| {});
    update(&mut app, Action::Search);
    for c in "event".chars() {
        update(&mut app, Msg::Type(c));
    }
    assert!(draw(&app, size).contains("/event: searching… 0 found"));
    let Some(crate::app::Effect::Compute(job)) = app.effects().last() else {
        panic!("{:?}", app.effects());
    };
    let mut sent = Vec::new();
    job.as_ref().clone().run(&mut |msg| sent.push(msg));
    assert!(sent.len() > 1, "hits come in pieces");
    let last = sent.pop().unwrap();
    for msg in sent {
        update(&mut app, msg);
    }
    let text = draw(&app, size);
    let found = app.search().as_ref().unwrap().matches.len();
    assert!(found > 0 && found < n, "{found}");
    assert!(text.contains(&format!("/event: searching… {found} found")), "{text}");
    update(&mut app, last);
    assert!(draw(&app, size).contains(&format!("/event: {n} matches")));
}
