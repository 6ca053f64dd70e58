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
    let read: Vec<(&str, &[String], _)> = m
        .columns
        .iter()
        .map(|c| (c.target.as_str(), c.sources.as_slice(), &c.from_config))
        .collect();
    assert_eq!(
        read,
        [
            ("date", &["event_date".to_string()][..], &None),
            ("title", &["event_type".to_string(), "location".to_string()][..], &None),
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
        "m.toml",
        "day_first = true\nheader = [\"a\", \"b\"]\n[columns]\ndate = \"a\"\ntitle = [\"b\", \"a\"]\n",
    )
    .unwrap();
    assert_eq!(m.order, Some(Order::DayFirst));
    assert_eq!(m.header.as_deref(), Some(&["a".to_string(), "b".to_string()][..]));
    assert_eq!(m.columns[1].sources, ["b", "a"]);
    assert_eq!(m.columns[1].from_config, None);
}

#[test]
fn a_mapping_file_s_mistakes_are_each_located_with_the_fix() {
    let err = Mapping::parse_toml(
        "m.toml",
        "dayfirst = true\nheader = \"a\"\n[columns]\ndate = 3\ntitel = \"b\"\n",
    )
    .unwrap_err();
    for part in [
        "m.toml:1:1: unknown key `dayfirst` in the mapping file's top level (did you mean `day_first`?)",
        "m.toml:2:10: `header` must be a list of names, not string",
        "m.toml:4:8: `date` must be a column name or a list of names, not integer",
        "m.toml:5:1: `titel` is not a tlx column (did you mean `title`?)",
    ] {
        assert!(err.contains(part), "{part}\nnot in\n{err}");
    }
    let syntax = Mapping::parse_toml("m.toml", "[columns\n").unwrap_err();
    assert!(syntax.starts_with("m.toml:1:"), "{syntax}");
}

#[test]
fn a_config_mapping_is_read_by_the_same_reader_and_marked_as_the_config_s() {
    let (root, errors) = DeTable::parse_recoverable("month_first = true\n[columns]\ndate = \"when\"\n");
    assert!(errors.is_empty());
    let mut diags = Vec::new();
    let m = Mapping::from_table(root.get_ref(), Some("weekly"), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(m.order, Some(Order::MonthFirst));
    assert_eq!(m.columns[0].from_config.as_deref(), Some("weekly"));
    // --preset finds it by its name, before tlx's own, and names both kinds when it finds neither.
    let config = vec![("weekly".to_string(), m.clone())];
    assert_eq!(preset("weekly", &config), Ok(m));
    assert!(preset("acled", &config).is_ok());
    let err = preset("weakly", &config).unwrap_err();
    assert!(err.contains("did you mean `weekly`?"), "{err}");
    assert!(err.contains("acled, gdelt, weekly (the config's)"), "{err}");
}

#[test]
fn a_column_a_config_mapping_names_and_a_file_lacks_is_left_out_with_a_warning() {
    let mut strict = Mapping::parse_spec("date=when,precision=time_precision,title=kind").unwrap();
    let header = ["when", "kind"];
    let (_, diags) = Plan::new(&header, &[0..4, 5..9], &strict);
    assert_eq!(diags.len(), 1);
    assert!(diags[0].is_error(), "named for this file: an error");
    for column in &mut strict.columns {
        column.from_config = Some("weekly".into());
    }
    let (plan, diags) = Plan::new(&header, &[0..4, 5..9], &strict);
    assert_eq!(diags.len(), 1);
    assert!(!diags[0].is_error(), "from the config: a warning");
    assert!(
        diags[0].message.contains(
            "the config's mapping `weekly` reads `precision` from `time_precision`, which this file does not have"
        ),
        "{}",
        diags[0].message
    );
    assert_eq!(plan.names, ["date", "title"]);
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
    let record = |values: [&'static str; 6]| -> Vec<Field<'static>> {
        let fields = values.into_iter().zip(&spans);
        fields
            .map(|(v, span)| Field {
                value: v.into(),
                span: span.clone(),
            })
            .collect()
    };
    let row = record(["2015-07-24", "Battle", "Marinka", "x", "3", "AFP; Reuters"]);
    let out = plan.apply(&row, &mut Vec::new());
    assert_eq!(
        out.iter().map(|f| &*f.value).collect::<Vec<_>>(),
        ["Battle, Marinka", "Battle", "2015-07", "AFP; Reuters", "x"]
    );
    assert_eq!(out[0].span, 10..25);
    let week = record(["24 July 2015", "B", "M", "", "2", ""]);
    assert_eq!(plan.apply(&week, &mut Vec::new())[2].value, "2015-07-24~");
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
    assert!(Mapping::parse_toml("s.toml", &s).is_ok(), "{s}");
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
