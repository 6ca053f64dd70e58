use super::*;
use crate::load::{Document, Options};
use crate::loaded::Rows;
use crate::model::display::AsRead;

/// An event's table with what a search of bytes must not miss: a tag before the title, text in
/// every searched field, escapes (one spelling an ASCII letter), the two characters that
/// lowercase to ASCII, a literal string, text made printable to be shown, an actor whose name is
/// in the `[actors]` table only, a note, a denial, and words in any case.
fn event(n: usize) -> String {
    // Each word in a sixty-fourth of the events, rare enough for the search of bytes to pay.
    let word = WORDS.get(n % 64).unwrap_or(&"plain");
    let other = WORDS.get((n * 7 + 3) % 64).unwrap_or(&"filler");
    let mut t = format!("[[events]]\nid = \"e{n}\"\n");
    // Half the events name their tags before their title, as a hand-written file may.
    if n.is_multiple_of(2) {
        t += &format!("tags = [\"{other}-tag\"]\n");
    }
    t += &format!("date = \"20{:02}-0{}-1{}\"\n", n % 25, n % 9 + 1, n % 10);
    t += &match n % 11 {
        0 => format!("title = \"Escaped \\\"{word}\\\" and \\u0051uote{n}\"\n"),
        1 => format!("title = 'Literal {word} {n}'\n"),
        2 => format!("title = \"\u{212A}elvin {word} {n}\"\n"),
        3 => format!("title = \"{word} \u{0130}stanbul {n}\"\n"),
        4 => format!("title = \"Zero\u{200B}width {word} {n}\"\n"),
        _ => format!("title = \"{} {word} {n}\"\n", word.to_uppercase()),
    };
    // Long summaries, for a file large enough to be mapped with few events to search.
    match n % 3 {
        0 => t += &format!("summary = \"A summary about {other} in {n}\"\n"),
        _ => t += &format!("summary = '{}'\n", ". ".repeat(800)),
    }
    if n % 2 == 1 {
        t += &format!("tags = [\"{word}-tag\"]\n");
    }
    if n.is_multiple_of(5) {
        t += "actors = [\"putin\"]\n";
    }
    // Some with an escape that stands for what is made printable to be shown (a tab).
    match n % 26 {
        0 => t += &format!("notes = \"Noted\\t{other}\"\n"),
        13 => t += &format!("notes = \"Noted {other}\"\n"),
        _ => {}
    }
    for s in 0..n % 3 {
        t += &format!(
            "\n[[events.sources]]\noutlet = \"{} Outlet\"\n",
            WORDS.get((n + s) % 64).unwrap_or(&"Some")
        );
        if s == 1 {
            t += &format!("citing = \"{other} officials\"\n");
        }
        t += &format!("quote = \"They said {word}{s} plainly\"\n");
    }
    if n.is_multiple_of(17) {
        t += &format!("\n[[events.denials]]\nby = \"{other} ministry\"\nquote = \"Denied {word}\"\n");
    }
    t + "\n"
}

const WORDS: &[&str] = &[
    "harbour",
    "quillwort",
    "kremlin",
    "tehran",
    "visit",
    "ministry",
    "sanctions",
    "Quds",
    "moscow",
    "reuters",
    "fox",
    "travel",
    "ban",
    "general",
    "spokesperson",
];

/// A file of more than 16 MiB, which is mapped and lent as a large timeline is.
pub(crate) fn file() -> String {
    let mut text = String::from(
        "[timeline]\ntitle = \"Stretches\"\n\n[actors.putin]\nname = \"Vladimir Putin\"\n\
         aliases = [\"Президент\"]\n\n",
    );
    let mut n = 0;
    while text.len() < 17 << 20 {
        text += &event(n);
        n += 1;
    }
    text
}

