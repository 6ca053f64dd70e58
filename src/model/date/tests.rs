use super::*;
use proptest::prelude::*;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

#[test]
fn human_forms_keep_precision() {
    let table = [
        ("2007", "2007"),
        ("2015-04", "Apr 2015"),
        ("2015-07-24", "24 Jul 2015"),
        ("2015-06~", "c. Jun 2015"),
        ("2014-06?", "Jun 2014?"),
        ("2014-06%", "c. Jun 2014?"),
        ("-0499", "500 BCE"),
        ("0000", "1 BCE"),
        ("0476", "476 CE"),
        ("2015-07-24T14:30:00Z", "24 Jul 2015 14:30 UTC"),
        ("2015-07-24T14:30:05+03:00", "24 Jul 2015 14:30:05 +03:00"),
        ("2015-07-24T14:30", "24 Jul 2015 14:30"),
        ("2015-07-24/2015-07-27", "24–27 Jul 2015"),
        ("2015-07/2015-09", "Jul – Sep 2015"),
        ("2015-07-27/2015-08-02", "27 Jul – 2 Aug 2015"),
        ("2015-07-27~/2015-08-02", "c. 27 Jul 2015 – 2 Aug 2015"),
        ("2014-06/2015-02", "Jun 2014 – Feb 2015"),
        ("2015-07/..", "Jul 2015 – …"),
        ("../2015", "… – 2015"),
        ("Y-13800000000", "13800000001 BCE"),
        ("191X", "1910s"),
        ("191X~", "c. 1910s"),
        ("190X?", "1900s?"),
        ("19XX", "1900 – 1999"),
        ("047X", "470 CE – 479 CE"),
        ("000X", "1 BCE – 9 CE"),
        ("191X/192X", "1910s – 1920s"),
    ];
    for (raw, human) in table {
        assert_eq!(d(raw).human(), human, "{raw}");
        assert_eq!(d(raw).text(), raw);
        assert!(human.chars().all(|c| HUMAN_CHARS.contains(c)), "{human}");
    }
    let months = MONTHS.concat();
    assert!(months.chars().all(|c| HUMAN_CHARS.contains(c)), "{months}");
}

#[test]
fn rejects_impossible_dates_with_a_reason() {
    let table = [
        ("2015-02-30", "February 2015 has 28 days"),
        ("2015-02-29", "February 2015 has 28 days"),
        ("2015-13", "no month 13"),
        ("2015-00", "no month 00"),
        ("15", "not four digits"),
        ("20150", "not four digits"),
        ("2015/2014", "ends (2014) before it starts (2015)"),
        ("2015-07-27/2015-07-24", "ends"),
        ("../..", "at least one known end"),
        ("2015-07/", "empty"),
        ("", "empty"),
        ("July 2015", "not a date"),
        ("2015-7-24", "not a date"),
        ("2015-07-24T25:00Z", "not a valid time"),
        ("2015-07T10:00Z", "needs a full date"),
        ("2015-07-24T10:00+25:00", "not a UTC offset"),
        ("Y-99999999999999999999", "too large"),
        ("2015-", "not a date"),
        ("2015--24", "not a date"),
        ("2015-07-", "not a date"),
        ("2015-07-24-01", "not a date"),
        ("2015-07-24T 1:00", "not a valid time"),
        ("3131-04-04T \n\n1:11:10", "not a valid time"),
        ("2015-07-24T10:00:1", "not a valid time"),
        ("2015-07-24T10:00:", "not a valid time"),
        ("2015-07-24T10:00:00.", "not a valid time"),
        ("191X-03", "cannot have a month or day"),
        ("19X", "not four digits"),
        ("1XXX", "leaves 3 digits unspecified"),
        ("-019X", "common era only"),
        ("191x", "small x"),
        ("19X5", "only a year's last digits"),
        ("Y191X", "Y-prefixed"),
        ("192X/1915", "ends (1915) before it starts (1920s)"),
    ];
    for (raw, needle) in table {
        let err = Date::parse(raw).expect_err(raw);
        assert!(err.message.contains(needle), "{raw}: {}", err.message);
        assert!(!err.hint.is_empty());
    }
    // Unspecified digits the model does not take: the hint is the exact date meant.
    let hint = |raw| Date::parse(raw).unwrap_err().hint;
    assert_eq!(hint("-019X"), "write -0199/-0190 for the years it spans");
    assert_eq!(hint("1XXX"), "write 1000/1999 for the years it spans");
    assert_eq!(hint("191x"), "write \"191X\" for 1910s");
}

