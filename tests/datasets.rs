//! Spreadsheets and datasets as researchers have them (issue 17), each written here in its shape
//! and converted with `tlx import`: the events, dates, precisions and sources that come out.

use assert_cmd::Command;

fn tlx() -> Command {
    let mut cmd = Command::cargo_bin("tlx").unwrap();
    cmd.env("XDG_CONFIG_HOME", concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"));
    cmd
}

/// Imports `bytes` written as `name` with `args`; the TOML written, or the failure's stderr.
fn import(name: &str, bytes: &[u8], args: &[&str]) -> Result<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    import_at(&path, args)
}

fn import_at(path: &std::path::Path, args: &[&str]) -> Result<String, String> {
    let out = tlx().arg("import").args(args).arg(path).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    if out.status.success() {
        Ok(String::from_utf8(out.stdout).unwrap())
    } else {
        Err(stderr)
    }
}

/// The timeline the TOML holds, read back as tlx reads it.
fn events(toml: &str) -> Vec<tlx::model::Event> {
    let t: tlx::model::Timeline = toml::from_str(toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    t.events
}

const ACLED: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
UKR1,24 July 2015,2015,1,Political violence,Battles,Armed clash,Military Forces of Ukraine,,1,Militia,,3,13,,804,Europe,Ukraine,Donetsk,Marinka,,Marinka,47.94,37.50,1,Reuters; AFP; Local media,National,Clashes near Marinka.,2,,1618580000
UKR2,2015-07-20,2015,2,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,Unidentified Armed Group,,3,,,0,30,,804,Europe,Ukraine,Luhansk,Stanytsia,,Shchastia,48.74,39.23,1,Ukrainska Pravda,National,Shelling reported.,0,,1618580000
UKR3,3 July 2015,2015,3,Demonstrations,Protests,Peaceful protest,Protesters (Ukraine),Women (Ukraine),6,,,0,60,,804,Europe,Ukraine,Kyiv,Kyiv,,Kyiv,50.45,30.52,1,Kyiv Post,National,A protest.,0,crowd size=no report,1618580000
";

#[test]
fn a_conflict_event_export_opens_with_the_acled_preset() {
    let toml = import("acled.csv", ACLED.as_bytes(), &["--preset", "acled"]).unwrap();
    let e = events(&toml);
    let dates: Vec<(&str, String)> = e.iter().map(|e| (e.id.as_str(), e.date.text().to_string())).collect();
    // time_precision 2 (the week) makes the day approximate; 3 (the month) keeps the month.
    assert_eq!(
        dates,
        [("UKR1", "2015-07-24"), ("UKR2", "2015-07-20~"), ("UKR3", "2015-07")].map(|(id, d)| (id, d.to_string()))
    );
    assert_eq!(e[0].title, "Armed clash, Marinka");
    assert_eq!(e[0].summary.as_deref(), Some("Clashes near Marinka."));
    assert_eq!(e[0].actors, ["Military Forces of Ukraine", "Militia"]);
    let outlets: Vec<&str> = e[0].sources.iter().map(|s| s.outlet()).collect();
    assert_eq!(
        outlets,
        ["Reuters", "AFP", "Local media"],
        "three reports, three sources"
    );
    // ACLED's own tags column is not lost under the preset's tags: it goes to the notes.
    assert!(
        e[2].more
            .notes
            .as_deref()
            .unwrap()
            .contains("original_tags: crowd size=no report"),
        "{:?}",
        e[2].more.notes
    );
    // location, latitude and longitude make the event's place.
    let places: Vec<String> = e
        .iter()
        .filter_map(|e| e.more.place.as_ref())
        .map(|p| p.label())
        .collect();
    assert_eq!(
        places,
        [
            "Marinka (47.9400°N 37.5000°E)",
            "Shchastia (48.7400°N 39.2300°E)",
            "Kyiv (50.4500°N 30.5200°E)"
        ]
    );
    assert_eq!(e[1].more.place.as_ref().unwrap().point(), Some((48.74, 39.23)));
    assert!(!e[0].more.notes.as_deref().unwrap().contains("latitude"));
}

#[test]
fn without_the_preset_the_date_column_is_recognised_and_the_title_is_asked_for() {
    let err = import("acled.csv", ACLED.as_bytes(), &[]).unwrap_err();
    assert!(err.contains("the header has no `title` column"), "{err}");
    assert!(err.contains("--columns title=NAME"), "{err}");
    assert!(!err.contains("no `date` column"), "{err}");
    // Said on the command line, the same file opens.
    let toml = import(
        "acled.csv",
        ACLED.as_bytes(),
        &["--columns", "title=event_type+location,summary=notes"],
    )
    .unwrap();
    assert_eq!(events(&toml)[1].title, "Explosions/Remote violence, Shchastia");
}

#[test]
fn a_european_spreadsheet_with_semicolons_and_a_byte_order_mark() {
    let text = "\u{feff}Date;Event;Source;Notes;Lat;Lon;City\r\n8 March 1917;\"Strike; bread riots\";Pravda;x, y;59,94;30,31;Petrograd\r\n\
                1917-3-12;Mutiny;\"Izvestia; Rech\";;59.94;30.31;Petrograd\r\nMarch 1917;Abdication;Pravda;;;;\r\n";
    let toml = import("europe.csv", text.as_bytes(), &[]).unwrap();
    let e = events(&toml);
    let got: Vec<(String, &str, Vec<&str>)> = e
        .iter()
        .map(|e| {
            let outlets = e.sources.iter().map(|s| s.outlet()).collect();
            (e.date.text().to_string(), e.title.as_str(), outlets)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1917-03-08", "Strike; bread riots", vec!["Pravda"]),
            ("1917-03-12", "Mutiny", vec!["Izvestia", "Rech"]),
            ("1917-03", "Abdication", vec!["Pravda"]),
        ]
        .map(|(d, title, outlets)| (d.to_string(), title, outlets))
    );
    assert_eq!(e[2].date.precision(), tlx::model::Precision::Month);
    // The place, its coordinates written with a decimal comma, as a European sheet does, or a point.
    for event in &e[..2] {
        let place = event.more.place.as_ref().unwrap();
        assert_eq!(
            (place.name.as_deref(), place.point()),
            (Some("Petrograd"), Some((59.94, 30.31)))
        );
    }
    assert_eq!(e[2].more.place, None);
}

#[test]
fn a_hand_made_sheet_with_date_event_source_url() {
    let text = "Date,Event,Source,URL\nc. 1250 BC,Bronze Age collapse begins,Cline,https://example.org/1177\nMarch 8, 1917,Strike,Pravda,\n";
    let err = import("sheet.csv", text.as_bytes(), &[]).unwrap_err();
    // "March 8, 1917" unquoted splits into two cells: the error says where, not "write 0008".
    assert!(err.contains("sheet.csv:3:"), "{err}");
    let text = "Date,Event,Source,URL\nc. 1250 BC,Bronze Age collapse begins,Cline,https://example.org/1177\n\"March 8, 1917\",Strike,Pravda,\n01/04/2020,Ambiguous,X,\n";
    let err = import("sheet.csv", text.as_bytes(), &[]).unwrap_err();
    assert!(err.contains("sheet.csv:4:1"), "{err}");
    assert!(
        err.contains("1 Apr 2020 (day first) or 4 Jan 2020 (month first)"),
        "{err}"
    );
    let toml = import("sheet.csv", text.as_bytes(), &["--day-first"]).unwrap();
    let e = events(&toml);
    let got: Vec<(String, &str)> = e
        .iter()
        .map(|e| (e.date.text().to_string(), e.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("-1249~", "Bronze Age collapse begins"),
            ("1917-03-08", "Strike"),
            ("2020-04-01", "Ambiguous")
        ]
        .map(|(d, title)| (d.to_string(), title))
    );
    assert_eq!(e[0].sources[0].url.as_deref(), Some("https://example.org/1177"));
}

#[test]
fn crlf_and_lone_cr_files_are_located_on_the_lines_an_editor_shows() {
    for ending in ["\n", "\r\n", "\r"] {
        let text = ["date,title", "2015,A", "2015-13,B"].join(ending) + ending;
        let err = import("lines.csv", text.as_bytes(), &[]).unwrap_err();
        assert!(err.contains("lines.csv:3:1"), "{ending:?}: {err}");
    }
}

#[test]
fn a_tsv_file_and_a_forced_separator() {
    let text = "date\ttitle\tsource\tplace\n2015-07-24\tArrives, meets\tFox News; AP\tMoscow\n";
    let toml = import("data.tsv", text.as_bytes(), &[]).unwrap();
    let e = &events(&toml)[0];
    assert_eq!((&*e.date.text(), e.title.as_str()), ("2015-07-24", "Arrives, meets"));
    let outlets: Vec<&str> = e.sources.iter().map(|s| s.outlet()).collect();
    assert_eq!(outlets, ["Fox News", "AP"]);
    assert_eq!(e.more.place.as_ref().and_then(|p| p.name.as_deref()), Some("Moscow"));
    let piped = "date|title\n2015|A, b\n";
    let toml = import("data.txt.csv", piped.as_bytes(), &["--delimiter", "|"]).unwrap();
    assert_eq!(events(&toml)[0].title, "A, b");
}

#[test]
fn a_mapping_file_beside_the_data_is_picked_up_and_suggest_columns_starts_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("incidents.csv");
    std::fs::write(
        &data,
        "when,kind,town,reported by\n03/04/2022,Shelling,Kharkiv,AP; Reuters\n",
    )
    .unwrap();
    let suggested = tlx()
        .arg("import")
        .arg("--suggest-columns")
        .arg(&data)
        .output()
        .unwrap();
    let suggested = String::from_utf8(suggested.stdout).unwrap();
    assert!(suggested.contains("date = \"when\""), "{suggested}");
    assert!(suggested.contains("# title = \"...\""), "{suggested}");
    std::fs::write(
        dir.path().join("incidents.csv.tlx-columns.toml"),
        "day_first = true\n[columns]\ntitle = [\"kind\", \"town\"]\noutlet = \"reported by\"\n",
    )
    .unwrap();
    let e = events(&import_at(&data, &[]).unwrap());
    assert_eq!(
        (&*e[0].date.text(), e[0].title.as_str()),
        ("2022-04-03", "Shelling, Kharkiv")
    );
    assert_eq!(e[0].sources.len(), 2);
    // A broken mapping file is named, not ignored.
    std::fs::write(
        dir.path().join("incidents.csv.tlx-columns.toml"),
        "[columns]\ntitel = \"kind\"\n",
    )
    .unwrap();
    let err = import_at(&data, &[]).unwrap_err();
    assert!(err.contains("incidents.csv.tlx-columns.toml"), "{err}");
    assert!(err.contains("did you mean `title`"), "{err}");
}

