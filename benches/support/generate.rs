//! Deterministic synthetic timelines for the benchmarks: N events written as tlx TOML (in shuffled
//! file order, as hand-made and merged files are), as tlx CSV (README "Importing", one row per
//! source) and as the JSON of `tlx export -f json`. The same spec always gives the same bytes.
//!
//! Every event is made from its chronological rank alone, so a 1M-event file streams out with
//! only the dates and the file order (a few MB) in memory.

use std::collections::HashSet;
use std::io::{self, Write};

use serde::Serialize;
use tlx::model::date::{civil_from_days, days_from_civil};

/// The word that occurs in exactly one event, 99% of the way through the chronology.
pub const NEEDLE: &str = "quillwort";

/// How many events, and the seed that fixes everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Number of events.
    pub events: usize,
    /// Seed of the pseudo-random choices.
    pub seed: u64,
}

/// A spec laid out: every event's date and where it sits in the file.
pub struct Plan {
    spec: Spec,
    /// Date of each event by chronological rank, packed as `year * 10_000 + month * 100 + day`
    /// with 0 for an unwritten month or day, so integer order is tlx's order (coarser first).
    dates: Vec<u32>,
    /// Chronological ranks in file order.
    file_order: Vec<u32>,
}

/// What a benchmark needs to recognise on screen.
#[derive(Debug, Clone)]
pub struct Facts {
    /// Number of events.
    pub events: usize,
    /// Title of the chronologically last event (dated after all others).
    pub last_title: String,
    /// Id of the only event holding [`NEEDLE`].
    pub needle_id: String,
    /// Id of the first event in the file (the first CSV row).
    pub first_in_file: String,
    /// Id of the last event in the file (on the last CSV rows).
    pub last_in_file: String,
}

/// One generated event, with keys named and ordered as `tlx export -f json` writes them.
#[derive(Debug, Serialize)]
struct Event {
    id: String,
    date: String,
    title: String,
    summary: String,
    tags: Vec<&'static str>,
    sources: Vec<Source>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    denials: Vec<Denial>,
    status: &'static str,
}

#[derive(Debug, Serialize)]
struct Source {
    outlet: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    citing: Option<&'static str>,
    date: String,
    quote: String,
    url: String,
}

#[derive(Debug, Serialize)]
struct Denial {
    by: &'static str,
    date: String,
    quote: String,
}

/// The CSV columns written, a subset of the importer's (README "CSV").
const CSV_HEADER: [&str; 13] = [
    "id",
    "date",
    "title",
    "summary",
    "tags",
    "outlet",
    "citing",
    "source_date",
    "quote",
    "url",
    "denied_by",
    "denial_date",
    "denial_quote",
];

const FIRST_YEAR: i64 = 1950;
const LAST_YEAR: i64 = 2024;

impl Plan {
    /// Draws the dates and the file order.
    pub fn new(spec: Spec) -> Plan {
        let n = spec.events;
        let mut rng = Rng::new(spec.seed);
        let first = days_from_civil(FIRST_YEAR, 1, 1);
        // The last day is kept for the last event alone, so "the last event" is unambiguous.
        let last = days_from_civil(LAST_YEAR, 12, 31);
        let mut dates: Vec<u32> = (1..n)
            .map(|_| {
                let (y, m, d) = civil_from_days(first + rng.below((last - first) as usize) as i64);
                let packed = y as u32 * 10_000;
                match rng.below(100) {
                    0..60 => packed + u32::from(m) * 100 + u32::from(d),
                    60..85 => packed + u32::from(m) * 100,
                    _ => packed,
                }
            })
            .collect();
        dates.sort_unstable();
        if n > 0 {
            dates.push(LAST_YEAR as u32 * 10_000 + 1231);
        }
        let mut position: Vec<u32> = (0..n as u32).collect();
        for i in (1..n).rev() {
            position.swap(i, rng.below(i + 1));
        }
        // tlx breaks ties of equal dates by file order; handing the positions of each run of equal
        // dates out in rank order makes tlx's chronology exactly the rank (and id) order.
        let mut start = 0;
        while start < n {
            let end = start + dates[start..].iter().take_while(|&&d| d == dates[start]).count();
            position[start..end].sort_unstable();
            start = end;
        }
        let mut file_order = vec![0; n];
        for (rank, &pos) in position.iter().enumerate() {
            file_order[pos as usize] = rank as u32;
        }
        Plan {
            spec,
            dates,
            file_order,
        }
    }