#[test]
fn leap_years_follow_the_proleptic_gregorian_calendar() {
    assert!(Date::parse("2016-02-29").is_ok());
    assert!(Date::parse("2000-02-29").is_ok());
    assert!(Date::parse("1900-02-29").is_err());
    // Astronomical year 0 (1 BCE) is a leap year.
    assert!(Date::parse("0000-02-29").is_ok());
    assert!(Date::parse("-0004-02-29").is_ok());
}

#[test]
fn orders_by_earliest_instant_then_coarser_first() {
    let mut dates: Vec<Date> = [
        "2015-07-24",
        "2015",
        "2015-07",
        "2010",
        "-0499",
        "2015-07-24T10:00:00Z",
        "2015-07-24T10:00:00+03:00",
        "2015-07-24/2015-07-27",
        "201X",
        "20XX",
        "2014",
    ]
    .iter()
    .map(|s| d(s))
    .collect();
    dates.sort();
    let got: Vec<String> = dates.iter().map(|d| d.text().to_string()).collect();
    assert_eq!(
        got,
        [
            "-0499",
            "20XX",
            "201X",
            "2010",
            "2014",
            "2015",
            "2015-07",
            "2015-07-24",
            "2015-07-24/2015-07-27",
            "2015-07-24T10:00:00+03:00",
            "2015-07-24T10:00:00Z",
        ]
    );
}

#[test]
fn periods_span_their_whole_precision() {
    let day = 86_400;
    assert_eq!(d("2015-04").latest() - d("2015-04").earliest(), 30 * day);
    assert_eq!(d("2016").latest() - d("2016").earliest(), 366 * day);
    assert_eq!(d("2015-12").latest(), d("2016").earliest());
    assert_eq!(d("1970-01-01").earliest(), 0);
    assert_eq!(d("2015-07-24/2015-07-27").latest(), d("2015-07-28").earliest());
    assert_eq!(
        (d("191X").earliest(), d("191X").latest()),
        (d("1910").earliest(), d("1920").earliest())
    );
    assert_eq!(
        (d("19XX").earliest(), d("19XX").latest()),
        (d("1900").earliest(), d("2000").earliest())
    );
    assert_eq!(d("191X").precision(), Precision::Decade);
    assert_eq!(d("19XX").precision(), Precision::Century);
}

/// A point as the parser reads it, at any precision: a four-digit year (decades and centuries
/// too: a year of the common era, its last one or two digits unspecified, and then no month) or a
/// Y-year alone up to 100 billion either side; clock times floating, in UTC or at any offset.
fn arb_point() -> impl Strategy<Value = Point> {
    (
        prop_oneof![4 => -9999i64..=9999, 1 => -100_000_000_000i64..=100_000_000_000],
        0u8..=12,
        1u8..=31,
        prop::option::of(0u32..86_400),
        prop::option::of(-1439i32..=1439),
        0..4u8,
        prop_oneof![4 => Just(0u8), 1 => 1u8..=2],
    )
        .prop_map(|(year, month, day, time, offset_minutes, q, unspecified)| {
            let unspecified = if (0..=9999).contains(&year) { unspecified } else { 0 };
            let span = 10i64.pow(u32::from(unspecified));
            let year = year - year % span;
            let month = (month > 0 && unspecified == 0 && year.abs() <= 9999).then_some(month);
            let day = month.map(|m| day.min(days_in_month(year, m)));
            let time = day.and(time).map(|seconds| Time {
                seconds,
                offset_minutes,
            });
            let qualifier = [
                Qualifier::Exact,
                Qualifier::Approximate,
                Qualifier::Uncertain,
                Qualifier::Both,
            ][usize::from(q)];
            Point {
                year,
                unspecified,
                month,
                day,
                time,
                qualifier,
            }
        })
}

/// A value as the parser reads it: a point, or an interval of points and open ends.
fn arb_value() -> impl Strategy<Value = DateValue> {
    let bound = || prop_oneof![1 => Just(Bound::Open), 4 => arb_point().prop_map(Bound::Point)];
    prop_oneof![
        arb_point().prop_map(DateValue::Point),
        (bound(), bound())
            .prop_filter("an interval needs a known end", |ends| *ends
                != (Bound::Open, Bound::Open))
            .prop_map(|(a, b)| DateValue::Interval(a, b)),
    ]
}