/// One row of a GDELT 2.0 event export: its 61 tab-separated columns, with these set.
fn gdelt_row(set: &[(usize, &str)]) -> String {
    let mut cells = vec![""; 61];
    for &(column, value) in set {
        cells[column - 1] = value;
    }
    cells.join("\t")
}

#[test]
fn a_headerless_gdelt_export_opens_with_the_gdelt_preset() {
    // Column numbers as GDELT 2.0's codebook gives them (1 GLOBALEVENTID, 2 SQLDATE, 7 Actor1Name,
    // 17 Actor2Name, 27 EventCode, 53 ActionGeo_FullName, 57/58 its lat/long, 61 SOURCEURL).
    let rows = [
        gdelt_row(&[
            (1, "410412347"),
            (2, "20150724"),
            (3, "201507"),
            (4, "2015"),
            (5, "2015.5589"),
            (7, "UKRAINE"),
            (17, "MILITARY"),
            (27, "190"),
            (31, "-10.0"),
            (32, "10"),
            (35, "-7.4"),
            (53, "Marinka, Donets'k, Ukraine"),
            (57, "47.94"),
            (58, "37.5"),
            (60, "20150724234500"),
            (61, "https://www.reuters.com/article/ukraine-crisis-idUSKCN0PY"),
        ]),
        gdelt_row(&[
            (1, "410412348"),
            (2, "20150725"),
            (7, "RUSSIA"),
            (27, "042"),
            (53, "Moscow, Moskva, Russia"),
            (57, "155.75"),
            (58, "37.6167"),
            (61, "https://tass.com/politics/1"),
        ]),
    ];
    let text = rows.join("\n") + "\n";
    let toml = import("20150725.export.CSV", text.as_bytes(), &["--preset", "gdelt"]).unwrap();
    let e = events(&toml);
    let got: Vec<(&str, String, &str)> = e
        .iter()
        .map(|e| (e.id.as_str(), e.date.text().to_string(), e.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "410412347",
                "2015-07-24",
                "UKRAINE, MILITARY, Marinka, Donets'k, Ukraine"
            ),
            ("410412348", "2015-07-25", "RUSSIA, Moscow, Moskva, Russia"),
        ]
        .map(|(id, d, title)| (id, d.to_string(), title))
    );
    assert_eq!(e[0].actors, ["UKRAINE", "MILITARY"]);
    assert_eq!(e[0].tags, ["190"]);
    let source = &e[0].sources[0];
    assert_eq!(
        (source.outlet(), source.url.as_deref()),
        (
            "reuters.com",
            Some("https://www.reuters.com/article/ukraine-crisis-idUSKCN0PY")
        )
    );
    let place = e[0].more.place.as_ref().unwrap();
    assert_eq!(
        (place.name.as_deref(), place.point()),
        (Some("Marinka, Donets'k, Ukraine"), Some((47.94, 37.5)))
    );
    // The other columns are kept in the notes under their codebook names (as tlx writes column names).
    let notes = e[0].more.notes.as_deref().unwrap();
    assert!(notes.contains("goldsteinscale: -10.0"), "{notes}");
    assert!(notes.contains("avgtone: -7.4"), "{notes}");
    // A latitude out of range is a located warning; the event opens with the place's name.
    assert_eq!(e[1].more.place.as_ref().unwrap().point(), None);
    assert_eq!(
        e[1].more.place.as_ref().unwrap().name.as_deref(),
        Some("Moscow, Moskva, Russia")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("20150725.export.CSV");
    std::fs::write(&path, &text).unwrap();
    let out = tlx().args(["import", "--preset", "gdelt"]).arg(&path).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("20150725.export.CSV:2:") && stderr.contains("latitude 155.75 is out of range"),
        "{stderr}"
    );
}

