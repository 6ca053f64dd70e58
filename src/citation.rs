//! One-line citations of events, sources and denials, for the clipboard and reports.

use crate::model::{Denial, Event, Source, Timeline};

/// "Title (24 Jul 2015)".
pub fn event(e: &Event) -> String {
    format!("{} ({})", e.title, e.date.human())
}

/// "Fox News, citing Western intelligence sources, via The Times of Israel, "…", 7 Aug 2015: "quote" [on: Title (date)]".
pub fn source(t: &Timeline, e: &Event, s: &Source) -> String {
    let mut parts = vec![s.outlet().to_string()];
    parts.extend(s.citing().map(|c| format!("citing {c}")));
    parts.extend(s.date.as_ref().map(|d| d.human()));
    parts.extend(s.more().via.as_ref().map(|v| format!("via {}", t.reference_label(v))));
    parts.extend(s.url.as_deref().map(String::from));
    finish(parts.join(", "), s.quote.as_deref(), e)
}

/// "Denied by The Kremlin, via …: "quote" [on: Title (date)]".
pub fn denial(t: &Timeline, e: &Event, d: &Denial) -> String {
    let mut parts = vec![format!("Denied by {}", d.by)];
    parts.extend(d.date.as_ref().map(|d| d.human()));
    parts.extend(d.via.as_ref().map(|v| format!("via {}", t.reference_label(v))));
    parts.extend(d.url.as_deref().map(String::from));
    finish(parts.join(", "), d.quote.as_deref(), e)
}

fn finish(head: String, quote: Option<&str>, e: &Event) -> String {
    let quote = quote.map_or(String::new(), |q| format!(": \"{q}\""));
    format!("{head}{quote} [on: {}]", event(e))
}

#[cfg(test)]
mod tests {
    use crate::load::{Document, Options};

    #[test]
    fn a_source_citation_names_outlet_origin_reference_and_quote() {
        let t = Document::bundled().load(Options::default()).timeline;
        let e = t.event("moscow-visit").unwrap();
        let fox = e
            .sources
            .iter()
            .find(|s| s.more().via.as_deref() == Some("rferl-2015-08-07"))
            .unwrap();
        let text = super::source(&t, e, fox);
        assert!(
            text.starts_with("Fox News, citing Western intelligence sources, via RFE/RL"),
            "{text}"
        );
        assert!(
            text.contains(": \"Fox News, citing") && text.ends_with("(24 Jul 2015)]"),
            "{text}"
        );
        let denial = super::denial(&t, e, &e.denials[0]);
        assert!(
            denial.starts_with("Denied by The Kremlin, via The Times of Israel"),
            "{denial}"
        );
    }
}
