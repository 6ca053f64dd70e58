use super::*;
use crate::import::Mapping;

fn codes_at<'a>(loaded: &'a Loaded, text: &'a str) -> Vec<(&'static str, &'a str)> {
    loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, &text[d.span.clone().unwrap()]))
        .collect()
}

#[test]
fn one_row_per_event_with_quoted_commas_and_newlines() {
    let text = "date,title,summary,tags,outlet,citing,url,quote\n\
                2015-07-24,\"Arrives in Moscow, meets Putin\",\"Line one\nline two\",travel ban; S-300 ,Fox News,Western intelligence,https://fox.example/a,\"He \"\"arrived\"\", they said\"\n\
                -0499,Battle,,,,,,\n";
    let loaded = import(text, &Options::default(), None).0;
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let t = &loaded.timeline;
    assert_eq!(t.events.len(), 2);
    let e = &t.events[0];
    assert_eq!(e.id, "arrives-in-moscow-meets-putin-2015");
    assert_eq!(e.title, "Arrives in Moscow, meets Putin");
    assert_eq!(e.summary.as_deref(), Some("Line one\nline two"));
    assert_eq!(e.tags, ["travel ban", "S-300"]);
    let s = &e.sources[0];
    assert_eq!((s.outlet(), s.citing()), ("Fox News", Some("Western intelligence")));
    assert_eq!(s.quote.as_deref(), Some("He \"arrived\", they said"));
    assert_eq!(t.events[1].date.human(), "500 BCE");
    assert!(t.events[1].sources.is_empty());
}

#[test]
fn rows_sharing_an_id_are_one_event_with_several_sources() {
    let text = "id,date,title,tags,outlet,citing,stance,source_date,quote,denied_by,credibility\n\
                visit,2015-07-24,Visit,travel ban,Fox News,intelligence,,2015-08-06,Q1,The Kremlin,2\n\
                other,2015,Other,,,,,,,,\n\
                visit,,,S-300,Reuters,officials,Corroborates,2015-08-07,Q2,The Kremlin,\n\
                visit,2015-07-25,,,,,,,,,\n";
    let loaded = import(text, &Options::default(), None).0;
    let t = &loaded.timeline;
    assert_eq!(t.events.len(), 2);
    let e = &t.events[0];
    assert_eq!((e.id.as_str(), &*e.date.text()), ("visit", "2015-07-24"));
    assert_eq!(e.tags, ["travel ban", "S-300"]);
    let outlets: Vec<&str> = e.sources.iter().map(|s| s.outlet()).collect();
    assert_eq!(outlets, ["Fox News", "Reuters"]);
    assert_eq!(e.sources[1].more().stance, Stance::Corroborates);
    assert_eq!(e.sources[0].more().credibility, Some(2));
    assert_eq!(e.denials.len(), 1, "a repeated denial is one denial");
    assert_eq!(e.more.notes.as_deref(), Some("Row 5 date: 2015-07-25"));
    assert_eq!(codes_at(&loaded, text), [("conflict", "2015-07-25")]);
}

