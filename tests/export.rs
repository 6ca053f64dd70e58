//! The export formats on the bundled timeline and on a fixture of tricky text: snapshots, and
//! checks that each output reads back with a real parser.

use tlx::export;
use tlx::load::{Document, Options};
use tlx::model::Timeline;

fn bundled() -> Timeline {
    Document::bundled().load(Options::default()).timeline
}

/// Markdown, HTML, CSV and formula syntax in user text, multi-line quotes, BCE and cosmological
/// years, intervals, open ends, approximate dates.
fn tricky() -> Timeline {
    let doc = Document {
        name: "tricky.toml".into(),
        path: None,
        text: include_str!("fixtures/tricky.toml").into(),
    };
    let loaded = doc.load(Options::default());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded.timeline
}

fn items(t: &Timeline) -> usize {
    t.events.iter().map(|e| e.sources.len() + e.denials.len()).sum()
}

#[test]
fn snapshots_of_every_format() {
    for (name, t) in [("bundled", bundled()), ("tricky", tricky())] {
        insta::assert_snapshot!(format!("markdown_{name}"), export::markdown::to_string(&t));
        insta::assert_snapshot!(format!("csv_{name}"), export::csv::to_string(&t));
        insta::assert_snapshot!(format!("timelinejs_{name}"), export::timelinejs::to_string(&t));
        insta::assert_snapshot!(format!("svg_{name}"), export::svg::to_string(&t));
    }
}

#[test]
fn markdown_lists_every_event_with_its_sources_and_denials() {
    let t = bundled();
    let md = export::markdown::to_string(&t);
    let (body, references) = md.split_once("\n## References\n").expect("a references section");
    let headings: Vec<&str> = body.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.len(), t.events.len());
    for e in &t.events {
        assert!(
            headings.iter().any(|h| h.ends_with(&*e.title)),
            "{} has no section",
            e.id
        );
    }
    let entries = body
        .lines()
        .filter(|l| l.contains(". **") && l.starts_with(char::is_numeric));
    let claims: usize = t.events.iter().map(|e| e.more.claims.len()).sum();
    assert_eq!(entries.count(), items(&t) + claims);
    let denials: usize = t.events.iter().map(|e| e.denials.len()).sum();
    assert_eq!(body.matches("**Denied by ").count(), denials);
    assert!(body.contains("**Denied by The Kremlin**, on met-putin, via The Times of Israel"));
    assert_eq!(
        references.lines().filter(|l| l.starts_with(char::is_numeric)).count(),
        t.references.len()
    );
}

#[test]
fn markdown_shows_a_place_with_its_coordinates() {
    let mut t = bundled();
    let place = tlx::model::Place {
        name: Some("Moscow_*x*".into()),
        lat: Some(55.7558),
        lon: Some(-37.6173),
    };
    t.events[0].more.edit(|more| more.place = Some(Box::new(place)));
    let md = export::markdown::to_string(&t);
    assert!(md.contains("**Place:** Moscow\\_\\*x\\* (55.7558°N 37.6173°W)"), "{md}");
}

#[test]
fn markdown_keeps_user_text_from_becoming_markup() {
    let md = export::markdown::to_string(&tricky());
    // Link destinations are the only place a `<` may stand unescaped.
    let mut rest = md.as_str();
    let mut outside_links = String::new();
    while let Some(i) = rest.find("](<") {
        outside_links += &rest[..i];
        rest = &rest[i + rest[i..].find(">)").unwrap() + 2..];
    }
    outside_links += rest;
    // Nor do autolinks, which hold a web URL and nothing else.
    let autolink = regex::Regex::new(r"<https?://[^<>\s]+>").unwrap();
    let outside_links = autolink.replace_all(&outside_links, "");
    assert!(!outside_links.contains('<'), "{outside_links}");
    assert!(md.starts_with("# \\# Tricky &lt;b>timeline&lt;/b> \\| \\*not bold\\*"));
    assert!(
        md.contains(r"\[a link\](javascript:alert(1))"),
        "an escaped bracket makes no link"
    );
    assert!(!md.replace(r"\]", "").contains("](javascript") && !md.contains('\u{1b}'));
    assert!(md.contains("   > \"Rejoice, we conquer!\"\\\n   > \\-- and died"));
}

fn csv_rows(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    (header, reader.records().map(Result::unwrap).collect())
}

/// Reads tlx's CSV back with the importer, which must say nothing.
fn csv_import(text: &str) -> Timeline {
    let back = tlx::import::import(tlx::import::Format::Csv, text, &Default::default(), None).loaded;
    assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
    back.timeline
}