#[test]
fn a_qualifier_column_makes_dates_approximate_uncertain_or_open_ended() {
    let text = "date,title,date_qualifier\n\
                1917-03-08,Strike,circa\n\
                March 1917,Mutiny,uncertain\n\
                1917,Abdication,approximate and uncertain\n\
                1917-03-12,Soviet,before\n\
                1917-04,Return,after\n\
                c. 1918,Treaty,Probably\n\
                1919,Exact,\n";
    // `date_qualifier` is recognised without a mapping.
    let toml = import("q.csv", text.as_bytes(), &[]).unwrap();
    let dates: Vec<String> = events(&toml).iter().map(|e| e.date.text().to_string()).collect();
    assert_eq!(
        dates,
        [
            "1917-03-08~",
            "1917-03?",
            "1917%",
            "../1917-03-12",
            "1917-04/..",
            "1918%",
            "1919"
        ]
    );
    // Any column can be named as the qualifier, and a word tlx does not know is a located warning.
    let text = "date,title,how sure\n1917-03-08,Strike,maybe-ish\n1917-03-09,Riot,circa\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.csv");
    std::fs::write(&path, text).unwrap();
    let out = tlx()
        .args(["import", "--columns", "qualifier=how sure"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("q.csv:2:") && stderr.contains("date qualifier \"maybe-ish\" is not one tlx knows"),
        "{stderr}"
    );
    let dates: Vec<String> = events(&String::from_utf8(out.stdout).unwrap())
        .iter()
        .map(|e| e.date.text().to_string())
        .collect();
    assert_eq!(dates, ["1917-03-08", "1917-03-09~"]);
    // The same in a mapping file.
    std::fs::write(
        dir.path().join("q.csv.tlx-columns.toml"),
        "[columns]\nqualifier = \"how sure\"\n",
    )
    .unwrap();
    let e = events(&import_at(&path, &[]).unwrap());
    assert_eq!(e[1].date.text(), "1917-03-09~");
}

