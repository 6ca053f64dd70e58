//! `tlx show ID`: one event in full, with its sources and denials, as plain text.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{FINDINGS, Opened, with_timelines, write_line};
use crate::export::prose;
use crate::located::did_you_mean;
use crate::model::evidence::{AsOf, Evidence};
use crate::model::lag::Lags;
use crate::model::origins::{origin_groups, repeats};
use crate::model::{Event, Timeline, admiralty_code};
use crate::notes::{Entry, store};
use crate::text;

/// Width of the labels ("Summary:  "); a multi-line field's later lines are indented to match.
const LABEL: usize = 10;
/// Where a quote starts: under the source it belongs to; its later lines go one further, past the `"`.
const QUOTE: &str = "     ";

/// Prints the event with this id, from the files merged as the explorer merges them: an id that
/// several files use is `LABEL:ID` in each, and the bare id is answered with those choices.
/// With `as_of`, it says what of the event was public by then, as the explorer's detail does.
pub fn run(
    id: &str,
    files: &[PathBuf],
    as_of: Option<&AsOf>,
    max_size: u64,
    out: &mut dyn Write,
) -> io::Result<ExitCode> {
    with_timelines(files, max_size, |opened| {
        let t = &opened.merged.timeline;
        if let Some(i) = t.events.iter().position(|e| e.id == id) {
            let beside = Beside {
                as_of: as_of.cloned(),
                ..beside(opened, i)
            };
            write_event(t, &t.events[i], &beside, out)?;
            return Ok(ExitCode::SUCCESS);
        }
        let origins = &opened.merged.origins;
        let same: Vec<usize> = (0..origins.len())
            .filter(|&i| opened.merged.origin_id(i) == Some(id))
            .collect();
        let hint = if same.len() > 1 {
            let choices: Vec<String> = same.iter().map(|&i| format!("`{}`", t.events[i].id)).collect();
            let part = |i: usize| origins.part(i).unwrap_or_default();
            let labels: Vec<&str> = same.iter().map(|&i| opened.labels[part(i)].as_str()).collect();
            format!(
                "it is in {} files ({}); write {}",
                same.len(),
                labels.join(", "),
                choices.join(" or ")
            )
        } else {
            did_you_mean(id, t.events.iter().map(|e| e.id.as_str())).map_or_else(
                || "`tlx list --ids` shows the events with their ids".to_string(),
                |s| format!("did you mean `{s}`?"),
            )
        };
        let which = if same.len() > 1 { "no single event" } else { "no event" };
        note!(
            "tlx: there is {which} with id `{}`; {}",
            crate::text::line(id),
            text::line(&hint)
        );
        Ok(ExitCode::from(FINDINGS))
    })
}

/// What the explorer's detail shows of an event beside its own fields.
#[derive(Debug, Default)]
pub struct Beside {
    /// The file it came from, with several files: its label and path.
    pub file: Option<String>,
    /// The researcher's marks on it, from the file's sidecar.
    pub marks: Option<Entry>,
    /// The knowledge date asked for.
    pub as_of: Option<AsOf>,
}

/// Where event `i` came from and its marks, read as the explorer reads them; a sidecar that cannot
/// be read is said on stderr.
fn beside(opened: &Opened, i: usize) -> Beside {
    let origin = opened.merged.origin(i).unwrap_or_default();
    let path = opened.paths.get(origin.part).cloned().flatten();
    let file = opened.several().then(|| {
        let at = path.as_ref().map_or(String::new(), |p| format!(" ({})", p.display()));
        format!("{}{at}", opened.labels[origin.part])
    });
    let loaded = store::sidecar_of(path.as_deref())
        .map(|p| store::load(&p))
        .unwrap_or_default();
    if let Some(problem) = loaded.problem {
        note!("tlx: bookmarks unreadable: {}", text::line(&problem));
    }
    Beside {
        file,
        marks: loaded.notes.get(&origin.id).filter(|e| !e.is_empty()).cloned(),
        as_of: None,
    }
}