#[test]
fn csv_has_a_row_per_item_and_a_denial_stays_a_denial() {
    let t = bundled();
    let text = export::csv::to_string(&t);
    let (header, rows) = csv_rows(&text);
    let expected: usize = t
        .events
        .iter()
        .map(|e| (e.more.claims.len() + e.sources.len() + e.denials.len()).max(1))
        .sum();
    let own = 1 + t.references.len() + t.actors.len();
    assert_eq!(
        rows.len(),
        own + expected,
        "the timeline, its references and actors, then the events"
    );
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let kremlin = rows.iter().find(|r| &r[col("denied_by")] == "The Kremlin").unwrap();
    assert_eq!(&kremlin[col("id")], "moscow-visit");
    assert_eq!(&kremlin[col("outlet")], "", "a denial has no outlet");
    assert_eq!(&kremlin[col("tags")], "S-300;travel ban;Quds Force");
    assert_eq!(&kremlin[col("status")], "contested");
    assert_eq!(csv_import(&text), t);
}

#[test]
fn csv_guards_formulas_but_not_dates_and_reads_the_text_back_without_the_guard() {
    let t = tricky();
    let text = export::csv::to_string(&t);
    let (header, rows) = csv_rows(&text);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let herodotus = rows.iter().find(|r| !r[col("outlet")].is_empty()).unwrap();
    assert_eq!(&herodotus[col("date")], "-0489~");
    assert_eq!(&herodotus[col("source_date")], "-0429?");
    assert_eq!(&herodotus[col("outlet")], "'=Herodotus");
    assert_eq!(
        &herodotus[col("actors")],
        "Miltiades;+Datis",
        "only a cell's start can be a formula"
    );
    let quote = t.event("marathon").unwrap().sources[0].quote.as_deref().unwrap();
    assert_eq!(&herodotus[col("quote")], quote);
    let siege = rows.iter().find(|r| &r[col("id")] == "siege").unwrap();
    assert_eq!(&siege[col("summary")], "'-1 is not a formula here");
    assert_eq!(
        &siege[col("title")],
        "A siege <i>of</i> months\u{1b}[2J",
        "text is kept whole"
    );
    let back = csv_import(&text);
    assert_eq!(back.event("marathon").unwrap().sources[0].outlet(), "=Herodotus");
    assert_eq!(back, t);
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn timelinejs_shifts_bce_years_and_keeps_what_precision_has() {
    let mut t = tricky();
    let v = json(&export::timelinejs::to_string(&t));
    assert_eq!(
        v["scale"], "cosmological",
        "13.8 billion years is beyond JavaScript dates"
    );
    assert_eq!(v["events"][0]["start_date"]["year"], -13_800_000_001_i64);

    t.events.retain(|e| e.id != "big-bang");
    let v = json(&export::timelinejs::to_string(&t));
    assert!(v.get("scale").is_none());
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), t.events.len());
    let by_id = |id: &str| events.iter().find(|e| e["unique_id"] == id).unwrap();
    let marathon = by_id("marathon");
    assert_eq!(
        marathon["start_date"],
        serde_json::json!({"year": -490}),
        "-0489 is 490 BCE"
    );
    assert_eq!(marathon["display_date"], "c. 490 BCE");
    assert_eq!(marathon["group"], "war; greece");
    let text = marathon["text"]["text"].as_str().unwrap();
    assert!(text.contains("&lt;b&gt;bold&lt;/b&gt;") && !text.contains("<b>"));
    assert!(text.contains("<strong>Denied by @Persian court</strong>"));
    assert!(!text.contains("href=\"javascript"));
    let siege = by_id("siege");
    assert_eq!(siege["start_date"], serde_json::json!({"year": 2015, "month": 6}));
    assert_eq!(siege["end_date"], serde_json::json!({"year": 2015, "month": 8}));
    assert_eq!(
        siege["group"], "single-source",
        "no tags: the status (Reuters repeats AP)"
    );
    assert!(by_id("open-ended").get("end_date").is_none());
    assert_eq!(
        by_id("moment")["start_date"],
        serde_json::json!({"year": 2021, "month": 1, "day": 6, "hour": 19, "minute": 5, "second": 30})
    );
}

#[test]
fn timelinejs_of_the_bundled_timeline_has_a_slide_per_event() {
    let t = bundled();
    let v = json(&export::timelinejs::to_string(&t));
    assert_eq!(
        v["title"]["text"]["headline"],
        "Qassem Soleimani&#39;s reported visit to Moscow, July 2015"
    );
    assert_eq!(v["events"].as_array().unwrap().len(), t.events.len());
    assert!(v.get("scale").is_none());
}