#[test]
fn unknown_columns_and_bad_cells_are_located_warnings() {
    let text = "date,title,Sumary,outlet,stance,reliability\n\
                2015,A,kept,AP,denies,Z,extra\n\
                2015-02-30,B,,,,\n\
                ,C,,,,\n";
    let loaded = import(text, &Options::default(), None).0;
    assert_eq!(
        codes_at(&loaded, text),
        [
            ("unknown-column", "Sumary"),
            ("bad-value", "denies"),
            ("bad-value", "Z"),
            ("unknown-column", "extra"),
            ("bad-date", "2015-02-30"),
            ("missing-key", ""),
        ]
    );
    assert!(
        loaded.diagnostics[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("did you mean `summary`?")
    );
    let e = &loaded.timeline.events[0];
    assert_eq!(e.more.notes.as_deref(), Some("sumary: kept\nextra cell: extra"));
    assert_eq!(e.sources[0].more().stance, Stance::Reports);
}

#[test]
fn a_header_without_date_and_title_is_an_error() {
    let loaded = import("moment,label\n2015,A\n", &Options::default(), None).0;
    assert_eq!(loaded.diagnostics.iter().filter(|d| d.code == "missing-key").count(), 2);
    assert!(loaded.timeline.events.is_empty());
    assert!(import("", &Options::default(), None).0.has_errors());
}

#[test]
fn common_names_are_read_as_tlx_columns_wherever_they_stand() {
    // All but the last were once refused: where no cell had to move, the header was taken as
    // written, so a common name in the place of tlx's own column was a column of its own.
    for text in [
        "when,what\n2015,A\n",
        "what,when\n\"A\",2015\n",
        "title,Event Date\nA,2015\n",
        "Event Date,title\n2015,A\n",
    ] {
        let loaded = import(text, &Options::default(), None).0;
        assert!(loaded.diagnostics.is_empty(), "{text:?}: {:?}", loaded.diagnostics);
        let e = &loaded.timeline.events[0];
        assert_eq!((&*e.title, e.date.human()), ("A", "2015".to_string()), "{text:?}");
    }
}

#[test]
fn a_row_that_cannot_begin_its_event_leaves_it_to_the_next_row_of_its_id() {
    // The rows after a failed first row follow a row of their own id, which the reading thread
    // takes to add to an event; the merging one makes the event itself when none was made.
    let text = "id,date,title,outlet\n\
                a,2015,,X\n\
                a,2015,T,Y\n\
                b,2016,B,Z\n\
                a,,,W\n\
                c,bad,C,V\n\
                c,2017,C2,U\n";
    let loaded = import(text, &Options::default(), None).0;
    assert_eq!(codes_at(&loaded, text), [("empty-value", "a"), ("bad-date", "bad")]);
    let events = &loaded.timeline.events;
    let read: Vec<(&str, &str, Vec<&str>)> = events
        .iter()
        .map(|e| (e.id.as_str(), &*e.title, e.sources.iter().map(|s| s.outlet()).collect()))
        .collect();
    assert_eq!(
        read,
        [
            ("a", "T", vec!["Y", "W"]),
            ("b", "B", vec!["Z"]),
            ("c", "C2", vec!["U"])
        ]
    );
    // The check, which makes each event from its rows alone, finds the same.
    let (_, mut index) = super::index::index(text, &Options::default());
    let checked = index.each_event(|_, _| {});
    let spans = |d: &[Diagnostic]| d.iter().map(|d| (d.code, d.span.clone())).collect::<Vec<_>>();
    assert_eq!(spans(&checked), spans(&loaded.diagnostics));
}

#[test]
fn links_to_records_that_do_not_exist_are_located_errors() {
    let text = "id,date,title,outlet,via,derived_from,denied_by,denial_via,related\n\
                a,2015,A,AP,nowhere,,,,\n\
                a,,,Reuters,,APP,,,\n\
                a,,,,,,The Kremlin,gone,\n\
                b,2016,B,,,,,,zz\n";
    let doc = crate::load::Document {
        name: "x.csv".into(),
        path: None,
        text: text.to_string().into(),
    };
    let loaded = doc.load(crate::load::Options::default());
    assert_eq!(
        codes_at(&loaded, text),
        [
            ("unknown-reference", "nowhere"),
            ("unknown-source", "APP"),
            ("unknown-reference", "gone"),
            ("unknown-event", "zz"),
        ]
    );
}

#[test]
fn claims_are_rows_of_their_own_and_unknown_ones_are_located() {
    let text = "id,date,title,claim_id,claim_text,claim_rating,claim_verdict,outlet,claims,denied_by,denial_claims\n\
                a,2015,A,met-putin,He met Putin.,false,The Kremlin denies it.,,,,\n\
                a,2015,A,,,,,Fox,met-putin,,\n\
                a,2015,A,,,,,,,The Kremlin,met-putn\n";
    let doc = crate::load::Document {
        name: "x.csv".into(),
        path: None,
        text: text.to_string().into(),
    };
    let loaded = doc.load(crate::load::Options::default());
    assert_eq!(codes_at(&loaded, text), [("unknown-claim", "met-putn")]);
    assert!(loaded.diagnostics[0].hint.as_deref().unwrap().contains("met-putin"));
    let clean = text.replace("met-putn", "met-putin");
    let (loaded, _) = import(&clean, &Default::default(), None);
    let e = &loaded.timeline.events[0];
    assert_eq!(e.more.claims.len(), 1);
    assert_eq!(e.more.claims[0].rating, Some(crate::model::Rating::False));
    assert_eq!((e.sources.len(), e.denials.len()), (1, 1));
    assert_eq!(e.sources[0].more().claims, ["met-putin"]);
    assert_eq!(e.denials[0].claims, ["met-putin"]);
}

#[test]
fn dates_as_people_write_them_are_read_and_ambiguous_ones_name_both_readings() {
    let text = "date,title\n24 July 2015,Words\nc. 1250 BC,Bronze\n1910s,Decade\n01/04/2020,Either\n";
    let loaded = import(text, &Options::default(), None).0;
    let events = &loaded.timeline.events;
    let dates: Vec<_> = events.iter().map(|e| e.date.text().to_string()).collect();
    assert_eq!(dates, ["2015-07-24", "-1249~", "191X"]);
    let [d] = loaded.diagnostics.as_slice() else {
        panic!("{:?}", loaded.diagnostics)
    };
    assert_eq!(&text[d.span.clone().unwrap()], "01/04/2020");
    assert!(
        d.message.contains("1 Apr 2020 (day first) or 4 Jan 2020 (month first)"),
        "{}",
        d.message
    );
    assert!(d.hint.as_deref().unwrap().contains("--day-first"));
}

/// Where each diagnostic is shown, as `line:col`.
fn lines_cols(loaded: &Loaded, text: &str) -> Vec<(usize, usize)> {
    let source = crate::diagnostic::SourceText::with_lone_cr("t.csv", text);
    loaded
        .diagnostics
        .iter()
        .map(|d| source.line_col(d.span.clone().unwrap().start))
        .collect()
}

#[test]
fn diagnostics_name_the_line_an_editor_shows_for_lf_crlf_and_lone_cr() {
    let lf = "date,title\n2015,A\n2015-13,B\n,C\n\"2016\",\"two\nlines\"\n2016-13,D\n";
    for ending in ["\n", "\r\n", "\r"] {
        let text = lf.replace('\n', ending);
        let loaded = import(&text, &Options::default(), None).0;
        assert_eq!(lines_cols(&loaded, &text), [(3, 1), (4, 1), (7, 1)], "{ending:?}");
        assert!(
            loaded.diagnostics[1].message.contains("row 4"),
            "{ending:?}: {}",
            loaded.diagnostics[1].message
        );
        assert_eq!(loaded.timeline.events.len(), 2, "{ending:?}");
    }
}

#[test]
fn a_european_spreadsheet_with_semicolons_and_a_byte_order_mark_opens() {
    // Excel writes the mark; the loader drops it with the rest of the file's text.
    let text = "\u{feff}date;title;notes\r\n2015-07-24;\"Arrives; meets\";x, y\r\n2016;B;\r\n";
    assert!(has_header(text));
    let loaded = import(text.trim_start_matches('\u{feff}'), &Options::default(), None).0;
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let titles: Vec<&str> = loaded.timeline.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Arrives; meets", "B"]);
    assert_eq!(loaded.timeline.events[0].more.notes.as_deref(), Some("x, y"));
}

#[test]
fn an_events_own_notes_come_first_and_other_rows_notes_follow_them() {
    let text = "id,date,title,notes,outlet\n\
                visit,2015-07-24,Visit,Seen arriving,Fox News\n\
                visit,,,Seen arriving,Reuters\n\
                visit,,,Left on the 26th,AP\n\
                other,2015,Other,,\n";
    let t = import(text, &Options::default(), None).0.timeline;
    let notes: Vec<_> = t.events.iter().map(|e| e.more.notes.as_deref()).collect();
    assert_eq!(notes, [Some("Seen arriving\nLeft on the 26th"), None]);
    let alone = import("date,title,notes\n2015,Alone,Only this\n", &Options::default(), None).0;
    assert_eq!(alone.timeline.events[0].more.notes.as_deref(), Some("Only this"));
}

#[test]
fn a_tsv_file_is_tab_separated_and_a_forced_separator_wins() {
    let text = "date\ttitle\n2015\tA, with a comma\n";
    let options = Options::default()
        .for_path(Some(std::path::Path::new("x.TSV")))
        .unwrap();
    let loaded = import(text, &options, None).0;
    assert_eq!(loaded.timeline.events[0].title, "A, with a comma");
    // Forced to `|`, the same text is one column: no `date` column, said at the header.
    let forced = Options {
        delimiter: Some(b'|'),
        ..Options::default()
    };
    let loaded = import(text, &forced, None).0;
    assert!(loaded.has_errors());
    assert_eq!(codes_at(&loaded, text)[0], ("missing-key", "date\ttitle"));
}

#[test]
fn the_day_or_month_first_option_settles_numeric_dates() {
    let text = "date,title\n01/04/2020,A\n";
    for (order, expected) in [(Order::DayFirst, "2020-04-01"), (Order::MonthFirst, "2020-01-04")] {
        let options = Options {
            order: Some(order),
            ..Options::default()
        };
        let loaded = import(text, &options, None).0;
        assert_eq!(loaded.timeline.events[0].date.text(), expected);
    }
}

#[test]
fn an_event_with_a_broken_link_is_set_aside_and_the_others_open() {
    let text = "id,date,title,outlet,via\na,2015,A,AP,nowhere\nb,2016,B,AP,\n";
    let doc = crate::load::Document {
        name: "x.csv".into(),
        path: None,
        text: text.to_string().into(),
    };
    let valid = doc.open(crate::load::Options::default()).unwrap();
    let ids: Vec<&str> = valid.timeline.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["b"]);
}

