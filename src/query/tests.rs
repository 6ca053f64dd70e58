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
        .filter(|e| q.matches(t, e, &Evidence::of(t, e, as_of.as_ref()), None))
        .map(|e| e.id.to_string())
        .collect()
}

/// Ids of the events matching `query` when the researcher's notes are `notes` (event id, note).
fn ids_noted(t: &Timeline, query: &str, notes: &[(&str, &str)]) -> Vec<String> {
    let q = Query::parse(query).unwrap();
    let note = |e: &Event| notes.iter().find(|(id, _)| *id == e.id).map(|(_, n)| *n);
    t.events
        .iter()
        .filter(|e| q.matches(t, e, &Evidence::of(t, e, None), note(e)))
        .map(|e| e.id.to_string())
        .collect()
}

/// The query's structure as an S-expression, each term as written: `(or (and a b) -c)`.
fn shape(q: &Query) -> String {
    fn walk(text: &str, x: &Expr) -> String {
        let list = |head: &str, xs: &[Expr]| {
            let inner: Vec<String> = xs.iter().map(|x| walk(text, x)).collect();
            format!("({head} {})", inner.join(" "))
        };
        match x {
            Expr::Term(t) => text[t.span.clone()].to_string(),
            Expr::Not(x) => format!("(not {})", walk(text, x)),
            Expr::All(xs) => list("and", xs),
            Expr::Any(xs) => list("or", xs),
        }
    }
    walk(&q.text, q.expr())
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
        .filter(|e| e.denials.iter().any(|d| &*d.by == "The Kremlin"))
        .map(|e| e.id.to_string())
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
    // Tehran's denial of the accusations, read in a 2015 article, counts from 2003 (marked known
    // by the article's date at the latest); nothing more was contested yet.
    assert_eq!(
        ids(&t, "status:contested", Some("2015-07-25")),
        ["us-accusations-militias"]
    );
    assert!(ids(&t, "outlet:reuters", Some("2015-07-25")).is_empty());
    assert!(ids(&t, "status:contested", Some("2015-08-08")).contains(&"moscow-visit".to_string()));
}

#[test]
fn grades_match_that_grade_or_better() {
    let mut t = bundled();
    let visit = t.events.iter_mut().find(|e| e.id == "moscow-visit").unwrap();
    visit.sources[2].said.edit_more(|more| {
        more.reliability = Some(Reliability::B);
        more.credibility = Some(2);
    });
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
        "bad query at column 11: unknown field `tagg`\n  tag:S-300 tagg:x\n            ^^^^^^\n  hint: did you mean `tag:`?\n"
    );
}

#[test]
fn colons_in_plain_words_are_text() {
    let q = Query::parse("10:30 \"a: b\"").unwrap();
    assert_eq!(shape(&q), "(and 10:30 \"a: b\")");
    assert_eq!(q.chips(), ["10:30", "\"a: b\""]);
}