/// "25 Jul 2015: known by 7 Aug 2015? at the latest ...", what of `e` was public by `a`, in the
/// words of the explorer's list and detail.
fn known_as_of(t: &Timeline, e: &Event, a: &AsOf) -> String {
    let ev = Evidence::of(t, e, Some(a));
    let strict = if a.is_strict() { " (strict)" } else { "" };
    let date = format!("{}{strict}", a.date().human());
    if !ev.known() {
        return format!("{date}: not yet public");
    }
    let by = ev.known_by().map_or(String::new(), |d| {
        format!(
            "known by {} at the latest (only the reference it was read in dates its evidence); ",
            d.human()
        )
    });
    format!(
        "{date}: {by}{} of {} sources and {} of {} denials, {}",
        ev.sources().len(),
        e.sources.len(),
        ev.denials().len(),
        e.denials.len(),
        ev.status().as_str()
    )
}

/// Writes the full plain-text description of one event, with what is known `beside` it.
pub fn write_event(t: &Timeline, e: &Event, beside: &Beside, out: &mut dyn Write) -> io::Result<()> {
    let line = |out: &mut dyn Write, s: String| write_line(out, &s);
    line(out, format!("{}  [{}]", e.title, e.id))?;
    line(out, format!("Date:     {}  ({})", e.date.human(), e.date.text()))?;
    if let Some(place) = &e.more.place {
        line(out, format!("Place:    {}", place.label()))?;
    }
    if let Some(file) = &beside.file {
        line(out, format!("File:     {file}"))?;
    }
    if let Some(marks) = &beside.marks {
        if marks.starred {
            line(out, "Starred:  yes".to_string())?;
        }
        if let Some(note) = &marks.note {
            write_block(out, "My note:  ", note, LABEL)?;
        }
    }
    line(out, format!("Status:   {}", e.status_with_counts()))?;
    if let Some(a) = &beside.as_of {
        write_block(out, "As of:    ", &known_as_of(t, e, a), LABEL)?;
    }
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
    for id in &e.more.related {
        let title = t
            .event(id)
            .map_or(String::new(), |r| format!(" ({}, {})", r.date.human(), r.title));
        line(out, format!("Related:  {id}{title}"))?;
    }
    if let Some(n) = &e.more.notes {
        write_block(out, "Notes:    ", n, LABEL)?;
    }
    if let Some(m) = &e.more.media {
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
            for line in [prose::claim_lag(t, e, c), prose::verdict(e, c)].into_iter().flatten() {
                write_block(out, QUOTE, &line, QUOTE.len())?;
            }
        }
    }
    write_dates_given(e, out)?;
    let evidence = Evidence::of(t, e, None);
    writeln!(out)?;
    line(out, format!("Sources ({})", e.sources.len()))?;
    // Origin numbers, as the explorer's detail shows them, tell repeats from independent reports.
    let groups = origin_groups(&e.sources);
    let repeated = repeats(t, &e.sources);
    let numbered = evidence.has_repeats();
    for (i, s) in e.sources.iter().enumerate() {
        let origin = if numbered {
            format!("[origin {}] ", groups[i] + 1)
        } else {
            String::new()
        };
        let date = s.date.as_ref().map_or(String::new(), |d| format!(", {}", d.human()));
        let dated = s
            .more()
            .dated
            .as_ref()
            .map_or(String::new(), |d| format!(", dates it {}", d.human()));
        let grade = admiralty_code(s.more().reliability, s.more().credibility)
            .map_or(String::new(), |g| format!(", graded {g}"));
        let repeats = repeated[i].map_or(String::new(), |r| format!(", {r}"));
        line(
            out,
            format!(
                "  {}. {origin}{} ({}{date}{dated}{grade}{repeats})",
                i + 1,
                s.attribution(),
                s.more().stance.as_str()
            ),
        )?;
        write_claims(&s.more().claims, out)?;
        write_attribution(t, s.more().via.as_deref(), s.url.as_deref(), s.quote.as_deref(), out)?;
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
/// The dates the sources give for the event, each with its sources, when they give more than one
/// or one that is not the event's own date: a disagreement the one `date` would hide.
fn write_dates_given(e: &Event, out: &mut dyn Write) -> io::Result<()> {
    let Some(given) = e.dates_disputed() else {
        return Ok(());
    };
    writeln!(out)?;
    write_line(out, &format!("Dates given ({})", given.len()))?;
    for g in &given {
        let by: Vec<String> = g
            .sources
            .iter()
            .map(|&i| {
                let s = &e.sources[i];
                let citing = s.citing().map_or(String::new(), |c| format!(" citing {c}"));
                format!("{}{citing} (source {})", s.outlet(), i + 1)
            })
            .collect();
        write_line(out, &format!("  {}: {}", g.date.human(), by.join("; ")))?;
    }
    Ok(())
}

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
