use super::*;
use crate::model::Precision;

/// What a spelling must read as: its strict form and precision, or the words of its error.
enum Expect {
    Reads(&'static str, Option<Precision>),
    Refused(&'static str),
}
use Expect::{Reads, Refused};

const C: Option<Precision> = Some(Precision::Century);
const X: Option<Precision> = Some(Precision::Decade);
const Y: Option<Precision> = Some(Precision::Year);
const M: Option<Precision> = Some(Precision::Month);
const D: Option<Precision> = Some(Precision::Day);
const T: Option<Precision> = Some(Precision::Time);
/// An interval: its precision is its start's, checked through the strict form.
const I: Option<Precision> = None;

#[test]
fn dates_as_people_write_them() {
    let table: &[(&str, Option<Order>, Expect)] = &[
        // Already strict.
        ("2015", None, Reads("2015", Y)),
        ("2015-07", None, Reads("2015-07", M)),
        ("2015-07-24", None, Reads("2015-07-24", D)),
        ("-0499", None, Reads("-0499", Y)),
        ("2015-06~", None, Reads("2015-06~", M)),
        // Eras: 500 BCE is astronomical -499.
        ("1250 BC", None, Reads("-1249", Y)),
        ("1250 BCE", None, Reads("-1249", Y)),
        ("1250 B.C.", None, Reads("-1249", Y)),
        ("1250 bce", None, Reads("-1249", Y)),
        ("44 BC", None, Reads("-0043", Y)),
        ("1 BC", None, Reads("0000", Y)),
        ("c. 1250 BC", None, Reads("-1249~", Y)),
        ("AD 476", None, Reads("0476", Y)),
        ("A.D. 476", None, Reads("0476", Y)),
        ("476 AD", None, Reads("0476", Y)),
        ("476 CE", None, Reads("0476", Y)),
        ("476", None, Reads("0476", Y)),
        ("76", None, Reads("0076", Y)),
        ("-500", None, Reads("-0499", Y)),
        ("15 March 44 BC", None, Reads("-0043-03-15", D)),
        ("0 BC", None, Refused("year 0 BCE")),
        // Months in words.
        ("March 1917", None, Reads("1917-03", M)),
        ("Mar 1917", None, Reads("1917-03", M)),
        ("mar. 1917", None, Reads("1917-03", M)),
        ("Sept 1917", None, Reads("1917-09", M)),
        ("SEPTEMBER 1917", None, Reads("1917-09", M)),
        ("8 March 1917", None, Reads("1917-03-08", D)),
        ("8 Mar 1917", None, Reads("1917-03-08", D)),
        ("08-Mar-1917", None, Reads("1917-03-08", D)),
        ("8th of March 1917", None, Reads("1917-03-08", D)),
        ("March 8, 1917", None, Reads("1917-03-08", D)),
        ("March 8 1917", None, Reads("1917-03-08", D)),
        ("March 8th, 1917", None, Reads("1917-03-08", D)),
        ("Mar. 8, 1917", None, Reads("1917-03-08", D)),
        ("1917 March 8", None, Reads("1917-03-08", D)),
        ("24 July 2015", None, Reads("2015-07-24", D)),
        ("Friday", None, Refused("not a date")),
        ("March 8", None, Refused("not a date")),
        ("31 February 2015", None, Refused("February 2015 has 28 days")),
        ("29 Feb 2016", None, Reads("2016-02-29", D)),
        // Qualifiers.
        ("ca. 1917", None, Reads("1917~", Y)),
        ("ca 1917", None, Reads("1917~", Y)),
        ("c. 1917", None, Reads("1917~", Y)),
        ("c.1917", None, Reads("1917~", Y)),
        ("circa 1917", None, Reads("1917~", Y)),
        ("Circa March 1917", None, Reads("1917-03~", M)),
        ("about 1917", None, Reads("1917~", Y)),
        ("1917?", None, Reads("1917?", Y)),
        ("March 1917?", None, Reads("1917-03?", M)),
        ("c. 1917?", None, Reads("1917%", Y)),
        ("8 March 1917 (?)", None, Reads("1917-03-08?", D)),
        // Decades and centuries as EDTF unspecified digits; BCE ones as the years they span.
        ("1910s", None, Reads("191X", X)),
        ("1910's", None, Reads("191X", X)),
        ("the 1910s", None, Reads("191X", X)),
        ("1900s", None, Reads("190X", X)),
        ("470s", None, Reads("047X", X)),
        ("191X", None, Reads("191X", X)),
        ("191x", None, Reads("191X", X)),
        ("19XX", None, Reads("19XX", C)),
        ("c. 1910s", None, Reads("191X~", X)),
        ("1910s?", None, Reads("191X?", X)),
        ("1910s AD", None, Reads("191X", X)),
        ("1250s BC", None, Reads("-1258/-1249", I)),
        ("1915s", None, Refused("not a date")),
        // Times.
        ("1917-03-08 14:30", None, Reads("1917-03-08T14:30", T)),
        ("1917-03-08 14:30:05", None, Reads("1917-03-08T14:30:05", T)),
        ("1917-03-08 14:30Z", None, Reads("1917-03-08T14:30Z", T)),
        ("1917-03-08 14:30 UTC", None, Reads("1917-03-08T14:30Z", T)),
        ("1917-03-08 14:30+03:00", None, Reads("1917-03-08T14:30+03:00", T)),
        ("8 March 1917 14:30", None, Reads("1917-03-08T14:30", T)),
        ("1917-03-08 25:30", None, Refused("not a valid time")),
        ("1910s 14:30", None, Refused("not a date")),
        // Numbers in other orders.
        ("1917/03/08", None, Reads("1917-03-08", D)),
        ("1917-3-8", None, Reads("1917-03-08", D)),
        ("03/1917", None, Reads("1917-03", M)),
        ("1917-3", None, Reads("1917-03", M)),
        ("13/04/2020", None, Reads("2020-04-13", D)),
        ("04/13/2020", None, Reads("2020-04-13", D)),
        ("13.4.2020", None, Reads("2020-04-13", D)),
        ("04/04/2020", None, Reads("2020-04-04", D)),
        (
            "01/04/2020",
            None,
            Refused("could be 1 Apr 2020 (day first) or 4 Jan 2020 (month first)"),
        ),
        ("01/04/2020", Some(Order::DayFirst), Reads("2020-04-01", D)),
        ("01/04/2020", Some(Order::MonthFirst), Reads("2020-01-04", D)),
        ("01/04/20", None, Refused("two-digit year")),
        ("32/13/2020", None, Refused("not a date")),
        // ISO 8601's basic form, as GDELT's SQLDATE writes it.
        ("20150724", None, Reads("2015-07-24", D)),
        ("20151324", None, Refused("not a date")),
        ("2015072", None, Refused("not a date")),
        ("", None, Refused("empty")),
        ("soon", None, Refused("not a date")),
    ];
    assert!(table.len() >= 60, "{}", table.len());
    for (text, order, expect) in table {
        let read = Date::parse_human(text, *order);
        match (expect, read) {
            (Reads(strict, precision), Ok(date)) => {
                assert_eq!(date.text(), *strict, "{text}");
                assert_eq!(
                    Date::parse(strict).as_ref(),
                    Ok(&date),
                    "{text}: the strict form reads back"
                );
                match precision {
                    Some(p) => assert_eq!(date.precision(), *p, "{text}"),
                    None => assert!(date.is_interval(), "{text}"),
                }
            }
            (Refused(words), Err(e)) => {
                assert!(e.message.contains(words), "{text}: {}", e.message);
                assert!(!e.hint.is_empty(), "{text}");
            }
            (Reads(strict, _), Err(e)) => panic!("{text}: expected {strict}, refused: {}", e.message),
            (Refused(words), Ok(d)) => panic!("{text}: expected an error with {words:?}, read {}", d.text()),
        }
    }
}

#[test]
fn an_ambiguous_date_names_both_strict_forms_and_the_flags() {
    let e = Date::parse_human("01/04/2020", None).unwrap_err();
    assert_eq!(
        e.hint,
        "write 2020-04-01 or 2020-01-04, or import with --day-first or --month-first"
    );
}

#[test]
fn strict_errors_give_the_exact_form_meant() {
    let table = [
        ("-500", "write \"-0499\" for 500 BCE"),
        ("44 BC", "write \"-0043\" for 44 BCE"),
        ("24 July 2015", "write \"2015-07-24\" for 24 Jul 2015"),
        ("476", "write \"0476\" for 476 CE"),
        ("2015-7-24", "write \"2015-07-24\" for 24 Jul 2015"),
        ("1917-03-08 14:30", "write \"1917-03-08T14:30\" for 8 Mar 1917 14:30"),
        ("1910s", "write \"191X\" for 1910s"),
        ("191x", "write \"191X\" for 1910s"),
        ("the 1900s", "write \"190X\" for 1900s"),
        (
            "01/04/2020",
            "write \"2020-04-01\" for 1 Apr 2020 or \"2020-01-04\" for 4 Jan 2020",
        ),
    ];
    for (text, hint) in table {
        let e = Date::parse(text).unwrap_err();
        assert_eq!(e.hint, hint, "{text}");
    }
    // Nothing worked out: the general rule stays.
    assert!(Date::parse("2015-02-30").unwrap_err().hint.contains("check the day"));
}
