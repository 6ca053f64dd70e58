use super::*;
use crate::load::{Document, Options};
use crate::model::evidence::AsOf;

fn bundled() -> Timeline {
    Document::bundled().load(Options::default()).timeline
}

/// Ids of the events matching `query`, in file order, with everything known (or as of a date).
fn ids(t: &Timeline, query: &str, as_of: Option<&str>) -> Vec<String> {
    let q = Query::parse(query).unwrap();
    let as_of = as_of.map(|d| AsOf::new(Date::parse(d).unwrap()));
    t.events
        .iter()
        .filter(|e| q.matches(t, e, &Evidence::of(t, e, as_of.as_ref())))
        .map(|e| e.id.clone())
        .collect()
}

fn err(query: &str) -> QueryError {
    Query::parse(query).unwrap_err()
}

#[test]
fn denied_by_kremlin_lists_exactly_the_events_the_kremlin_denied() {
    let t = bundled();
    let expected: Vec<String> = t
        .events
        .iter()
        .filter(|e| e.denials.iter().any(|d| d.by == "The Kremlin"))
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(expected, ["moscow-visit"]);
    assert_eq!(ids(&t, "denied-by:kremlin", None), expected);
    assert_eq!(ids(&t, "denied-by:KREMLIN", None), expected);
}

#[test]
fn terms_combine_with_and_and_minus_negates() {
    let t = bundled();
    let s300 = ids(&t, "tag:S-300", None);
    assert!(s300.len() >= 3, "{s300:?}");
    let not_lift = ids(&t, "tag:S-300 -id:s300-lift", None);
    assert_eq!(not_lift.len(), s300.len() - 1);
    assert!(!not_lift.contains(&"s300-lift".to_string()));
    assert_eq!(
        ids(&t, "tag:s-300 after:2015-01 before:2015-09", None),
        ["s300-lift", "moscow-visit"]
    );
    assert_eq!(
        ids(&t, "tag:s-300 after:2015-05 before:2015-09", None),
        ["moscow-visit"]
    );
    assert_eq!(ids(&t, "status:contested outlet:reuters", None), ["moscow-visit"]);
    assert_eq!(ids(&t, "outlet:\"Fox News\" citing:western", None), ["moscow-visit"]);
    assert!(
        ids(&t, "", None).len() == t.events.len(),
        "the empty query matches everything"
    );
}

#[test]
fn a_query_narrows_one_it_extends() {
    let q = |s| Query::parse(s).unwrap();
    assert!(q("moscow").narrows(&q("mosc")));
    assert!(q("moscow tag:s-300").narrows(&q("moscow")));
    assert!(q("tag:s-300 moscow").narrows(&q("tag:s-300 mos")));
    assert!(q("mos").narrows(&q("")));
    assert!(!q("mos").narrows(&q("moscow")));
    assert!(
        !q("-moscow").narrows(&q("-mosc")),
        "excluding longer text excludes less"
    );
    assert!(!q("tag:s-3000").narrows(&q("tag:s-300")), "a tag matches whole");
    assert!(!q("Moscow").narrows(&q("mosc")), "a capital makes the case count");
}

#[test]
fn phrases_and_words_search_the_text() {
    let t = bundled();
    assert_eq!(ids(&t, "\"very concerning reports\"", None), ["un-statement"]);
    let moscow = ids(&t, "moscow", None);
    assert!(moscow.contains(&"moscow-visit".to_string()));
    assert!(ids(&t, "moscow -moscow", None).is_empty());
}

#[test]
fn status_and_sources_follow_the_knowledge_date() {
    let t = bundled();
    assert!(ids(&t, "status:contested", Some("2015-07-25")).is_empty());
    assert!(ids(&t, "outlet:reuters", Some("2015-07-25")).is_empty());
    assert!(ids(&t, "status:contested", Some("2015-08-08")).contains(&"moscow-visit".to_string()));
}