    /// The events a benchmark looks for on screen.
    pub fn facts(&self) -> Facts {
        let n = self.spec.events;
        let needle = self.event(self.needle_rank());
        let id = |rank: Option<&u32>| rank.map_or_else(String::new, |&r| self.event(r as usize).id);
        Facts {
            events: n,
            last_title: n.checked_sub(1).map_or_else(String::new, |r| self.event(r).title),
            needle_id: needle.id,
            first_in_file: id(self.file_order.first()),
            last_in_file: id(self.file_order.last()),
        }
    }

    /// Writes the timeline as tlx TOML, events in file order.
    pub fn write_toml(&self, w: &mut impl Write) -> io::Result<()> {
        writeln!(w, "[timeline]\ntitle = {}", quoted(&self.title()))?;
        writeln!(w, "description = {}", quoted(DESCRIPTION))?;
        for e in self.events_in_file_order() {
            write!(w, "\n[[events]]\nid = {}\ndate = {}\n", quoted(&e.id), quoted(&e.date))?;
            write!(
                w,
                "title = {}\nsummary = {}\ntags = [",
                quoted(&e.title),
                quoted(&e.summary)
            )?;
            for (i, tag) in e.tags.iter().enumerate() {
                write!(w, "{}{}", if i == 0 { "" } else { ", " }, quoted(tag))?;
            }
            writeln!(w, "]")?;
            for s in &e.sources {
                write!(w, "\n  [[events.sources]]\n  outlet = {}\n", quoted(s.outlet))?;
                if let Some(citing) = s.citing {
                    writeln!(w, "  citing = {}", quoted(citing))?;
                }
                write!(w, "  date = {}\n  quote = {}\n", quoted(&s.date), quoted(&s.quote))?;
                writeln!(w, "  url = {}", quoted(&s.url))?;
            }
            for d in &e.denials {
                write!(
                    w,
                    "\n  [[events.denials]]\n  by = {}\n  date = {}\n",
                    quoted(d.by),
                    quoted(&d.date)
                )?;
                writeln!(w, "  quote = {}", quoted(&d.quote))?;
            }
        }
        Ok(())
    }

    /// Writes the timeline as tlx CSV: one row per source, the event's own fields on its first
    /// row, a denial beside a source (or alone on a further row).
    pub fn write_csv(&self, w: &mut impl Write) -> io::Result<()> {
        let mut csv = csv::Writer::from_writer(w);
        csv.write_record(CSV_HEADER)?;
        for e in self.events_in_file_order() {
            let tags = e.tags.join(";");
            for row in 0..e.sources.len().max(e.denials.len()) {
                let first = row == 0;
                let own = |text: &str| if first { text.to_string() } else { String::new() };
                let mut record = vec![e.id.clone(), own(&e.date), own(&e.title), own(&e.summary), own(&tags)];
                match e.sources.get(row) {
                    Some(s) => record.extend([
                        s.outlet.to_string(),
                        s.citing.unwrap_or_default().to_string(),
                        s.date.clone(),
                        s.quote.clone(),
                        s.url.clone(),
                    ]),
                    None => record.extend(std::iter::repeat_n(String::new(), 5)),
                }
                match e.denials.get(row) {
                    Some(d) => record.extend([d.by.to_string(), d.date.clone(), d.quote.clone()]),
                    None => record.extend(std::iter::repeat_n(String::new(), 3)),
                }
                csv.write_record(&record)?;
            }
        }
        csv.flush()
    }

