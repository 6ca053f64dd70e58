//! Micro-benchmarks of the paths behind issue 7's targets, on the generated timelines: reading
//! (TOML 100k), loading and indexing (TOML 1k and 100k, CSV 100k), finding a 100k TOML file's
//! event tables, date parsing and the chronological sort, the axis index and its binning at 100k
//! and 1M items, one frame (and a key then a frame) at 120x40 with 100k and 1M events, search and
//! filtering; one event block at a time, the quick reader against the `toml` crate and the
//! walker; and each export of 100k events.
//!
//! `cargo bench --bench hot_paths` (a few minutes); `cargo bench --bench hot_paths -- load` runs
//! the benchmarks whose name holds "load". Fixtures are built once, outside the timed loops.

// The allocator the tlx binary uses, so loading is measured as it runs there.
#[cfg(all(not(windows), feature = "jemalloc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// Shared with the tui bench, which uses the facts this one does not need.
#[allow(dead_code)]
mod support;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::data::{self, Format};
use support::generate::{NEEDLE, Spec};
use tlx::app::{Action, App, Effect, KeyMap, Msg, Performed, update};
use tlx::axis::index::{self as axis_index, AxisIndex};
use tlx::filter::Filter;
use tlx::load::read::read_text;
use tlx::load::{Document, Options, quick};
use tlx::load::{blocks, walk};
use tlx::model::DateStyle;
use tlx::model::evidence::AsOf;
use tlx::model::matrix::Matrix;
use tlx::model::{Date, Event};
use tlx::query::Query;
use tlx::theme::Theme;
use tlx::ui::{self, View};
use toml::de::{DeTable, DeValue};

/// The generated text of `events` events in a format, with the name that picks its loader.
fn document(events: usize, format: Format) -> Document {
    let path = data::file(Spec { events, seed: 1 }, format).expect("the generated timeline is written");
    Document {
        name: path.display().to_string(),
        text: std::fs::read_to_string(&path)
            .expect("the generated timeline is read")
            .into(),
        path: Some(path),
    }
}

/// Issue 17's target: a 100k-row ACLED-shaped CSV opened with `--preset acled`, against the
/// tlx-native CSV of the same events (the first's import written by `tlx export -f csv`), each
/// opened as the explorer opens a file: loaded, then indexed for browsing (`App::new`).
fn acled(c: &mut Criterion) {
    let rows = 100_000;
    let acled = Document {
        name: "acled.csv".into(),
        // The name that picks the CSV reader.
        path: Some("acled.csv".into()),
        text: support::acled::csv(rows).into(),
    };
    let preset = tlx::import::Options {
        columns: tlx::import::preset("acled", &[]).expect("the preset exists"),
        ..tlx::import::Options::default()
    };
    let open = |doc: &Document, import: &tlx::import::Options| {
        let loaded = doc.load(Options {
            import: import.clone(),
            ..Options::default()
        });
        App::new(loaded.timeline, "bench", (120, 40))
    };
    let imported = acled.load(Options {
        import: preset.clone(),
        ..Options::default()
    });
    assert!(!imported.has_errors(), "{:?}", imported.diagnostics.first());
    assert_eq!(imported.timeline.events.len(), rows);
    let native = Document {
        name: "native.csv".into(),
        path: Some("native.csv".into()),
        text: tlx::export::Format::Csv.write(&imported.timeline).into(),
    };
    let mut group = c.benchmark_group("open 100k rows");
    group.throughput(Throughput::Elements(rows as u64));
    let none = tlx::import::Options::default();
    group.bench_function("tlx csv", |b| b.iter_with_large_drop(|| open(&native, &none)));
    group.bench_function("acled csv --preset acled", |b| {
        b.iter_with_large_drop(|| open(&acled, &preset))
    });
    group.finish();
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for (label, events, format) in [
        ("toml 1k", 1_000, Format::Toml),
        ("toml 100k", 100_000, Format::Toml),
        ("csv 100k", 100_000, Format::Csv),
    ] {
        let doc = document(events, format);
        group.throughput(Throughput::Elements(events as u64));
        // The timeline is dropped outside the timed part: the explorer keeps it.
        group.bench_function(label, |b| b.iter_with_large_drop(|| doc.load(Options::default())));
    }
    // A load's first step alone: the file's bytes (from the page cache) checked into a string.
    let events = 100_000;
    let path = data::file(Spec { events, seed: 1 }, Format::Toml).expect("the generated timeline is written");
    let bytes = std::fs::metadata(&path).expect("the generated timeline is there").len();
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("read toml 100k", |b| {
        b.iter_with_large_drop(|| read_text(&path, u64::MAX, None).expect("the generated timeline is read"))
    });
    group.finish();
}