#[test]
fn grades_match_that_grade_or_better() {
    let mut t = bundled();
    let visit = t.events.iter_mut().find(|e| e.id == "moscow-visit").unwrap();
    visit.sources[2].reliability = Some(Reliability::B);
    visit.sources[2].credibility = Some(2);
    assert_eq!(ids(&t, "reliability:B", None), ["moscow-visit"]);
    assert_eq!(ids(&t, "reliability:c credibility:3", None), ["moscow-visit"]);
    assert!(ids(&t, "reliability:A", None).is_empty());
    assert!(ids(&t, "credibility:1", None).is_empty());
}

#[test]
fn errors_point_at_the_bad_token() {
    let e = err("tag:S-300 tagg:x");
    assert_eq!(e.span, 10..16);
    assert_eq!(e.message, "unknown field `tagg`");
    assert_eq!(e.hint, "did you mean `tag:`?");

    let e = err("status:contsted");
    assert_eq!(e.span, 0..15);
    assert_eq!(e.hint, "did you mean `status:contested`?");

    let e = err("after:2015-13");
    assert!(e.message.starts_with("`2015-13` is not a date"), "{}", e.message);

    assert_eq!(err("outlet:").message, "`outlet:` has no value");
    assert_eq!(err("x \"open phrase").span, 2..14);
    assert_eq!(err("reliability:G").span, 0..13);
    assert_eq!(err("credibility:7").span, 0..13);
    assert_eq!(err("zzz:1").hint.split(':').next(), Some("the fields are"));
}

#[test]
fn error_rendering_puts_a_caret_under_the_token() {
    let q = "tag:S-300 tagg:x";
    assert_eq!(
        err(q).render(q),
        "bad query: unknown field `tagg`\n  tag:S-300 tagg:x\n            ^^^^^^\n  hint: did you mean `tag:`?\n"
    );
}

#[test]
fn colons_in_plain_words_are_text() {
    let q = Query::parse("10:30 \"a: b\"").unwrap();
    assert!(q.terms().iter().all(|t| matches!(t.test, Test::Text(_))));
    assert_eq!(q.chips(), ["10:30", "\"a: b\""]);
}

#[test]
fn quoted_values_keep_their_spaces() {
    let q = Query::parse("-outlet:\"Times of Israel\" tag:x").unwrap();
    assert_eq!(q.terms()[0].test, Test::Outlet("Times of Israel".into()));
    assert!(q.terms()[0].negated);
    assert_eq!(q.chips(), ["-outlet:\"Times of Israel\"", "tag:x"]);
}

#[test]
fn tab_completes_fields_then_values() {
    let t = bundled();
    let c = complete("den", &t);
    assert_eq!(c.text, "denied-by:");
    let c = complete("denied-by:k", &t);
    assert_eq!(c.text, "denied-by:k", "The Kremlin starts with T, not k");
    let c = complete("denied-by:the", &t);
    assert_eq!(c.text, "denied-by:\"The Kremlin\" ");
    let c = complete("-status:con", &t);
    assert_eq!(c.text, "-status:contested ");
    let c = complete("status:", &t);
    assert_eq!(c.candidates.len(), Status::ALL.len());
    let c = complete("outlet:R", &t);
    assert_eq!(c.candidates, ["Reuters", "RFE/RL"]);
    assert_eq!(c.text, "outlet:R");
    let c = complete("a", &t);
    assert_eq!(c.candidates, ["actor:", "after:"]);
    assert_eq!(complete("tag:x ", &t).candidates.len(), FIELDS.len());
}

proptest::proptest! {
    #[test]
    fn any_text_parses_or_fails_with_a_span_inside_it(s in "\\PC{0,40}") {
        match Query::parse(&s) {
            Ok(q) => for chip in q.chips() { proptest::prop_assert!(!chip.is_empty()); },
            Err(e) => {
                proptest::prop_assert!(e.span.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
            }
        }
        let t = Timeline::default();
        let _ = complete(&s, &t);
    }
}