/// The rows of a CSV event with what a search of bytes must not miss: a title in quotes written
/// twice, escapes in a JSON list of tags (one of a tab), the two characters that lowercase to
/// ASCII, text made printable to be shown (a zero-width space, a line break in a title), outlets
/// read off a URL or shown as "unknown", notes put together from columns tlx does not know (one
/// named with a soft hyphen), a denial, and a link to no event, which sets the event aside.
/// Every third event has a second row, written after the next two events' rows.
fn csv_rows(n: usize) -> (String, Option<String>) {
    let word = WORDS.get(n % 64).unwrap_or(&"plain");
    let other = WORDS.get((n * 7 + 3) % 64).unwrap_or(&"filler");
    let title = match n % 11 {
        0 => format!("\"Said \"\"{word}\"\" {n}\""),
        1 => format!("\u{212A}elvin {word} {n}"),
        2 => format!("{word} \u{0130}stanbul {n}"),
        3 => format!("Zero\u{200B}width {word} {n}"),
        // A line break in a one-line field, shown as a mark.
        4 => format!("\"Two\nlines {word} {n}\""),
        _ => format!("{} {word} {n}", word.to_uppercase()),
    };
    let summary = match n % 3 {
        0 => format!("A summary about {other} in {n}"),
        _ => ". ".repeat(800),
    };
    let tags = match n % 14 {
        0 => format!("\"[\"\"esc\\u0061ped-{other}\"\"]\""),
        // An escape that stands for what is made printable to be shown (a tab).
        7 => format!("\"[\"\"tab\\u0009bed-{other}\"\"]\""),
        _ => format!("{other}-tag;{word}-tag"),
    };
    let related = if n % 97 == 5 { "nowhere-event" } else { "" };
    let actors = if n.is_multiple_of(5) { "putin" } else { "" };
    let (outlet, url) = match n % 5 {
        1 => (String::new(), format!("https://twitter.com/{word}Acct/status/{n}")),
        2 => (String::new(), format!("https://www.{word}-news.example/{n}")),
        3 => (String::new(), String::new()),
        _ => (format!("{word} Outlet"), String::new()),
    };
    let notes = if n.is_multiple_of(13) {
        format!("Noted {other}")
    } else {
        String::new()
    };
    let mood = if n % 19 == 7 {
        format!("mood-{word}")
    } else {
        String::new()
    };
    let (denier, denial) = match n.is_multiple_of(17) {
        true => (format!("{other} ministry"), format!("Denied {word}")),
        false => (String::new(), String::new()),
    };
    // Under a column whose name holds a soft hyphen, shown as a mark in the notes it goes to.
    let soft = if n % 23 == 3 { "soft" } else { "" };
    let first = format!(
        "c{n},20{:02}-0{}-1{},{title},{summary},{tags},{related},{actors},{outlet},,{url},They said {word}0 plainly,{notes},{mood},{denier},{denial},{soft}\n",
        n % 25,
        n % 9 + 1,
        n % 10
    );
    let second = n
        .is_multiple_of(3)
        .then(|| format!("c{n},,,,later-{word},,,{other} Outlet,{other} officials,,They said {word}1 plainly,,,,,\n"));
    (first, second)
}

/// A CSV file of more than 16 MiB, which is mapped and lent as a large timeline is.
pub(crate) fn csv_file() -> String {
    let mut text = String::from(
        "id,date,title,summary,tags,related,actors,outlet,citing,url,quote,notes,mood,denied_by,denial_quote,so\u{AD}ft\n",
    );
    let mut later: Vec<(usize, String)> = Vec::new();
    let mut n = 0;
    while text.len() < 17 << 20 {
        let (first, second) = csv_rows(n);
        text += &first;
        later.extend(second.map(|s| (n + 2, s)));
        while later.first().is_some_and(|(after, _)| *after == n) {
            text += &later.remove(0).1;
        }
        n += 1;
    }
    text
}

/// `text` loaded from a file called `name`, mapped and lent as a large timeline is.
pub(crate) fn lent(name: &str, text: &str) -> crate::load::Loaded {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let options = Options {
        lend: true,
        ..Options::default()
    };
    Document::read(&path, &options).unwrap().load(options)
}

/// `t` made fit to show, and what that changed, held to what passing by the events its reader saw
/// plain (as `layout` says) makes: the same copy and the same changes. The files hold escapes,
/// a zero-width space and letters beyond Latin's, which are not seen plain;
/// most of the CSV file's events have notes put together from a column tlx does not know.
fn displayed(t: &mut Timeline, layout: &Layout) -> AsRead {
    let (Layout::Tables(plain) | Layout::Rows(Rows { plain, .. })) = layout else {
        panic!("{layout:?}")
    };
    let mut passing = t.clone();
    let changed = t.display();
    assert!(changed.events_changed() > 0, "some text is made printable to be shown");
    assert_eq!(passing.display_except(|i| plain.holds(i)), changed);
    assert!(passing == *t, "the copies fit to show differ");
    let events = t.events.len();
    let seen = (0..events).filter(|&i| plain.holds(i)).count();
    assert!(seen > events / 10 && seen < events, "{seen} of {events} seen plain");
    changed
}