#[test]
fn svg_parses_as_xml_with_ticks_and_one_marker_per_event() {
    for t in [bundled(), tricky()] {
        let svg = export::svg::to_string(&t);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        let class_starts = |prefix: &str| {
            doc.descendants()
                .filter(|n| {
                    n.attribute("class")
                        .is_some_and(|c| c.split(' ').next() == Some(prefix))
                })
                .count()
        };
        assert_eq!(class_starts("marker"), t.events.len());
        assert!(class_starts("tick") >= 3, "{svg}");
    }
    let svg = export::svg::to_string(&bundled());
    for year in ["2003", "2007", "2015"] {
        let tick = format!(">{year}</text>");
        assert!(
            svg.lines().any(|l| l.contains("class=\"tick\"") && l.ends_with(&tick)),
            "{year}"
        );
    }
}

#[test]
fn every_format_runs_from_the_command_line() {
    for format in ["json", "markdown", "csv", "timelinejs", "svg"] {
        let out = assert_cmd::Command::cargo_bin("tlx")
            .unwrap()
            .args(["export", "--format", format])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(out.len() > 1000, "{format}");
    }
}

fn tlx(args: &[&std::ffi::OsStr]) -> assert_cmd::assert::Assert {
    assert_cmd::Command::cargo_bin("tlx").unwrap().args(args).assert()
}

#[test]
fn tlx_opens_and_checks_its_own_json_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.json");
    let json = tlx(&["export".as_ref(), "--format".as_ref(), "json".as_ref()])
        .success()
        .get_output()
        .stdout
        .clone();
    std::fs::write(&path, json).unwrap();
    tlx(&["check".as_ref(), path.as_os_str()]).success();
    let list = tlx(&["list".as_ref(), path.as_os_str()])
        .success()
        .get_output()
        .stdout
        .clone();
    let list = String::from_utf8(list).unwrap();
    assert!(list.contains("Moscow"), "{list}");
}

#[test]
fn json_that_is_no_format_says_what_was_tried_and_why_each_was_ruled_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.json");
    std::fs::write(&path, r#"{"rows": []}"#).unwrap();
    let out = tlx(&["check".as_ref(), path.as_os_str()])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let err = String::from_utf8(out).unwrap();
    for reason in ["not tlx JSON", "not timemap", "not TimelineJS 3"] {
        assert!(err.contains(reason), "{err}");
    }
}

/// The links a CommonMark renderer finds in a Markdown text: destination and text.
fn rendered_links(md: &str) -> Vec<(String, String)> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut links = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => open = Some((dest_url.to_string(), String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => links.extend(open.take()),
            _ => {}
        }
    }
    links
}

fn html(md: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(md));
    out
}

#[test]
fn markdown_keeps_urls_whole_and_lines_apart_as_a_commonmark_renderer_reads_it() {
    let mut t = bundled();
    let url = "https://example.org/a_b_(c)/d_e?x=1_2";
    let e = t.events.iter_mut().find(|e| e.id == "moscow-visit").unwrap();
    e.summary = Some(format!("First line, see {url}.\nSecond line\n\nA new paragraph").into());
    e.more.edit(|more| more.notes = Some("note one\nnote two".into()));
    e.sources[0].url = Some("https://example.org/under_score_path".into());
    let md = export::markdown::to_string(&t);
    let links = rendered_links(&md);
    assert!(links.contains(&(url.to_string(), url.to_string())), "{links:?}");
    let source = "https://example.org/under_score_path";
    assert!(links.contains(&(source.to_string(), source.to_string())), "{links:?}");
    let page = html(&md);
    assert!(!page.contains("\\_"), "no escape is left in the rendered page");
    assert!(
        page.contains(&format!("First line, see <a href=\"{}\">", url.replace('&', "&amp;"))),
        "{page}"
    );
    assert!(page.contains("<br />\nSecond line"), "lines stay apart: {page}");
    assert!(page.contains("<p>A new paragraph</p>"), "{page}");
    assert!(page.contains("Note: note one<br />\nnote two"), "{page}");
    // Every web URL of the timeline is a link to exactly that URL.
    for e in &t.events {
        for u in e
            .sources
            .iter()
            .filter_map(|s| s.url.as_deref())
            .chain(e.denials.iter().filter_map(|d| d.url.as_deref()))
        {
            assert!(links.iter().any(|(dest, _)| dest == u), "{u} is not a link");
        }
    }
}