#[test]
fn quoted_values_keep_their_spaces() {
    let q = Query::parse("-outlet:\"Times of Israel\" tag:x").unwrap();
    let Expr::All(parts) = q.expr() else { panic!("{q:?}") };
    let Expr::Term(first) = &parts[0] else { panic!("{q:?}") };
    assert_eq!(first.test, Test::Outlet("Times of Israel".into()));
    assert!(first.negated);
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

#[test]
fn not_binds_tighter_than_and_which_binds_tighter_than_or() {
    let table = [
        ("a", "a"),
        ("a b", "(and a b)"),
        ("a AND b", "(and a b)"),
        ("a b OR c", "(or (and a b) c)"),
        ("a OR b c", "(or a (and b c))"),
        ("a OR b OR c", "(or a b c)"),
        ("-a OR b", "(or -a b)"),
        ("NOT a b", "(and (not a) b)"),
        ("NOT a OR b", "(or (not a) b)"),
        ("NOT (a OR b)", "(not (or a b))"),
        ("-(a OR b) c", "(and (not (or a b)) c)"),
        ("NOT NOT a", "(not (not a))"),
        ("(a OR b) (c OR d)", "(and (or a b) (or c d))"),
        ("((a))", "a"),
        (
            "tag:S-300 (actor:putin OR actor:shoigu)",
            "(and tag:S-300 (or actor:putin actor:shoigu))",
        ),
        ("a or b", "(or a b)"),
        ("a and b not c", "(and a b (not c))"),
        ("\"or\" \"NOT\"", "(and \"or\" \"NOT\")"),
        ("-or", "-or"),
        ("x(y)", "(and x y)"),
        ("\"(1998)\"", "\"(1998)\""),
        ("", "(and )"),
    ];
    for (query, expected) in table {
        let q = Query::parse(query).unwrap_or_else(|e| panic!("{query}: {e:?}"));
        assert_eq!(shape(&q), expected, "{query}");
    }
}

#[test]
fn a_misplaced_operator_or_parenthesis_is_an_error_at_its_column() {
    // (query, the text under the caret, the message)
    let table = [
        ("tag:x OR", "OR", "OR needs a term on each side"),
        ("OR tag:x", "OR", "OR needs a term on each side"),
        ("a OR OR b", "OR", "OR needs a term on each side"),
        ("(a OR) b", ")", "OR needs a term on each side"),
        ("a AND", "AND", "AND needs a term on each side"),
        ("AND a", "AND", "AND needs a term on each side"),
        ("a AND OR b", "OR", "AND needs a term on each side"),
        ("a NOT", "NOT", "NOT needs a term after it"),
        ("NOT OR a", "OR", "NOT needs a term after it"),
        ("a (b OR c", "(b OR c", "this `(` is never closed"),
        ("a) b", ")", "this `)` closes no `(`"),
        ("a () b", "()", "empty parentheses"),
        ("(tag:S-300 OR tagg:x)", "tagg:x", "unknown field `tagg`"),
    ];
    for (query, under, message) in table {
        let e = err(query);
        assert_eq!(&query[e.span.clone()], under, "{query}");
        assert_eq!(e.message, message, "{query}");
        assert!(!e.hint.is_empty(), "{query}");
    }
    let q = "tag:x (a b";
    assert_eq!(err(q).column(q), 7);
    assert!(
        err(q)
            .render(q)
            .starts_with("bad query at column 7: this `(` is never closed\n")
    );
    assert_eq!(
        err("tag:x (a OR").message,
        "OR needs a term on each side",
        "the innermost fault first"
    );
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(err(&deep).message.contains("inside each other"), "no stack overflow");
    let nots = "NOT ".repeat(10_000) + "a";
    assert!(err(&nots).message.contains("inside each other"));
}

#[test]
fn or_and_not_filter_the_bundled_timeline() {
    let t = bundled();
    assert_eq!(
        ids(&t, "id:s300-lift OR id:moscow-visit", None),
        ["s300-lift", "moscow-visit"]
    );
    assert_eq!(
        ids(&t, "tag:S-300 -id:s300-lift", None),
        ids(&t, "tag:S-300 NOT id:s300-lift", None)
    );
    let s300 = ids(&t, "tag:S-300", None);
    let denial = ids(&t, "tag:denial", None);
    let either = ids(&t, "tag:S-300 OR tag:denial", None);
    let union: Vec<String> = t
        .events
        .iter()
        .map(|e| e.id.to_string())
        .filter(|id| s300.contains(id) || denial.contains(id))
        .collect();
    assert_eq!(either, union);
    assert!(either.len() > s300.len() && either.len() > denial.len(), "{either:?}");
    let neither = ids(&t, "NOT (tag:S-300 OR tag:denial)", None);
    assert_eq!(neither, ids(&t, "-tag:S-300 -tag:denial", None), "De Morgan");
    assert_eq!(neither.len() + either.len(), t.events.len());
}

#[test]
fn actor_aliases_and_names_match_actors_and_deniers() {
    let t = bundled();
    // `us` is declared with the aliases "Washington", "the US", "U.S.".
    let us: Vec<String> = t
        .events
        .iter()
        .filter(|e| e.actors.iter().any(|a| a == "us"))
        .map(|e| e.id.to_string())
        .collect();
    assert!(!us.is_empty());
    assert_eq!(ids(&t, "actor:washington", None), us);
    assert_eq!(
        ids(&t, "actor:\"Revolutionary Guards\"", None),
        ids(&t, "actor:irgc", None)
    );
    assert!(ids(&t, "actor:\"Revolutionary Guards\"", None).contains(&"tehran-photo-2013".to_string()));
    // Free text finds an actor by alias too: the landing's own text never says "Islamic State group".
    let landing = t.event("baghdad-landing").unwrap();
    assert!(!format!("{landing:?}").contains("Islamic State group"));
    assert!(ids(&t, "\"Islamic State group\"", None).contains(&landing.id.to_string()));
}

#[test]
fn notes_are_searched_by_note_and_by_free_text() {
    let t = bundled();
    let notes = [
        ("s300-freeze", "ask Reuters desk about the freeze"),
        ("moscow-visit", "see FOIA reply"),
    ];
    assert_eq!(ids_noted(&t, "note:foia", &notes), ["moscow-visit"]);
    assert_eq!(
        ids_noted(&t, "note:desk OR note:foia", &notes),
        ["s300-freeze", "moscow-visit"]
    );
    assert!(ids_noted(&t, "note:foia", &[]).is_empty(), "no note, no match");
    assert!(ids(&t, "foia", None).is_empty(), "the word is only in the note");
    assert_eq!(ids_noted(&t, "foia", &notes), ["moscow-visit"]);
    assert_eq!(
        ids_noted(&t, "-note:desk tag:sanctions", &notes).len(),
        ids(&t, "tag:sanctions", None).len() - 1
    );
}

/// Each date field at each precision of the date written and of the event's date:
/// `before:`/`after:` leave the named period out, `until:`/`since:` take it in, `on:`/`in:` are it.
#[test]
fn date_comparisons_include_or_exclude_the_named_period_as_documented() {
    // (event date, field, query date, holds)
    let table = [
        // A day against a month: July is left out by before: and after:, kept by until:, since:, on:.
        ("2015-07-05", "before", "2015-07", false),
        ("2015-06-30", "before", "2015-07", true),
        ("2015-07-05", "until", "2015-07", true),
        ("2015-08-01", "until", "2015-07", false),
        ("2015-07-31", "after", "2015-07", false),
        ("2015-08-01", "after", "2015-07", true),
        ("2015-07-01", "since", "2015-07", true),
        ("2015-06-30", "since", "2015-07", false),
        ("2015-07-31", "on", "2015-07", true),
        ("2015-08-01", "in", "2015-07", false),
        ("2015-06-30", "on", "2015-07", false),
        // A day against a day.
        ("2015-07-24", "before", "2015-07-24", false),
        ("2015-07-23", "before", "2015-07-24", true),
        ("2015-07-24", "until", "2015-07-24", true),
        ("2015-07-24", "after", "2015-07-24", false),
        ("2015-07-25", "after", "2015-07-24", true),
        ("2015-07-24", "since", "2015-07-24", true),
        ("2015-07-24", "on", "2015-07-24", true),
        ("2015-07-24T23:59:00Z", "on", "2015-07-24", true),
        ("2015-07-25T00:00:00Z", "on", "2015-07-24", false),
        // A month or a day against a year.
        ("2015-12", "before", "2015", false),
        ("2014-12-31", "before", "2015", true),
        ("2015-12-31", "until", "2015", true),
        ("2015-12-31", "after", "2015", false),
        ("2016-01", "after", "2015", true),
        ("2015-01-01", "since", "2015", true),
        ("2015-06", "in", "2015", true),
        // An event dated only by a coarser period counts when part of it could satisfy the test.
        ("2015", "before", "2015-07", true),
        ("2015", "after", "2015-07", true),
        ("2015", "on", "2015-07", true),
        ("2015", "before", "2015-01", false),
        ("2015", "after", "2015-12", false),
        ("2015-07", "on", "2015-07-24", true),
        ("2015-07", "before", "2015-07-24", true),
        ("2015-07", "after", "2015-07-31", false),
        // An interval counts by its start for before:/until: and by its end for after:/since:.
        ("2015-06/2015-08", "before", "2015-07", true),
        ("2015-06/2015-08", "after", "2015-07", true),
        ("2015-06/2015-08", "on", "2015-07", true),
        ("2015-07-27/2015-08-02", "before", "2015-07", false),
        ("2015-07-27/2015-08-02", "after", "2015-07", true),
        ("2015-07-27/2015-08-02", "after", "2015-08-02", false),
        ("2013/..", "after", "2014", true),
        ("2013/..", "before", "2013", false),
        ("../2013", "before", "1900", true),
        ("../2013", "after", "2013", false),
    ];
    for (event, field, date, holds) in table {
        let e = Date::parse(event).unwrap();
        let query = Query::parse(&format!("{field}:{date}")).unwrap();
        let Expr::Term(Term {
            test: Test::Date(compare, d),
            ..
        }) = query.expr()
        else {
            panic!("{field}:{date} is one date term");
        };
        assert_eq!(compare.holds(&e, d), holds, "{event} {field}:{date}");
    }
}

#[test]
fn before_july_leaves_out_the_bundled_july_events() {
    let t = bundled();
    let before = ids(&t, "before:2015-07 since:2015", None);
    // The militias' accusations, "2003/..", are still going; Iran's role and Tehran's denial run
    // up to August from a start nobody states, so they may have begun before July.
    assert_eq!(
        before,
        [
            "us-accusations-militias",
            "s300-lift",
            "un-panel-report",
            "iran-key-role-against-is",
            "combat-role"
        ]
    );
    let july = ids(&t, "on:2015-07", None);
    assert!(july.contains(&"moscow-visit".to_string()) && july.contains(&"ban-lift-rumour-denied".to_string()));
    assert_eq!(ids(&t, "in:2015-07", None), july);
    assert!(
        ids(&t, "after:2015-07", None).contains(&"ban-lift-rumour-denied".to_string()),
        "it ends in August"
    );
}

/// A small Boolean expression over a few terms, for the property below.
#[derive(Debug, Clone)]
enum Tree {
    Atom(usize),
    Not(Box<Tree>),
    And(Box<Tree>, Box<Tree>),
    Or(Box<Tree>, Box<Tree>),
}

const ATOMS: [&str; 5] = [
    "tag:S-300",
    "tag:Iraq",
    "actor:soleimani",
    "status:contested",
    "id:s300-freeze",
];

impl Tree {
    /// Written with only the parentheses the precedence needs, NOT as `NOT` or `-` by `minus`.
    fn write(&self, minus: bool) -> String {
        let prec = |t: &Tree| match t {
            Tree::Or(..) => 0,
            Tree::And(..) => 1,
            Tree::Not(_) | Tree::Atom(_) => 2,
        };
        let child = |c: &Tree, least: u8| {
            let text = c.write(minus);
            if prec(c) < least { format!("({text})") } else { text }
        };
        match self {
            Tree::Atom(i) => ATOMS[*i].to_string(),
            Tree::Not(c) if minus => match **c {
                Tree::Atom(_) => format!("-{}", c.write(minus)),
                _ => format!("-({})", c.write(minus)),
            },
            Tree::Not(c) => format!("NOT {}", child(c, 2)),
            // AND and OR are read left to right, so a right operand of the same kind needs parentheses.
            Tree::And(a, b) => format!("{} {}", child(a, 1), child(b, 2)),
            Tree::Or(a, b) => format!("{} OR {}", child(a, 0), child(b, 1)),
        }
    }

    fn holds(&self, atoms: &[Vec<bool>], event: usize) -> bool {
        match self {
            Tree::Atom(i) => atoms[*i][event],
            Tree::Not(c) => !c.holds(atoms, event),
            Tree::And(a, b) => a.holds(atoms, event) && b.holds(atoms, event),
            Tree::Or(a, b) => a.holds(atoms, event) || b.holds(atoms, event),
        }
    }
}

fn tree() -> impl proptest::strategy::Strategy<Value = Tree> {
    use proptest::prelude::*;
    (0..ATOMS.len()).prop_map(Tree::Atom).prop_recursive(5, 24, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| Tree::Not(Box::new(t))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Tree::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner).prop_map(|(a, b)| Tree::Or(Box::new(a), Box::new(b))),
        ]
    })
}