/// The needles tried: every word in two cases, parts of words, words across fields, what only an
/// escape or a folding character spells, and words in no event.
fn needles() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in WORDS {
        out.extend([
            w.to_string(),
            w.to_uppercase(),
            w[1..].to_string(),
            format!("{w}-tag"),
            format!("{w}1 pla"),
        ]);
    }
    let more = [
        "Quote1",
        "quote10",
        "kelvin",
        "istanbul",
        // Spelled by a word and the dotted capital I's lowercase, `i` and a combining dot.
        "visit i",
        "i",
        "k",
        "zerowidth",
        "Zero",
        "vladimir",
        "putin",
        "\"quillwort\"",
        "noted",
        "said",
        "Outlet",
        "outlet = ",
        "e12",
        "nowhere-at-all",
        "xq",
        "escaped \"",
        "Literal",
        "denied ha",
    ];
    out.extend(more.map(String::from));
    out
}

/// Asks `stretches` which events of `t` may match each of `needles`, and checks that none left
/// out is matched; returns how many needles left some event out, and those it could not tell.
fn narrowing(stretches: &Stretches, t: &Timeline, needles: &[String]) -> (usize, Vec<String>) {
    let (mut narrowed, mut untold) = (0, Vec::new());
    for text in needles {
        let needle = Needle::new(text).unwrap();
        let Some(kept) = stretches.candidates(t, &[&needle], &|| false) else {
            untold.push(text.clone());
            continue;
        };
        for (i, e) in t.events.iter().enumerate() {
            assert!(
                !needle.matches(t, e) || kept[i],
                "{text:?} matches event {i} ({}), left out",
                e.title
            );
        }
        narrowed += usize::from(kept.iter().any(|&k| !k));
    }
    (narrowed, untold)
}

/// Whatever the needle, the events a search of the file's bytes leaves out are events the full
/// search does not match: it narrows, and never drops a match. So too where the reader does not
/// say which events are plain, and the file's odd bytes are looked for instead.
#[test]
fn a_search_of_the_files_bytes_keeps_every_event_the_full_search_matches() {
    let loaded = lent("big.toml", &file());
    assert!(!loaded.has_errors(), "{:?}", &loaded.diagnostics[..1]);
    let mut t = loaded.timeline;
    assert!(matches!(loaded.layout, Layout::Tables(_)), "{:?}", loaded.layout);
    let changed = displayed(&mut t, &loaded.layout);
    let unsaid = Layout::Tables(Plain::Unknown);
    for layout in [loaded.layout, unsaid] {
        let stretches = Stretches::of(&t, layout, changed.changed()).expect("laid out");
        let events = t.events.len();
        assert!(stretches.anchors.len() > events / 2, "the file was lent: {stretches:?}");
        let (narrowed, untold) = narrowing(&stretches, &t, &needles());
        // What bytes cannot tell: a needle in an actor's name, or in too many events.
        assert!(
            untold.iter().any(|n| n == "vladimir") && untold.iter().any(|n| n == "i"),
            "{untold:?}"
        );
        assert!(
            narrowed > needles().len() / 2,
            "{narrowed} narrowed; untold: {untold:?}"
        );
    }
}

/// The same of a CSV file, whose events' rows may lie anywhere: the rows are placed as they are
/// read, and a needle that holds a double quote, which such a file writes twice, is not looked
/// for as written.
#[test]
fn a_search_of_a_csv_files_bytes_keeps_every_event_the_full_search_matches() {
    let loaded = lent("big.csv", &csv_file());
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(
        !errors.is_empty() && errors.iter().all(|d| d.set_aside.is_some()),
        "events linking to no event are set aside: {:?}",
        errors.first()
    );
    let mut t = loaded.timeline;
    let changed = displayed(&mut t, &loaded.layout);
    let Layout::Rows(rows) = &loaded.layout else {
        panic!("a lent CSV file's rows are placed: {:?}", loaded.layout);
    };
    assert!(
        rows.runs.len() > t.events.len(),
        "rows of an event apart are runs of their own"
    );
    let stretches = Stretches::of(&t, loaded.layout, changed.changed()).expect("laid out");
    let mut more = needles();
    more.extend(
        [
            "unknown",
            "@quillwortacct",
            "quillwort-news.example",
            "mood",
            "mood-kremlin",
            "escaped",
            "later-visit",
            "said \"visit",
        ]
        .map(String::from),
    );
    let (narrowed, untold) = narrowing(&stretches, &t, &more);
    assert!(
        untold.iter().any(|n| n == "said \"visit") && untold.iter().any(|n| n == "i"),
        "{untold:?}"
    );
    assert!(narrowed > more.len() / 2, "{narrowed} narrowed; untold: {untold:?}");
}