/// Any point at all, such as only a caller of `Date::from_point` could make.
fn any_point() -> impl Strategy<Value = Point> {
    (
        any::<i64>(),
        any::<u8>(),
        any::<Option<u8>>(),
        any::<Option<u8>>(),
        any::<Option<(u32, Option<i32>)>>(),
        0..4usize,
    )
        .prop_map(|(year, unspecified, month, day, time, q)| Point {
            year,
            unspecified,
            month,
            day,
            time: time.map(|(seconds, offset_minutes)| Time {
                seconds,
                offset_minutes,
            }),
            qualifier: [
                Qualifier::Exact,
                Qualifier::Approximate,
                Qualifier::Uncertain,
                Qualifier::Both,
            ][q],
        })
}

/// `Point::edtf` as it was written before it wrote into a buffer of its own.
fn edtf_by_format(p: &Point) -> String {
    let mut s = if p.year.abs() > 9999 {
        format!("Y{}", p.year)
    } else if p.year < 0 {
        format!("-{:04}", -p.year)
    } else {
        let digits = format!("{:04}", p.year);
        let known = digits.len().saturating_sub(usize::from(p.unspecified));
        format!("{}{}", &digits[..known], "X".repeat(digits.len() - known))
    };
    if let Some(m) = p.month {
        s += &format!("-{m:02}");
    }
    if let Some(day) = p.day {
        s += &format!("-{day:02}");
    }
    if let Some(t) = p.time {
        let (h, m, sec) = (t.seconds / 3600, t.seconds / 60 % 60, t.seconds % 60);
        s += &format!("T{h:02}:{m:02}:{sec:02}");
        match t.offset_minutes {
            None => {}
            Some(0) => s.push('Z'),
            Some(o) => {
                s += &format!(
                    "{}{:02}:{:02}",
                    if o < 0 { '-' } else { '+' },
                    o.abs() / 60,
                    o.abs() % 60
                )
            }
        }
    }
    s + ["", "~", "?", "%"][p.qualifier as usize]
}

fn is_packed(date: &Date) -> bool {
    matches!(date.0.held(), packed::Held::Packed(_))
}

#[test]
fn points_written_as_tlx_writes_them_are_packed_and_other_dates_kept_whole() {
    let packed = [
        "2015",
        "0099",
        "2015-07-24",
        "2015-07-24%",
        "-0499~",
        "191X",
        "19XX",
        "Y-100000000000",
        "Y170000002",
        "2015-07-24T10:00:00Z",
        "2015-07-24T23:59:59-09:30?",
        "2015-07-24T00:00:00",
    ];
    let boxed = [
        "",
        "2015/..",
        "../2015",
        "2015-07-24T10:00Z",
        "2015-07-24T10:00:00.250-09:30~",
        "2015-07/2015-08",
        "2015-07-24~/2015-07-27?",
        "2015-07-24T10:00:00+03:00/2015-07-27T10:00:00+03:00",
        "Y-13800000000/2015-07-24T10:00Z",
    ];
    for text in packed.into_iter().chain(boxed) {
        let date = if text.is_empty() { Date::blank() } else { d(text) };
        assert_eq!(date.text(), text);
        assert_eq!(is_packed(&date), packed.contains(&text), "{text}");
        assert_eq!(date, date.clone());
        assert_eq!(date, Date::parse(text).unwrap_or_else(|_| Date::blank()));
    }
    assert_eq!(d(" 2015-07-24 \n").text(), "2015-07-24");
    // A NUL would end inline text early; no date has one, but the text is kept whatever it is.
    assert_eq!(Date::new("2015\0", d("2015").value()).text(), "2015\0");
}

#[test]
fn the_same_value_written_two_ways_is_two_dates_ordered_by_text() {
    let (a, b) = (d("2015-07-24T10:00:00Z"), d("2015-07-24T10:00Z"));
    assert_eq!(a.value(), b.value());
    assert_ne!(a, b);
    assert!(a < b, "':' sorts before 'Z'");
}