#[test]
fn a_quote_never_closed_is_an_error_where_it_opens_not_rows_lost_unsaid() {
    let text = "id,date,title\na,2015-01-01,First\nb,2015-01-02,\"Stray quote\nc,2015-01-03,Third\n";
    let loaded = import(text, &Options::default(), None).0;
    assert_eq!(codes_at(&loaded, text), [("syntax", "\"")]);
    assert_eq!(lines_cols(&loaded, text), [(3, 14)]);
    // The row after it is swallowed; the file's last line end starts no line.
    assert!(
        loaded.diagnostics[0].message.contains("1 more line, a row and all"),
        "{}",
        loaded.diagnostics[0].message
    );
    let said = |text: &str| import(text, &Options::default(), None).0.diagnostics[0].message.clone();
    assert!(said("id,date,title\na,2015,\"Stray\n").contains("runs to the end of the file"));
    assert!(said("id,date,title\na,2015,\"Stray\r\nb,2015,B\r\nc,2015,C\r\n").contains("2 more lines, rows and all"));
    assert!(loaded.has_errors());
    // The check reads rows the same way, through the row index.
    let (_, mut index) = super::index::index(text, &Options::default());
    let checked = index.each_event(|_, _| {});
    assert_eq!(
        checked.iter().map(|d| (d.code, d.span.clone())).collect::<Vec<_>>(),
        [("syntax", Some(46..47))]
    );
    for closed in [
        "id,date,title\na,2015,\"Closed\"",
        "id,date,title\na,2015,\"Doubled \"\"\"\n",
        "id,date,title\na,2015,A\n",
    ] {
        assert!(
            import(closed, &Options::default(), None).0.diagnostics.is_empty(),
            "{closed:?}"
        );
    }
}

