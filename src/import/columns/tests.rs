use super::*;

#[test]
fn every_alias_names_a_column_of_the_field_table_and_no_two_fields_share_one() {
    let columns = vocabulary::csv_columns();
    let mut seen = Vec::new();
    for (column, names) in ALIASES {
        let pseudo = [PRECISION, QUALIFIER].contains(column);
        assert!(columns.contains(column) || pseudo, "{column} is not a tlx column");
        for name in *names {
            assert_eq!(normal(name), *name, "aliases are written normalised");
            assert!(!seen.contains(name), "{name} is an alias twice");
            assert!(
                !columns.iter().any(|c| normal(c) == *name),
                "{name} is a tlx column itself"
            );
            seen.push(name);
        }
    }
}

#[test]
fn common_header_names_are_recognised_without_configuration() {
    let table = [
        ("event_date", Some("date")),
        ("Date", Some("date")),
        ("When", Some("date")),
        ("Start-Date", Some("date")),
        ("Event", Some("title")),
        ("headline", Some("title")),
        ("NAME", Some("title")),
        ("description", Some("summary")),
        ("Text", Some("summary")),
        ("Source", Some("outlet")),
        ("publisher", Some("outlet")),
        ("Source URL", Some("url")),
        ("link", Some("url")),
        ("URL", Some("url")),
        ("Source Date", Some("source_date")),
        ("fatalities", None),
    ];
    for (name, expected) in table {
        assert_eq!(guess(name), expected, "{name}");
    }
}

#[test]
fn a_spec_maps_and_composes_and_refuses_what_is_not_a_column() {
    let m = Mapping::parse_spec("date=event_date, title=event_type+location").unwrap();
    assert_eq!(
        m.columns,
        [
            ("date".to_string(), vec!["event_date".to_string()]),
            (
                "title".to_string(),
                vec!["event_type".to_string(), "location".to_string()]
            ),
        ]
    );
    assert!(
        Mapping::parse_spec("titel=x")
            .unwrap_err()
            .contains("did you mean `title`")
    );
    assert!(Mapping::parse_spec("date").unwrap_err().contains("COLUMN=NAME"));
    assert!(
        Mapping::parse_spec("date=")
            .unwrap_err()
            .contains("needs a column name")
    );
}

#[test]
fn a_mapping_file_says_the_same_in_toml() {
    let m = Mapping::parse_toml(
        "day_first = true\nheader = [\"a\", \"b\"]\n[columns]\ndate = \"a\"\ntitle = [\"b\", \"a\"]\n",
    )
    .unwrap();
    assert_eq!(m.order, Some(Order::DayFirst));
    assert_eq!(m.header.as_deref(), Some(&["a".to_string(), "b".to_string()][..]));
    assert_eq!(m.columns[1].1, ["b", "a"]);
    assert!(
        Mapping::parse_toml("dayfirst = true")
            .unwrap_err()
            .contains("not a setting")
    );
    assert!(
        Mapping::parse_toml("[columns]\ndate = 3")
            .unwrap_err()
            .contains("columns.date")
    );
}

#[test]
fn a_plan_composes_lowers_precision_and_keeps_the_rest_for_the_notes() {
    let header = ["when", "kind", "place", "tags", "time_precision", "Source"];
    let spans: Vec<Range<usize>> = (0..header.len()).map(|i| i * 10..i * 10 + 5).collect();
    let mapping = Mapping::parse_spec("title=kind+place,tags=kind,precision=time_precision").unwrap();
    let (plan, diags) = Plan::new(&header, &spans, &mapping);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(plan.names, ["title", "tags", "date", "outlet", "original tags"]);
    assert!(plan.split_outlets);
    let row = ::csv::StringRecord::from(vec!["2015-07-24", "Battle", "Marinka", "x", "3", "AFP; Reuters"]);
    let (out, out_spans) = plan.apply(&row, &spans, &mut Vec::new());
    assert_eq!(
        out.iter().collect::<Vec<_>>(),
        ["Battle, Marinka", "Battle", "2015-07", "AFP; Reuters", "x"]
    );
    assert_eq!(out_spans[0], 10..25);
    let week = ::csv::StringRecord::from(vec!["24 July 2015", "B", "M", "", "2", ""]);
    assert_eq!(plan.apply(&week, &spans, &mut Vec::new()).0.get(2), Some("2015-07-24~"));
}

#[test]
fn a_mapping_naming_a_missing_column_is_an_error_with_a_suggestion() {
    let (_, diags) = Plan::new(
        &["event_date", "title"],
        &[0..10, 11..16],
        &Mapping::parse_spec("date=eventdate2").unwrap(),
    );
    assert_eq!(diags.len(), 1);
    assert!(diags[0].is_error());
    assert!(diags[0].message.contains("`eventdate2`, which is not a column"));
}

#[test]
fn tlx_own_csv_is_read_as_it_is() {
    let header = vocabulary::csv_columns();
    let spans = vec![0..0; header.len()];
    assert!(Plan::new(&header, &spans, &Mapping::default()).0.is_identity());
}

#[test]
fn the_suggestion_names_every_column_and_the_required_ones_left() {
    let s = suggestion(&["Date", "Event", "Source", "URL", "fatalities"]);
    for line in [
        "date = \"Date\"",
        "title = \"Event\"",
        "outlet = \"Source\"",
        "url = \"URL\"",
        "# ? = \"fatalities\"",
    ] {
        assert!(s.contains(line), "{line} not in\n{s}");
    }
    assert!(Mapping::parse_toml(&s).is_ok(), "{s}");
    assert!(suggestion(&["x"]).contains("# date = \"...\"   (required"));
}

#[test]
fn a_header_of_thirty_thousand_columns_is_planned_in_one_pass() {
    // Compared pair by pair (as before), these names would take minutes: 450 million comparisons,
    // each normalising two names.
    let mut header: Vec<String> = (0..30_000).map(|i| format!("c{i}")).collect();
    header.push("C5".into());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let spans = vec![0..0; header.len()];
    let (plan, _) = Plan::new(&header, &spans, &Mapping::default());
    assert_eq!(plan.names.len(), header.len());
    assert_eq!(plan.names[5], "c5");
    assert_eq!(
        plan.names.last().map(String::as_str),
        Some("original C5"),
        "a second c5 is kept apart"
    );
}
