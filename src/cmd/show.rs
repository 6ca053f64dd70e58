//! `tlx show ID`: one event in full, with its sources and denials, as plain text.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{FINDINGS, with_timeline, write_line};
use crate::export::prose;
use crate::located::did_you_mean;
use crate::model::evidence::Evidence;
use crate::model::lag::Lags;
use crate::model::origins::origin_groups;
use crate::model::{Event, Timeline, admiralty_code};
use crate::text;

/// Width of the labels ("Summary:  "); a multi-line field's later lines are indented to match.
const LABEL: usize = 10;
/// Where a quote starts: under the source it belongs to; its later lines go one further, past the `"`.
const QUOTE: &str = "     ";

/// Prints the event with this id.
pub fn run(id: &str, file: Option<&Path>, max_size: u64, out: &mut dyn Write) -> io::Result<ExitCode> {
    with_timeline(file, max_size, |t| match t.event(id) {
        Some(event) => {
            write_event(t, event, out)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let hint = did_you_mean(id, t.events.iter().map(|e| e.id.as_str())).map_or_else(
                || "`tlx list --ids` shows the events with their ids".to_string(),
                |s| format!("did you mean `{s}`?"),
            );
            note!("tlx: there is no event with id `{}`; {hint}", crate::text::line(id));
            Ok(ExitCode::from(FINDINGS))
        }
    })
}

/// Writes the full plain-text description of one event.
pub fn write_event(t: &Timeline, e: &Event, out: &mut dyn Write) -> io::Result<()> {
    let line = |out: &mut dyn Write, s: String| write_line(out, &s);
    line(out, format!("{}  [{}]", e.title, e.id))?;
    line(out, format!("Date:     {}  ({})", e.date.human(), e.date.as_str()))?;
    if let Some(place) = &e.place {
        line(out, format!("Place:    {}", place.label()))?;
    }
    line(out, format!("Status:   {}", e.status_with_counts()))?;
    if let Some(lags) = Lags::of_all(t, e).sentence() {
        write_block(out, "Lags:     ", &lags, LABEL)?;
    }
    if let Some(s) = &e.summary {
        write_block(out, "Summary:  ", s, LABEL)?;
    }
    if !e.tags.is_empty() {
        line(out, format!("Tags:     {}", e.tags.join(", ")))?;
    }
    if !e.actors.is_empty() {
        let names: Vec<&str> = e.actors.iter().map(|a| t.actor_name(a)).collect();
        line(out, format!("Actors:   {}", names.join(", ")))?;
    }
    for id in &e.related {
        let title = t
            .event(id)
            .map_or(String::new(), |r| format!(" ({}, {})", r.date.human(), r.title));
        line(out, format!("Related:  {id}{title}"))?;
    }
    if let Some(n) = &e.notes {
        write_block(out, "Notes:    ", n, LABEL)?;
    }
    if let Some(m) = &e.media {
        let caption = m.caption.as_deref().map(|c| format!(" — {c}")).unwrap_or_default();
        let credit = m
            .credit
            .as_deref()
            .map(|c| format!(" (credit: {c})"))
            .unwrap_or_default();
        // Judged as a source's link is: a look-alike host or a script shows for what it is.
        line(
            out,
            format!("Media:    {}  [{}]{caption}{credit}", m.url, crate::url::note(&m.url)),
        )?;
    }
    let claims = e.claim_evidence();
    if !claims.is_empty() {
        writeln!(out)?;
        line(out, format!("Claims ({})", claims.len()))?;
        for (i, c) in claims.iter().enumerate() {
            let claim = c.of(e);
            line(out, format!("  {}. {} ({})", i + 1, claim.id, prose::claim_status(c)))?;
            write_block(out, QUOTE, &claim.text, QUOTE.len())?;
            if let Some(v) = prose::verdict(e, c) {
                write_block(out, QUOTE, &v, QUOTE.len())?;
            }
        }
    }
    let evidence = Evidence::of(t, e, None);
    writeln!(out)?;
    line(out, format!("Sources ({})", e.sources.len()))?;
    // Origin numbers, as the explorer's detail shows them, tell repeats from independent reports.
    let groups = origin_groups(&e.sources);
    let numbered = evidence.origins < e.sources.len();
    for (i, s) in e.sources.iter().enumerate() {
        let origin = if numbered {
            format!("[origin {}] ", groups[i] + 1)
        } else {
            String::new()
        };
        let citing = s.citing.as_ref().map_or(String::new(), |c| format!(", citing {c}"));
        let date = s.date.as_ref().map_or(String::new(), |d| format!(", {}", d.human()));
        let grade = admiralty_code(s.reliability, s.credibility).map_or(String::new(), |g| format!(", graded {g}"));
        let repeats = s
            .derived_from
            .as_ref()
            .map_or(String::new(), |d| format!(", repeats {d}"));
        line(
            out,
            format!(
                "  {}. {origin}{}{citing} ({}{date}{grade}{repeats})",
                i + 1,
                s.outlet,
                s.stance.as_str()
            ),
        )?;
        write_claims(&s.claims, out)?;
        write_attribution(t, s.via.as_deref(), s.url.as_deref(), s.quote.as_deref(), out)?;
    }
    if !e.denials.is_empty() {
        writeln!(out)?;
        line(out, format!("Denials ({})", e.denials.len()))?;
        for (i, d) in e.denials.iter().enumerate() {
            let date = d.date.as_ref().map_or(String::new(), |d| format!(" ({})", d.human()));
            line(out, format!("  {}. DENIED by {}{date}", i + 1, t.actor_name(&d.by)))?;
            write_claims(&d.claims, out)?;
            write_attribution(t, d.via.as_deref(), d.url.as_deref(), d.quote.as_deref(), out)?;
        }
    }
    Ok(())
}

/// The claims a source or denial addresses, when it names any.
fn write_claims(claims: &[String], out: &mut dyn Write) -> io::Result<()> {
    if claims.is_empty() {
        return Ok(());
    }
    write_line(out, &format!("     on {}", claims.join(", ")))
}

fn write_attribution(
    t: &Timeline,
    via: Option<&str>,
    url: Option<&str>,
    quote: Option<&str>,
    out: &mut dyn Write,
) -> io::Result<()> {
    if let Some(via) = via {
        write_line(out, &format!("     via {}", t.reference_label(via)))?;
    }
    if let Some(url) = url {
        // The host is named so look-alike domains stand out; other schemes are never opened.
        write_line(out, &format!("     {url}  [{}]", crate::url::note(url)))?;
    }
    if let Some(q) = quote {
        write_block(out, QUOTE, &format!("\"{q}\""), QUOTE.len() + 1)?;
    }
    Ok(())
}

/// A multi-line field: its first line after `head`, the others indented by `indent` columns.
fn write_block(out: &mut dyn Write, head: &str, value: &str, indent: usize) -> io::Result<()> {
    for (i, l) in text::block(value).lines().enumerate() {
        if i == 0 {
            writeln!(out, "{head}{l}")?;
        } else {
            writeln!(out, "{:indent$}{l}", "")?;
        }
    }
    Ok(())
}