#[test]
fn rows_across_batches_keep_their_cells_their_events_and_their_warnings() {
    // A first event of one row, so that the rows of an event (two each) straddle every batch's end.
    let rows = 2 * BATCH + 5;
    let csv = |header: &str| {
        let mut text = format!("{header}\nsolo,2015-01-01,Solo,Only\n");
        for row in 1..rows {
            let k = row.div_ceil(2);
            if row % 2 == 1 {
                text.push_str(&format!("e{k},2015-01-01,\"Title \"\"{k}\"\"\",First\n"));
            } else if row == BATCH {
                text.push_str(&format!("e{k},,,Second,extra\n"));
            } else {
                text.push_str(&format!("e{k},,,Second\n"));
            }
        }
        text
    };
    let own = csv("id,date,title,outlet");
    let mapped = csv("key,when,what,paper");
    let options = Options {
        columns: Mapping::parse_spec("id=key,date=when,title=what,outlet=paper").unwrap(),
        ..Options::default()
    };
    for (text, options) in [(&own, Options::default()), (&mapped, options)] {
        let loaded = import(text, &options, None).0;
        let events = &loaded.timeline.events;
        assert_eq!(events.len(), 1 + (rows - 1).div_ceil(2));
        for (k, e) in events.iter().enumerate().skip(1) {
            assert_eq!(e.id, format!("e{k}"));
            assert_eq!(e.title, format!("Title \"{k}\""));
            let outlets: Vec<&str> = e.sources.iter().map(|s| s.outlet()).collect();
            let expected: &[&str] = if 2 * k < rows { &["First", "Second"] } else { &["First"] };
            assert_eq!(outlets, expected, "event {k}");
        }
        assert_eq!(codes_at(&loaded, text), [("unknown-column", "extra")]);
        // The header is line 1, the first event's row line 2.
        assert_eq!(lines_cols(&loaded, text)[0].0, BATCH + 2);
        let straddling = &events[BATCH / 2];
        assert_eq!(straddling.more.notes.as_deref(), Some("extra cell: extra"));
    }
}