    /// Writes the timeline with the keys and structure of `tlx export -f json` (each event with
    /// its status), one event per line.
    pub fn write_json(&self, w: &mut impl Write) -> io::Result<()> {
        write!(
            w,
            "{{\"format\":\"tlx timeline\",\"format_version\":1,\"timeline\":{{\"title\":{},\"description\":{}}},\"events\":[",
            quoted(&self.title()),
            quoted(DESCRIPTION)
        )?;
        for (i, e) in self.events_in_file_order().enumerate() {
            w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *w, &e)?;
        }
        w.write_all(b"\n]}\n")
    }

    fn title(&self) -> String {
        format!(
            "Synthetic timeline: {} events (seed {})",
            self.spec.events, self.spec.seed
        )
    }

    fn needle_rank(&self) -> usize {
        // Never the last event, which benchmarks recognise by its title.
        (self.spec.events * 99 / 100).min(self.spec.events.saturating_sub(2))
    }

    fn events_in_file_order(&self) -> impl Iterator<Item = Event> + '_ {
        self.file_order.iter().map(|&rank| self.event(rank as usize))
    }

    /// The event of a chronological rank, drawn from the seed and the rank alone.
    fn event(&self, rank: usize) -> Event {
        let mut rng = Rng::new(self.spec.seed ^ (rank as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let packed = self.dates[rank];
        let (year, month, day) = (i64::from(packed / 10_000), packed / 100 % 100, packed % 100);
        let date = match (month, day) {
            (0, _) => format!("{year:04}"),
            (m, 0) => format!("{year:04}-{m:02}"),
            (m, d) => format!("{year:04}-{m:02}-{d:02}"),
        };
        let start = days_from_civil(year, month.max(1) as u8, day.max(1) as u8);
        let needle = rank == self.needle_rank();
        let place = rng.pick(PLACES);
        let object = rng.pick(OBJECTS);
        let mut title = format!("{place}: {} {} {object}", rng.pick(SUBJECTS), rng.pick(VERBS));
        let mut summary = format!(
            "{} in {place} {} {object} {}.",
            capitalised(rng.pick(SUBJECTS)),
            rng.pick(VERBS),
            rng.pick(CONTEXTS)
        );
        if needle {
            title.push_str(&format!(" ({NEEDLE} file)"));
            summary.push_str(&format!(" The {NEEDLE} file was cited for the first time."));
        }
        while summary.len() < 180 {
            summary.push(' ');
            summary.push_str(rng.pick(DETAILS));
        }
        let mut tags: Vec<&'static str> = Vec::new();
        for _ in 0..1 + rng.below(4) {
            let tag = rng.pick(TAGS);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let slug = format!("{}-{}", slug(place), rng.pick(SLUG_WORDS));
        let sources: Vec<Source> = (0..1 + rng.below(4))
            .map(|k| {
                let (outlet, host) = rng.pick(OUTLETS);
                let (y, m, d) = civil_from_days(start + rng.below(45) as i64);
                Source {
                    outlet,
                    citing: (rng.below(100) < 30).then(|| rng.pick(CITING)),
                    date: format!("{y:04}-{m:02}-{d:02}"),
                    quote: format!("{outlet} {} {}.", rng.pick(CLAIM_VERBS), rng.pick(CLAIMS)),
                    url: format!("https://www.{host}/{y:04}/{m:02}/{slug}-{}-{}", rank + 1, k + 1),
                }
            })
            .collect();
        // About 6% of events are denied, a few of them twice.
        let denied = match rng.below(1000) {
            0..52 => 1,
            52..60 => 2,
            _ => 0,
        };
        let denials: Vec<Denial> = (0..denied)
            .map(|_| {
                let (y, m, d) = civil_from_days(start + 1 + rng.below(60) as i64);
                let by = rng.pick(DENIERS);
                Denial {
                    by,
                    date: format!("{y:04}-{m:02}-{d:02}"),
                    quote: format!("{by} {}", rng.pick(DENIAL_WORDS)),
                }
            })
            .collect();
        let status = status(&sources, &denials);
        Event {
            id: format!("ev-{:07}", rank + 1),
            date,
            title,
            summary,
            tags,
            sources,
            denials,
            status,
        }
    }
}

/// The evidence status by README's rule: independent origins are distinct (outlet, citing) pairs.
fn status(sources: &[Source], denials: &[Denial]) -> &'static str {
    let origins: HashSet<(&str, &str)> = sources.iter().map(|s| (s.outlet, s.citing.unwrap_or(""))).collect();
    match (origins.len(), denials.len()) {
        (0, 0) => "unsourced",
        (0, _) => "denied",
        (_, 1..) => "contested",
        (1, _) => "single-source",
        _ => "corroborated",
    }
}

/// A basic string literal, valid as JSON and as TOML (JSON's escapes are a subset of TOML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serialises")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// "São Paulo" -> "sao-paulo", for URLs.
fn slug(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'ã' | 'à' => 'a',
            'é' | 'è' => 'e',
            'í' => 'i',
            'ó' | 'ø' => 'o',
            'ü' | 'ú' => 'u',
            'ł' => 'l',
            ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// xorshift64* seeded through splitmix64: fast, deterministic everywhere, no dependency. Its
/// quality is ample for picking words.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in 0..n (n > 0); the modulo bias is negligible for these small n.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const DESCRIPTION: &str = "Generated for tlx's benchmarks: invented events, outlets and quotes.";

const PLACES: &[&str] = &[
    "Tampere",
    "Valparaíso",
    "Gdańsk",
    "Bergen",
    "São Paulo",
    "Mérida",
    "Lyon",
    "Trieste",
    "Kraków",
    "Dunedin",
    "Århus",
    "Cork",
    "Brno",
    "Porto",
    "Tartu",
    "Kyoto",
    "Hobart",
    "Córdoba",
    "Ghent",
    "Tromsø",
    "Plzeň",
    "Basel",
    "Limassol",
    "Zadar",
];

const SUBJECTS: &[&str] = &[
    "the harbour board",
    "a regional court",
    "the transport ministry",
    "dock workers",
    "the city council",
    "a group of auditors",
    "the grain cooperative",
    "the state broadcaster",
    "opposition deputies",
    "the water authority",
    "a shipping consortium",
    "the central statistics office",
    "provincial governors",
    "the customs service",
    "hospital trustees",
    "the mining union",
];

const VERBS: &[&str] = &[
    "approved",
    "blocked",
    "delayed",
    "reopened",
    "audited",
    "renegotiated",
    "disputed",
    "quietly amended",
    "announced",
    "withdrew from",
    "launched a review of",
    "signed",
];

const OBJECTS: &[&str] = &[
    "the ferry subsidy",
    "a bridge tender",
    "the fishing quota",
    "the new rail link",
    "a cross-border power line",
    "the census figures",
    "a dredging contract",
    "the airport lease",
    "an emergency loan",
    "the coastal defence plan",
    "a pension reform",
    "the copper concession",
    "the broadcasting licence",
    "a housing programme",
];

const CONTEXTS: &[&str] = &[
    "after months of talks",
    "despite objections from the port",
    "amid a dispute over costs",
    "ahead of local elections",
    "following a critical audit",
    "under pressure from lenders",
    "after a late-night session",
    "as a strike entered its second week",
];

const DETAILS: &[&str] = &[
    "Officials promised a review within a year.",
    "Critics said the figures were understated.",
    "The decision surprised foreign observers.",
    "Minutes released later showed a split vote.",
    "Several members declined to comment.",
    "Independent estimates put the cost far higher.",
    "Protesters gathered outside the building.",
    "A spokesperson promised details the next week.",
];

const TAGS: &[&str] = &[
    "ports",
    "rail",
    "energy",
    "budget",
    "courts",
    "labour",
    "elections",
    "fisheries",
    "housing",
    "health",
    "media",
    "mining",
    "audit",
    "transport",
    "pensions",
    "trade",
];

const SLUG_WORDS: &[&str] = &["vote", "deal", "probe", "talks", "tender", "ruling", "review", "budget"];

const OUTLETS: &[(&str, &str)] = &[
    ("The Coastal Ledger", "coastal-ledger.example"),
    ("Morning Courier", "morning-courier.example"),
    ("Le Petit Observateur", "petit-observateur.example"),
    ("Die Abendzeitung", "abendzeitung.example"),
    ("Harbour Radio", "harbour-radio.example"),
    ("Continental Wire", "continental-wire.example"),
    ("The Provincial Times", "provincial-times.example"),
    ("Gazeta Północna", "gazeta-polnocna.example"),
    ("Business Daily", "business-daily.example"),
    ("O Diário do Sul", "diario-do-sul.example"),
];

const CITING: &[&str] = &[
    "officials who asked not to be named",
    "a leaked memo",
    "union sources",
    "court filings",
    "two council members",
];

const CLAIM_VERBS: &[&str] = &["reported that", "said that", "was told that", "confirmed that"];

const CLAIMS: &[&str] = &[
    "the vote had been brought forward",
    "the contract went to the only bidder",
    "costs had doubled since the spring",
    "two officials had resigned over the plan",
    "the deadline would be missed",
    "foreign lenders had set conditions",
    "inspectors found serious defects",
];

const DENIERS: &[&str] = &[
    "The ministry",
    "A government spokesperson",
    "The company's board",
    "The mayor's office",
    "The port authority",
];

const DENIAL_WORDS: &[&str] = &[
    "called the report baseless.",
    "said the figures were taken out of context.",
    "denied any wrongdoing.",
    "said no such meeting took place.",
];