/// A search that is stopped says so rather than give a partial answer.
#[test]
fn a_stopped_search_of_bytes_tells_nothing() {
    static FILE: &[u8] = b"quillwort";
    let stretches = Stretches {
        anchors: [(FILE.as_ptr() as usize, 0)].into_iter().collect(),
        always: Vec::new(),
        files: vec![FILE],
        counts: [0; 256],
        quoted: false,
    };
    let needle = Needle::new("quillwort").unwrap();
    let t = Timeline::default();
    assert!(stretches.candidates(&t, &[&needle], &|| true).is_none());
}

#[test]
fn the_folding_characters_are_those_of_fold() {
    let encoded: Vec<Vec<u8>> = (crate::fold::FOLD_TO_ASCII.iter())
        .map(|c| c.to_string().into_bytes())
        .collect();
    assert_eq!(FOLDS.map(<[u8]>::to_vec).to_vec(), encoded);
}

proptest::proptest! {
    /// A pair finds every place in a range where the needle begins, in either case unless
    /// exact, and none that was not wanted: those before where the last one found said it
    /// wanted the next (`skip` on), as a naive comparison at every place finds them.
    #[test]
    fn a_pair_finds_where_a_needle_begins_as_a_comparison_at_every_place_does(
        file in proptest::collection::vec(proptest::sample::select(b"aAbBz1 -".to_vec()), 0..400),
        needle in proptest::collection::vec(proptest::sample::select(b"aAbz1 ".to_vec()), 1..5),
        exact: bool,
        range in (0usize..420, 0usize..420),
        skip in 1usize..40,
        seed in 1u32..97,
    ) {
        let needle = match exact {
            true => needle,
            false => needle.to_ascii_lowercase(),
        };
        let written = Written { bytes: &needle, exact };
        // Counts that vary with the seed, so that every pair of places is tried first.
        let pair = Pair::new(&written, |b| u32::from(b).wrapping_mul(seed) % 13).unwrap();
        let range = range.0.min(range.1)..range.0.max(range.1).min(file.len());
        let mut found = Vec::new();
        pair.each(&file, range.clone(), &mut |at| {
            found.push(at);
            at + skip
        });
        let mut expected = Vec::new();
        let mut wanted = 0;
        for at in range.clone().filter(|&at| at + needle.len() <= file.len()) {
            if at >= wanted && written.is(&file[at..at + needle.len()]) {
                expected.push(at);
                wanted = at + skip;
            }
        }
        proptest::prop_assert_eq!(found, expected);
    }
}

/// The line an event is placed on is the line an editor is asked to open: a TOML event's
/// `[[events]]` header (its first prose may be a title, a summary or a source's quote), and a CSV
/// event's first row, counted past quoted line breaks, the rows of an event apart.
#[test]
fn an_event_is_placed_on_its_header_or_its_first_row() {
    let text = file();
    // Each id's header line, counted in one pass.
    let (mut headers, mut line, mut counted) = (std::collections::HashMap::new(), 1, 0);
    for (at, header) in text.match_indices("[[events]]\nid = \"") {
        line += text[counted..at].matches('\n').count();
        counted = at;
        let id = &text[at + header.len()..];
        headers.insert(id[..id.find('"').unwrap()].to_string(), line);
    }
    let csv = csv_file();
    let mut first_rows = std::collections::HashMap::new();
    for record in ::csv::ReaderBuilder::new().from_reader(csv.as_bytes()).records() {
        let record = record.unwrap();
        let line = record.position().unwrap().line() as usize;
        first_rows.entry(record[0].to_string()).or_insert(line);
    }
    for (name, text, lines) in [("big.toml", &text, headers), ("big.csv", &csv, first_rows)] {
        let loaded = lent(name, text);
        let stretches = Stretches::of(&loaded.timeline, loaded.layout, []).expect("laid out");
        // Some sixty events, the last among them: each line is counted from the file's start.
        let events = loaded.timeline.events.len();
        let sample = (0..events).step_by(events / 60).chain([events - 1]);
        let mut placed = 0;
        for i in sample {
            let id = loaded.timeline.events[i].id.as_str();
            if let Some(place) = stretches.place(i) {
                assert_eq!(place.line(), lines[id], "{name}: {id}");
                placed += 1;
            }
        }
        assert!(placed > 30, "{name}: {placed} placed");
    }
}