#[test]
fn the_common_forms_know_the_calendar() {
    for (text, real) in [
        ("2016-02-29", true),
        ("2000-02-29", true),
        ("1900-02-29", false),
        ("2015-04-31", false),
        ("2015-00", false),
        ("0000", true),
    ] {
        assert_eq!(strict::common(text.as_bytes()).is_some(), real, "{text}");
        assert_eq!(Date::parse(text).is_ok(), real, "{text}");
    }
}

proptest! {
    #[test]
    fn written_points_parse_back_to_themselves(p in arb_point()) {
        let date = Date::parse(&p.edtf()).unwrap();
        prop_assert_eq!(date.value(), DateValue::Point(p));
        prop_assert!(date.earliest() < date.latest());
    }

    #[test]
    fn civil_days_round_trip(days in -5_000_000i64..5_000_000) {
        let (y, m, dd) = civil_from_days(days);
        prop_assert_eq!(days_from_civil(y, m, dd), days);
    }

    #[test]
    fn ordering_is_consistent_with_earliest(a in arb_point(), b in arb_point()) {
        let (da, db) = (Date::parse(&a.edtf()).unwrap(), Date::parse(&b.edtf()).unwrap());
        if da.earliest() < db.earliest() {
            prop_assert!(da < db);
        }
    }

    #[test]
    fn every_parsed_value_packs_and_keeps_its_text(value in arb_value(), text in "[-0-9TZ:./~?%XY+]{0,40}|\\PC{0,40}") {
        let date = Date::new(&text, value);
        prop_assert_eq!(date.value(), value);
        prop_assert_eq!(date.text(), text.as_str());
        let edtf = match value {
            DateValue::Point(p) => packed::pack(p).map(|_| p.edtf()),
            DateValue::Interval(..) => None,
        };
        prop_assert_eq!(is_packed(&date), edtf == Some(text.clone()));
        let same = Date::new(&text, value);
        prop_assert_eq!(&date, &same);
        prop_assert_eq!(date.cmp(&same), std::cmp::Ordering::Equal);
    }

    #[test]
    fn a_point_is_written_as_format_wrote_it(p in prop_oneof![arb_point(), any_point()]) {
        // `format!` overflowed on these two, which no parser writes.
        prop_assume!(p.year != i64::MIN && p.time.and_then(|t| t.offset_minutes) != Some(i32::MIN));
        prop_assert_eq!(p.edtf(), edtf_by_format(&p));
    }

    #[test]
    fn a_written_point_is_packed_and_gives_its_text_back(p in arb_point()) {
        let date = Date::parse(&p.edtf()).unwrap();
        prop_assert_eq!(is_packed(&date), packed::pack(p).is_some());
        prop_assert_eq!(date.text().to_string(), p.edtf());
    }

    #[test]
    fn any_point_is_kept_exactly(p in any_point()) {
        let date = Date::new("x", DateValue::Point(p));
        prop_assert_eq!(date.value(), DateValue::Point(p));
        if let Some(word) = packed::pack(p) {
            prop_assert_eq!(packed::unpack(word), p);
        }
    }

    #[test]
    fn the_common_forms_read_as_every_form_is(text in "[0-9]{4}(-(0[0-9]|1[0-3])(-([0-2][0-9]|3[0-2]))?)?|[0-9]{4}-(0[1-9]|1[0-2])-(2[89]|3[01])|[0-9 -]{4,11}|[0-9]{3}[-0-9]{1,8}x?") {
        match strict::common(text.as_bytes()) {
            Some(p) => {
                prop_assert_eq!(strict::any_form(&text), Ok(DateValue::Point(p)));
                // Packed as it is read, and written back the same.
                prop_assert_eq!(Date::parse(&text).unwrap().text().to_string(), text);
            }
            // Not `common`'s: another form, or no date (whose error the general reader words).
            None => prop_assert!(!matches!(
                strict::any_form(&text),
                Ok(DateValue::Point(p)) if text.len() == 4 + 3 * (usize::from(p.month.is_some()) + usize::from(p.day.is_some()))
                    && p.qualifier == Qualifier::Exact && p.unspecified == 0 && !text.starts_with(['-', ' '])
            )),
        }
    }

    #[test]
    fn arbitrary_text_never_panics_and_a_date_read_reads_back(s in "\\PC{0,30}|[-0-9TZ:./~?%XY+ ]{1,30}") {
        if let Ok(date) = Date::parse(&s) {
            let again = Date::parse(&date.text());
            prop_assert_eq!(again, Ok(date));
        }
    }
}