/// Finding the event tables of a 100k-event TOML file: the pass between reading a file and
/// parsing its events in parallel.
fn splitting(c: &mut Criterion) {
    let doc = document(100_000, Format::Toml);
    assert!(
        blocks::split(&doc.text).is_some(),
        "the generated timeline can be split"
    );
    let mut group = c.benchmark_group("split");
    group.throughput(Throughput::Bytes(doc.text.len() as u64));
    group.bench_function("toml 100k: blocks::split", |b| {
        b.iter_with_large_drop(|| blocks::split(black_box(&doc.text)))
    });
    group.finish();
}

/// The text of each `[[events]]` table: from its header line to the next (generated files hold
/// no multi-line strings, so every such line is a header).
fn event_blocks(text: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = text.match_indices("\n[[events]]").map(|(i, _)| i + 1).collect();
    starts.push(text.len());
    starts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

fn blocks(c: &mut Criterion) {
    let doc = document(10_000, Format::Toml);
    let blocks = event_blocks(&doc.text);
    assert!(
        blocks.iter().all(|b| quick::event(b).is_some()),
        "the quick path reads every generated block"
    );
    let bytes: usize = blocks.iter().map(|b| b.len()).sum();
    let mut group = c.benchmark_group("quick 10k event blocks");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("quick::event", |b| {
        b.iter_with_large_drop(|| blocks.iter().map(|block| quick::event(block)).collect::<Vec<_>>())
    });
    group.bench_function("DeTable::parse_recoverable + walk::event", |b| {
        b.iter_with_large_drop(|| {
            blocks
                .iter()
                .map(|block| {
                    let (root, _) = DeTable::parse_recoverable(block);
                    let DeValue::Array(events) = root.get_ref()["events"].get_ref() else {
                        unreachable!("a block is one [[events]] table")
                    };
                    walk::event(&events[0], &mut Vec::new())
                })
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

fn explorer(c: &mut Criterion) {
    let timeline = document(100_000, Format::Toml).load(Options::default()).timeline;
    let dates: Vec<String> = timeline.events.iter().map(|e| e.date.text().to_string()).collect();
    let mut group = c.benchmark_group("dates 100k");
    group.throughput(Throughput::Elements(dates.len() as u64));
    group.bench_function("Date::parse", |b| {
        b.iter(|| dates.iter().map(|d| Date::parse(d).is_ok()).filter(|&ok| ok).count())
    });
    group.bench_function("Timeline::chronological", |b| b.iter(|| timeline.chronological()));
    // Every text field checked for what the terminal must not be sent, once per load.
    let mut checked = timeline.clone();
    group.bench_function("Timeline::displayed (printable already)", |b| {
        b.iter(|| assert_eq!(checked.display().events_changed(), 0))
    });
    group.finish();

    let app = App::new(timeline, "bench", (120, 40));
    let mut group = c.benchmark_group("explorer 100k");
    let items = axis_items(&app);
    group.bench_function("AxisIndex::new (once per filter)", |b| {
        b.iter_with_large_drop(|| AxisIndex::new(items.iter().copied()))
    });
    group.bench_function("AxisIndex::columns (120 wide, every frame)", |b| {
        b.iter(|| app.axis().columns(black_box(&app.window()), 120))
    });
    let mut screen = Screen::new();
    group.bench_function("frame 120x40", |b| b.iter(|| screen.draw(&app)));
    let mut moving = app.clone();
    group.bench_function("Down then frame 120x40", |b| {
        b.iter(|| {
            update(&mut moving, Action::Next);
            screen.draw(&moving)
        })
    });
    // A refilter with every event's evidence worked out again, as `[` and `]` do.
    group.bench_function("knowledge date stepped, then frame", |b| {
        b.iter(|| {
            update(&mut moving, Action::EarlierAsOf);
            screen.draw(&moving)
        })
    });
    let needle = Query::parse(NEEDLE).expect("a word parses");
    let t = &app.timeline();
    let matches = || {
        app.order()
            .iter()
            .filter(|&&i| needle.matches(t, &t.events[i], &app.evidence()[i], None))
            .count()
    };
    assert_eq!(matches(), 1, "the needle is in one event");
    group.bench_function("search (Query::matches, every event)", |b| b.iter(matches));
    // What the prompt does on each key: every shown event, on every core.
    let mut typing = app.clone();
    update(&mut typing, Action::Search);
    for c in NEEDLE[..NEEDLE.len() - 1].chars() {
        update(&mut typing, Msg::Type(c));
    }
    worked_out(&mut typing);
    // The last key narrows the earlier matches; Backspace then searches every event afresh. On
    // this many events each is searched on a worker: here, run to the end on this thread.
    group.bench_function("search prompt: last key, then Backspace", |b| {
        b.iter(|| {
            update(&mut typing, Msg::Type('t'));
            worked_out(&mut typing);
            update(&mut typing, Action::DeleteChar);
            worked_out(&mut typing);
        })
    });
    let filter = Filter {
        as_of: Some(AsOf::new(Date::parse("2000-01-01").expect("a date"))),
        query: Some(Query::parse("tag:mining").expect("a query parses")),
        ..Filter::default()
    };
    group.bench_function("Filter::apply_in (query and as-of)", |b| {
        b.iter_with_large_drop(|| filter.apply_in(t, app.chronological(), &()))
    });
    group.bench_function("Filter::evidence (as-of)", |b| {
        b.iter_with_large_drop(|| filter.evidence(t))
    });
    let evidence = filter.evidence(t);
    group.bench_function("Filter::order_in (tag query, evidence kept)", |b| {
        b.iter_with_large_drop(|| filter.order_in(t, app.chronological(), &evidence, &()))
    });
    group.finish();

    // 1M items: the 100k events ten times over, as the axis would bin a 1M-event timeline.
    let shown = app.order().len();
    let million: Vec<axis_index::Marker> = (0..10)
        .flat_map(|copy| {
            items.iter().map(move |&item| axis_index::Marker {
                index: item.index + copy * shown,
                ..item
            })
        })
        .collect();
    let mut group = c.benchmark_group("axis 1M");
    group.throughput(Throughput::Elements(million.len() as u64));
    group.bench_function("AxisIndex::new", |b| {
        b.iter_with_large_drop(|| AxisIndex::new(million.iter().copied()))
    });
    let index = AxisIndex::new(million.iter().copied());
    group.bench_function("AxisIndex::columns (120 wide)", |b| {
        b.iter(|| index.columns(black_box(&app.window()), 120))
    });
    group.finish();
    drop(index);
    drop(million);

    // A 1M-event explorer: the 100k events ten times over, each kept to its date, title and first
    // source (what a frame reads), so that the copy fits in memory beside the 100k one.
    let mut lean = app.timeline().clone();
    lean.events = (0..10)
        .flat_map(|copy| {
            app.timeline().events.iter().map(move |full| {
                let mut e = Event::new(format!("{}-{copy}", full.id), full.date.clone(), full.title.clone());
                e.sources = full.sources.iter().take(1).cloned().collect();
                e
            })
        })
        .collect();
    let mut big = App::new(lean, "bench", (120, 40));
    let mut group = c.benchmark_group("explorer 1M");
    group.bench_function("frame 120x40", |b| b.iter(|| screen.draw(&big)));
    for (label, action) in [
        ("Down then frame 120x40", Action::Next),
        ("PgDn then frame 120x40", Action::PageDown),
        ("zoom in then frame 120x40", Action::ZoomIn),
    ] {
        group.bench_function(label, |b| {
            b.iter(|| {
                update(&mut big, action);
                screen.draw(&big)
            })
        });
    }
    group.bench_function("End, Home, frames 120x40", |b| {
        b.iter(|| {
            update(&mut big, Action::Last);
            screen.draw(&big);
            update(&mut big, Action::First);
            screen.draw(&big)
        })
    });
    // Every shown event again: the order, the axis index, the selection found again.
    group.bench_function("refilter: sort toggled, then frame", |b| {
        b.iter(|| {
            update(&mut big, Action::Sort);
            screen.draw(&big)
        })
    });
    // Also every event's evidence (these lean events have one source each).
    group.bench_function("refilter: knowledge date stepped, then frame", |b| {
        b.iter(|| {
            update(&mut big, Action::LaterAsOf);
            screen.draw(&big)
        })
    });
    // The who-said-what matrix: tabulated once when opened, then every move only draws it.
    update(&mut big, Action::First);
    // Shared with the table, as the explorer shares them: the table copies neither.
    let (order, evidence) = (Arc::new(big.order().to_vec()), Arc::new(big.evidence().to_vec()));
    group.bench_function("matrix: Matrix::build (once per open or filter)", |b| {
        b.iter_with_large_drop(|| Matrix::build(big.timeline(), Arc::clone(&order), Arc::clone(&evidence)))
    });
    update(&mut big, Action::Matrix);
    group.bench_function("matrix: Right then frame 120x40", |b| {
        b.iter(|| {
            update(&mut big, Action::Right);
            screen.draw(&big)
        })
    });
    group.bench_function("matrix: Down then frame 120x40", |b| {
        b.iter(|| {
            update(&mut big, Action::Next);
            screen.draw(&big)
        })
    });
    group.finish();
}

/// A test terminal of 120x40 with what a view needs besides the state.
struct Screen {
    terminal: Terminal<TestBackend>,
    keymap: KeyMap,
    theme: Theme,
}

impl Screen {
    fn new() -> Screen {
        Screen {
            terminal: Terminal::new(TestBackend::new(120, 40)).expect("a test terminal"),
            keymap: KeyMap::default(),
            theme: Theme::mono(),
        }
    }

    /// Draws one frame of the explorer.
    fn draw(&mut self, app: &App) {
        let view = View {
            app,
            keymap: &self.keymap,
            theme: &self.theme,
            dates: DateStyle::default(),
        };
        self.terminal.draw(|f| ui::render(&view, f)).map(|_| ()).expect("drawn")
    }
}

/// The shown events as the axis indexes them.
fn axis_items(app: &App) -> Vec<axis_index::Marker> {
    app.order()
        .iter()
        .enumerate()
        .map(|(pos, &i)| {
            let date = &app.timeline().events[i].date;
            axis_index::Marker {
                earliest: date.earliest(),
                latest: date.latest(),
                fuzzy: date.is_fuzzy(),
                interval: date.is_interval(),
                status: app.evidence()[i].status(),
                index: pos,
            }
        })
        .collect()
}

/// Runs the jobs `app` asked of workers, as the event loop would, applying what they send.
fn worked_out(app: &mut App) {
    let jobs: Vec<_> = app
        .effects()
        .iter()
        .filter_map(|e| match e {
            Effect::Compute(job) => Some(job.as_ref().clone()),
            _ => None,
        })
        .collect();
    update(app, Msg::Performed(Performed::default()));
    for job in jobs {
        let mut sent = Vec::new();
        job.run(&mut |msg| sent.push(msg));
        for msg in sent {
            update(app, msg);
        }
    }
}

/// Each export of 100k events whole into a string, the load not counted: the writing alone,
/// which a million events' `tlx export` does beside the load on the other cores.
fn exports(c: &mut Criterion) {
    use tlx::export::Format as Export;
    let timeline = document(100_000, Format::Toml).load(Options::default()).timeline;
    let mut group = c.benchmark_group("export 100k");
    group.throughput(Throughput::Elements(timeline.events.len() as u64));
    for format in [
        Export::Csv,
        Export::Toml,
        Export::Json,
        Export::Markdown,
        Export::Timelinejs,
        Export::Svg,
    ] {
        group.bench_function(format!("{format:?}"), |b| {
            b.iter_with_large_drop(|| format.write(&timeline))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Small samples: the slowest paths take a second each, and the whole run stays in minutes.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = loading, splitting, acled, blocks, explorer, exports
}
criterion_main!(benches);