proptest::proptest! {
    /// Rows are grouped by id wherever they stand: one event per id, in the order each id first
    /// comes, holding its rows' sources in file order.
    #[test]
    fn rows_are_grouped_by_id_wherever_they_stand(ids in proptest::collection::vec(0..40usize, 1..300)) {
        let mut text = String::from("id,date,title,outlet\n");
        for (row, id) in ids.iter().enumerate() {
            text.push_str(&format!("id{id},2015,Event {id},Outlet {row}\n"));
        }
        let mut first_seen: Vec<usize> = Vec::new();
        for &id in &ids {
            if !first_seen.contains(&id) {
                first_seen.push(id);
            }
        }
        let loaded = import(&text, &Options::default(), None).0;
        let events = &loaded.timeline.events;
        let read: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
        let expected: Vec<String> = first_seen.iter().map(|id| format!("id{id}")).collect();
        proptest::prop_assert_eq!(read, expected);
        for (e, &id) in events.iter().zip(&first_seen) {
            let outlets: Vec<String> = e.sources.iter().map(|s| s.outlet().to_string()).collect();
            let rows: Vec<String> = (ids.iter().enumerate())
                .filter(|(_, i)| **i == id)
                .map(|(row, _)| format!("Outlet {row}"))
                .collect();
            proptest::prop_assert_eq!(outlets, rows);
        }
    }
}

proptest::proptest! {
    /// A cell is trimmed as `str::trim` trims it, whatever spaces (ASCII or Unicode's) or
    /// characters stand at its ends.
    #[test]
    fn a_cell_is_trimmed_as_str_trim_trims_it(text in "[ a\u{a0}\u{2003}\t\n~é!]{0,6}") {
        proptest::prop_assert_eq!(trim(&text), text.trim());
    }
}

#[test]
fn the_row_index_gives_an_event_without_an_id_the_id_the_import_gives_it() {
    // The first event has no id, and its slug is the third's own, claimed before any is given;
    // the fourth row adds to `b`, and the last event has none either.
    let text = "id,date,title,outlet,quote\n\
                ,2015,A,AP,q\n\
                b,2016,B,AP,q\n\
                a-2015,2017,C,AP,q\n\
                b,,,Reuters,q\n\
                ,2015,A,Reuters,q\n";
    let imported = import(text, &Options::default(), None).0.timeline.events;
    let ids: Vec<&str> = imported.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a-2015-2", "b", "a-2015", "a-2015-3"]);
    let (_, mut index) = super::index::index(text, &Options::default());
    let mut indexed = Vec::new();
    index.each_event(|event, _| indexed.push(event));
    assert_eq!(indexed, imported);
}
