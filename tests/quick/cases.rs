//! Hand-picked blocks: the subset read right, and each thing outside it left to the full parser.

use super::agrees;

const PLAIN: &str = "[[events]]\nid = \"a\"\ndate = \"2015-07-24\"\ntitle = \"A\"\n";

#[test]
fn a_plain_block_reads_as_the_full_path_reads_it() {
    let block = concat!(
        "# a comment before the header\n",
        "[[events]] # the event\n",
        "id=\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u00e9\\U0001F600\"\n",
        "\tdate =  '2015-07~'  # approximate\n",
        "title = 'It''s'\n",
        "summary = \"\"\n",
        "tags = [ \"x\" , 'y', ]\n",
        "actors = []\n",
        "related = \"lone\"\n",
        "\n",
        "  [[events.sources]]\n",
        "  outlet = \"Reuters\" # ok\n",
        "  stance = \"confirms\"\n",
        "  via = \"ref\"\n",
        "  derived_from = \"AP\"\n",
        "  reliability = \"B\"\n",
        "  credibility = 2\n",
        "  [[events.denials]]\n",
        "  by = \"Kremlin\"\n",
        "  date = \"2015-08\"\n",
        "  via = 'ref'",
    );
    // `'It''s'` is two literal strings in a row, which TOML refuses: that line must go.
    assert_eq!(agrees(block), None);
    let block = block.replace("title = 'It''s'", "title = 'It\\s'");
    let (e, spans) = agrees(&block).expect("the quick path reads the plain subset");
    assert_eq!(e.id, "a\"b\\c\n\t\r\u{8}\u{c}é😀");
    assert_eq!(e.title, "It\\s");
    assert_eq!(e.more.related, ["lone"]);
    assert_eq!(e.sources[0].more().credibility, Some(2));
    assert_eq!(&block[spans.denials[0].via.clone().unwrap()], "'ref'");
}

#[test]
fn claims_and_the_claims_items_name_are_read_with_their_spans() {
    let block = concat!(
        "[[events]]\nid = \"a\"\ndate = \"2015-07-24\"\ntitle = \"A\"\n",
        "  [[events.claims]]\n  id = \"met-putin\"\n  text = \"He met Putin.\"\n",
        "  verdict = \"Denied, never shown.\"\n  rating = \"mixed\"\n",
        "  [[events.sources]]\n  outlet = \"Fox News\"\n  claims = [\"met-putin\", 'arrival']\n",
        "  [[events.claims]]\n  id = 'arrival'\n  text = \"He came.\"\n",
        "  [[events.denials]]\n  by = \"The Kremlin\"\n  claims = \"met-putin\"\n",
    );
    let (e, spans) = agrees(block).expect("the quick path reads claims");
    let ids: Vec<&str> = e.more.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["met-putin", "arrival"]);
    assert_eq!(e.more.claims[0].rating, Some(tlx::model::Rating::Mixed));
    assert_eq!(&block[spans.claims[1].clone()], "'arrival'");
    assert_eq!(&block[spans.sources[0].claims[1].clone()], "'arrival'");
    assert_eq!(&block[spans.denials[0].claims[0].clone()], "\"met-putin\"");
}

#[test]
fn anything_outside_the_subset_or_with_a_diagnostic_is_left_to_the_full_parser() {
    let source = "[[events.sources]]\noutlet = \"o\"\n";
    let claim = "[[events.claims]]\nid = \"c\"\ntext = \"t\"\n";
    for (why, block) in [
        ("unknown key", format!("{PLAIN}colour = \"red\"\n")),
        ("duplicate key", format!("{PLAIN}title = \"B\"\n")),
        ("bad date", PLAIN.replace("2015-07-24", "2015-02-30")),
        ("bad stance", format!("{PLAIN}{source}stance = \"x\"\n")),
        ("bad reliability", format!("{PLAIN}{source}reliability = \"Z\"\n")),
        ("credibility out of range", format!("{PLAIN}{source}credibility = 7\n")),
        (
            "credibility of two digits",
            format!("{PLAIN}{source}credibility = 10\n"),
        ),
        ("credibility as a float", format!("{PLAIN}{source}credibility = 3.0\n")),
        (
            "source without outlet",
            format!("{PLAIN}[[events.sources]]\nvia = \"r\"\n"),
        ),
        ("denial without by", format!("{PLAIN}[[events.denials]]\n")),
        ("missing id", PLAIN.replace("id = \"a\"\n", "")),
        ("missing date", PLAIN.replace("date = \"2015-07-24\"\n", "")),
        ("blank title", PLAIN.replace("\"A\"", "\" \"")),
        ("multi-line basic string", format!("{PLAIN}summary = \"\"\"x\"\"\"\n")),
        ("multi-line literal string", format!("{PLAIN}summary = '''x'''\n")),
        ("inline table", format!("{PLAIN}summary = {{ a = 1 }}\n")),
        ("dotted key", format!("{PLAIN}summary.x = \"s\"\n")),
        ("quoted key", format!("{PLAIN}\"summary\" = \"s\"\n")),
        ("subtable header", format!("{PLAIN}[events.x]\n")),
        ("second event", format!("{PLAIN}{PLAIN}")),
        ("sources as a key", format!("{PLAIN}sources = []\n")),
        ("invalid escape", PLAIN.replace("\"A\"", "\"\\q\"")),
        ("surrogate escape", PLAIN.replace("\"A\"", "\"\\uD800\"")),
        ("short escape", PLAIN.replace("\"A\"", "\"\\u00e\"")),
        ("unterminated string", PLAIN.replace("\"A\"", "\"A")),
        ("carriage return", PLAIN.replace('\n', "\r\n")),
        ("control character", PLAIN.replace("\"A\"", "\"A\u{1}\"")),
        ("bare date", PLAIN.replace("\"2015-07-24\"", "2015-07-24")),
        ("array over lines", format!("{PLAIN}tags = [\n\"x\"]\n")),
        ("array of numbers", format!("{PLAIN}tags = [1]\n")),
        ("text after a value", format!("{PLAIN}summary = \"s\" x\n")),
        ("key before the header", format!("x = 1\n{PLAIN}")),
        ("claim without text", format!("{PLAIN}[[events.claims]]\nid = \"c\"\n")),
        (
            "blank claim id",
            format!("{PLAIN}[[events.claims]]\nid = \" \"\ntext = \"t\"\n"),
        ),
        (
            "bad rating",
            format!("{PLAIN}{claim}verdict = \"v\"\nrating = \"half\"\n"),
        ),
        ("verdict without rating", format!("{PLAIN}{claim}verdict = \"v\"\n")),
        ("rating without verdict", format!("{PLAIN}{claim}rating = \"true\"\n")),
        ("duplicate claim ids", format!("{PLAIN}{claim}{claim}")),
        ("unknown claim", format!("{PLAIN}{claim}{source}claims = [\"d\"]\n")),
        (
            "claim named without claims",
            format!("{PLAIN}[[events.denials]]\nby = \"K\"\nclaims = [\"c\"]\n"),
        ),
        ("claims of numbers", format!("{PLAIN}{claim}{source}claims = [1]\n")),
        ("place", format!("{PLAIN}[events.place]\nname = \"Moscow\"\n")),
    ] {
        assert_eq!(agrees(&block), None, "{why}:\n{block}");
    }
}