#[test]
fn markdown_of_tricky_text_renders_without_markup_from_user_text() {
    let md = export::markdown::to_string(&tricky());
    let page = html(&md);
    for tag in ["<script", "<b>", "<i>", "<strong>not", "<em>not", "href=\"javascript"] {
        assert!(!page.contains(tag), "{tag} in {page}");
    }
    assert!(page.contains("*not bold*"), "{page}");
}

/// The schema.org properties each type in a ClaimReview may use here (its own and those it
/// inherits from Review, CreativeWork and Thing), from schema.org/ClaimReview, /Rating, /Claim
/// and /CreativeWork.
const CLAIMREVIEW: &[&str] = &[
    "@context",
    "@type",
    "claimReviewed",
    "reviewBody",
    "reviewRating",
    "itemReviewed",
    "datePublished",
    "author",
    "url",
];
const RATING: &[&str] = &["@type", "ratingValue", "bestRating", "worstRating", "alternateName"];
const CLAIM: &[&str] = &["@type", "appearance", "author", "firstAppearance", "datePublished"];
const CREATIVE_WORK: &[&str] = &["@type", "author", "url", "datePublished", "text", "headline"];

fn keys_within(v: &serde_json::Value, allowed: &[&str], what: &str) {
    for k in v.as_object().unwrap_or_else(|| panic!("{what} is an object")).keys() {
        assert!(
            allowed.contains(&k.as_str()),
            "{what} has `{k}`, not a schema.org property of it"
        );
    }
}

#[test]
fn claimreview_writes_a_schema_org_review_for_each_claim_with_a_verdict_and_only_those() {
    use tlx::model::Rating;
    let mut t = bundled();
    assert_eq!(
        export::claimreview::to_string(&t),
        "[]\n",
        "the bundle records no verdict"
    );
    assert!(!export::claimreview::any_verdict(&t));
    let visit = t.events.iter_mut().find(|e| e.id == "moscow-visit").unwrap();
    visit.more.edit(|more| {
        let putin = more.claims.iter_mut().find(|c| c.id == "met-putin").unwrap();
        putin.verdict = Some("Denied by the Kremlin; backed only by unnamed sources.".into());
        putin.rating = Some(Rating::Mixed);
    });
    assert!(export::claimreview::any_verdict(&t));
    let text = export::claimreview::to_string(&t);
    let reviews: serde_json::Value = serde_json::from_str(&text).unwrap();
    let reviews = reviews.as_array().unwrap();
    assert_eq!(reviews.len(), 1, "only the claim with a verdict");
    let r = &reviews[0];
    keys_within(r, CLAIMREVIEW, "ClaimReview");
    assert_eq!(r["@context"], "https://schema.org");
    assert_eq!(r["@type"], "ClaimReview");
    assert_eq!(r["claimReviewed"], "Soleimani met President Vladimir Putin.");
    assert_eq!(r["datePublished"], *t.timeline.updated.as_ref().unwrap().text());
    assert_eq!(r["author"], serde_json::json!([{ "name": "tlx bundled example" }]));
    assert!(
        r.get("url").is_none(),
        "the review is published nowhere the timeline says"
    );
    let rating = &r["reviewRating"];
    keys_within(rating, RATING, "Rating");
    assert_eq!(rating["@type"], "Rating");
    assert_eq!(
        (rating["worstRating"].as_u64(), rating["bestRating"].as_u64()),
        (Some(1), Some(5))
    );
    assert_eq!(rating["ratingValue"].as_u64(), Some(3));
    assert_eq!(rating["alternateName"], "Mixed");
    let item = &r["itemReviewed"];
    keys_within(item, CLAIM, "Claim");
    assert_eq!(item["@type"], "Claim");
    let appearances = item["appearance"].as_array().unwrap();
    // Fox News twice, Reuters' U.S. security sources twice, Israel Radio: the sources on the claim.
    assert_eq!(appearances.len(), 5);
    let authors: Vec<&str> = item["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["Fox News", "Reuters", "Israel Radio"]);
    for a in appearances {
        keys_within(a, CREATIVE_WORK, "CreativeWork");
        assert_eq!(a["@type"], "CreativeWork");
        assert!(a["text"].is_string(), "each bundled source has its quote");
        // No URL is made up: the bundle's references give none, nor do its sources.
        assert!(a.get("url").is_none());
        // The uncertain `2015-08-07?` is not a schema.org date, so it is left out.
        assert!(a.get("datePublished").is_none());
    }
    // Every rating maps onto the 1-5 scale in order.
    let values: Vec<u8> = Rating::ALL.iter().map(|r| r.value()).collect();
    assert_eq!(values, [1, 2, 3, 4, 5]);
}