proptest::proptest! {
    /// A query written with the fewest parentheses matches exactly the events its Boolean
    /// expression selects when worked out term by term: the precedence is NOT > AND > OR.
    #[test]
    fn a_written_expression_matches_what_its_logic_selects(tree in tree(), minus: bool) {
        let t = bundled();
        let atoms: Vec<Vec<bool>> = ATOMS
            .iter()
            .map(|a| {
                let hits = ids(&t, a, None);
                t.events.iter().map(|e| hits.contains(&e.id.to_string())).collect()
            })
            .collect();
        let text = tree.write(minus);
        let expected: Vec<String> = (0..t.events.len())
            .filter(|&i| tree.holds(&atoms, i))
            .map(|i| t.events[i].id.to_string())
            .collect();
        proptest::prop_assert_eq!(ids(&t, &text, None), expected, "{}", text);
    }
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

#[test]
fn claim_matches_a_claim_by_id_or_text_and_status_counts_each_claims_status() {
    let t = bundled();
    // By id (met-putin) and by text ("President Vladimir Putin").
    assert_eq!(ids(&t, "claim:putin", None), ["moscow-visit"]);
    assert_eq!(ids(&t, "claim:met-putin", None), ["moscow-visit"]);
    assert_eq!(ids(&t, "claim:\"air-defence missiles\"", None), ["moscow-visit"]);
    assert_eq!(ids(&t, "claim:rumoured", None), ["ban-lift-rumour-denied"]);
    assert!(ids(&t, "claim:kremlin", None).is_empty(), "no claim says it");
    // An event without claims has none to match, whatever its text says.
    assert!(!ids(&t, "claim:iraq", None).contains(&"iraq-invasion-2003".to_string()));
    // The Moscow visit is contested as a whole and its arrival corroborated: both find it.
    let visit = t.event("moscow-visit").unwrap();
    assert_eq!(visit.status(), Status::Contested);
    assert!(ids(&t, "status:corroborated", None).contains(&"moscow-visit".to_string()));
    assert!(ids(&t, "status:contested", None).contains(&"moscow-visit".to_string()));
    // The rumour: denied as a whole, its `rumoured` claim single-source, never contested.
    let rumour = "ban-lift-rumour-denied".to_string();
    assert!(ids(&t, "status:single-source", None).contains(&rumour));
    assert!(ids(&t, "status:denied", None).contains(&rumour));
    assert!(!ids(&t, "status:contested", None).contains(&rumour));
    // Before anything was public, no claim of the visit had a status but unsourced.
    assert!(!ids(&t, "status:corroborated", Some("2015-07-25")).contains(&"moscow-visit".to_string()));
    // The field is known to completion and to the errors.
    assert_eq!(complete("claim:met-p", &t).text, "claim:met-putin ");
    assert_eq!(err("claims:putin").hint, "did you mean `claim:`?");
}