#[test]
fn a_mapping_kept_in_the_config_serves_every_file_of_a_recurring_export() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[mappings.incidents]\nday_first = true\n[mappings.incidents.columns]\ndate = \"when\"\n\
         title = [\"kind\", \"town\"]\noutlet = \"reported by\"\nprecision = \"exactness\"\n",
    )
    .unwrap();
    let with = |args: &[&str], data: &std::path::Path| {
        let out = tlx()
            .arg("--config")
            .arg(&config)
            .arg("import")
            .args(args)
            .arg(data)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), stderr)
    };
    // This week's file has no `exactness` column: the config's mapping leaves it out, saying so.
    let week = dir.path().join("week-48.csv");
    std::fs::write(
        &week,
        "when,kind,town,reported by\n03/04/2022,Shelling,Kharkiv,AP; Reuters\n",
    )
    .unwrap();
    let (code, toml, stderr) = with(&["--preset", "incidents"], &week);
    assert_eq!(code, Some(0), "{stderr}");
    let e = events(&toml);
    assert_eq!(
        (&*e[0].date.text(), e[0].title.as_str(), e[0].sources.len()),
        ("2022-04-03", "Shelling, Kharkiv", 2)
    );
    assert!(
        stderr.contains("warning[missing-key]: the config's mapping `incidents` reads `precision` from `exactness`"),
        "{stderr}"
    );
    // The same column named on the command line is an error: it was written for this file.
    let (code, _, stderr) = with(&["--columns", "precision=exactness"], &week);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error[missing-key]"), "{stderr}");
    // What is typed goes over the config's mapping.
    let (_, toml, _) = with(&["--preset", "incidents", "--columns", "title=town"], &week);
    assert_eq!(events(&toml)[0].title, "Kharkiv");
    // A name that is neither the config's nor tlx's is refused with both lists.
    let (code, _, stderr) = with(&["--preset", "incidentz"], &week);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("did you mean `incidents`?"), "{stderr}");
    // A mistake in the config is located; a built-in preset does not read the config at all.
    std::fs::write(&config, "[mappings.incidents]\ndayfirst = true\n").unwrap();
    let (code, _, stderr) = with(&["--preset", "incidents"], &week);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("config.toml:2:1"), "{stderr}");
    assert!(stderr.contains("did you mean `day_first`?"), "{stderr}");
    let (code, _, stderr) = with(&["--preset", "acled"], &week);
    assert_eq!(code, Some(1), "the file is not ACLED's: {stderr}");
    assert!(!stderr.contains("config"), "{stderr}");
}
