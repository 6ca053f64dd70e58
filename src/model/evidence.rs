//! What was known of an event at a given date: the sources and denials public by then, and the
//! status they gave it. With no knowledge date, everything counts.
//!
//! tlx hides only what it can show was not yet public: an undated source or denial (with no
//! dated reference either) always counts, and so does an event with no sources or denials at all.
//!
//! A date taken from the reference a source was read in only bounds when it became public: the
//! 2007 ban, read in a 2015 article, was public long before the article. So an event whose
//! earliest evidence is such a date is shown, from its own date on, as "known by DATE at the
//! latest" ([`Evidence::known_by`]) rather than hidden, unless the knowledge date is strict.

use std::ptr::NonNull;

use super::claims::{ClaimEvidence, summary};
use super::date::{DAY, Date, Point, Precision, civil_from_days, days_from_civil};
use super::event::Event;
use super::origins::{origins_among, with_groups};
use super::seldom::Fields;
use super::status::{Status, status_of};
use super::timeline::Timeline;

/// A knowledge date: only what was public by the end of this date counts. Strict, an event known
/// only by its reference's date is hidden until then instead of shown as known by then at the latest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    date: Date,
    strict: bool,
}

/// The step of `[` and `]` through knowledge dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// One day.
    Day,
    /// One month.
    Month,
    /// One year.
    Year,
}

impl Step {
    /// The step that keeps a date of this precision as precise: a day, a month or a year (a
    /// decade or century steps by years, a clock time by days).
    pub fn keeping(precision: Precision) -> Step {
        match precision {
            Precision::Century | Precision::Decade | Precision::Year => Step::Year,
            Precision::Month => Step::Month,
            Precision::Day | Precision::Time => Step::Day,
        }
    }
}

impl AsOf {
    /// The knowledge date `date` (its end is the cut-off: "2015-07" means by 31 July), not strict.
    pub fn new(date: Date) -> AsOf {
        AsOf { date, strict: false }
    }

    /// The same date, strict or not.
    pub fn strict(self, strict: bool) -> AsOf {
        AsOf { strict, ..self }
    }

    /// True when an event known only by its reference's date is hidden until then.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// The date as given.
    pub fn date(&self) -> &Date {
        &self.date
    }

    /// The first instant after the knowledge date: what is dated to begin earlier could have been
    /// public by then.
    pub fn cutoff(&self) -> i64 {
        self.date.latest()
    }

    /// The knowledge date one period of its own precision later (or earlier when `n` is
    /// negative): a day stays a day, a month a month, a year a year; a clock time moves by days.
    pub fn step_kept(&self, n: i64) -> AsOf {
        let p = self.date.start_point();
        let step = Step::keeping(p.precision());
        // A decade or century steps by years from its first: "201X" is read as 2010.
        let p = Point { unspecified: 0, ..p };
        self.with(Date::from_point(shift(p, step, n)))
    }

    fn with(&self, date: Date) -> AsOf {
        AsOf { date, ..self.clone() }
    }

    /// The knowledge date `n` steps of `step` later (or earlier when negative): a day, month or
    /// year, counted from the period that holds the current cut-off.
    pub fn step(&self, step: Step, n: i64) -> AsOf {
        let (year, month, day) = civil_from_days((self.cutoff() - 1).div_euclid(DAY));
        let here = truncate(year, month, day, step);
        // When the cut-off falls inside `here`, moving to `here` itself is the first step forward.
        let n = if n > 0 && here.latest() > self.cutoff() {
            n - 1
        } else {
            n
        };
        self.with(Date::from_point(shift(here, step, n)))
    }
}

/// The period of a step's length that contains a day.
fn truncate(year: i64, month: u8, day: u8, step: Step) -> Point {
    Point {
        month: (step != Step::Year).then_some(month),
        day: (step == Step::Day).then_some(day),
        ..Point::of_year(year)
    }
}

fn shift(p: Point, step: Step, n: i64) -> Point {
    match step {
        Step::Day => {
            let days = days_from_civil(p.year, p.month.unwrap_or(1), p.day.unwrap_or(1)) + n;
            let (year, month, day) = civil_from_days(days);
            Point {
                year,
                month: Some(month),
                day: Some(day),
                ..p
            }
        }
        Step::Month => {
            let months = p.year * 12 + i64::from(p.month.unwrap_or(1)) - 1 + n;
            Point {
                year: months.div_euclid(12),
                month: Some(months.rem_euclid(12) as u8 + 1),
                ..p
            }
        }
        Step::Year => Point { year: p.year + n, ..p },
    }
}

/// When a source or denial became public, and how tlx knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Public<'a> {
    /// On its own date.
    Said(&'a Date),
    /// By the publication date of the reference it was read in, at the latest.
    ByReference(&'a Date),
    /// Neither is dated: it counts from the start.
    Undated,
}

impl<'a> Public<'a> {
    fn of(t: &'a Timeline, date: Option<&'a Date>, via: Option<&str>) -> Public<'a> {
        match (date, published(t, via)) {
            (Some(d), _) => Public::Said(d),
            (None, Some(d)) => Public::ByReference(d),
            (None, None) => Public::Undated,
        }
    }

    /// The date, own or the reference's.
    pub fn date(self) -> Option<&'a Date> {
        match self {
            Public::Said(d) | Public::ByReference(d) => Some(d),
            Public::Undated => None,
        }
    }
}

/// When `item` of `e` became public.
pub fn public<'a>(t: &'a Timeline, e: &'a Event, item: Item) -> Public<'a> {
    match item {
        Item::Source(i) => Public::of(t, e.sources[i].date.as_ref(), e.sources[i].more().via.as_deref()),
        Item::Denial(i) => Public::of(t, e.denials[i].date.as_ref(), e.denials[i].via.as_deref()),
    }
}

/// Every source then every denial of `e`.
pub fn all_items(e: &Event) -> impl Iterator<Item = Item> {
    let sources = (0..e.sources.len()).map(Item::Source);
    sources.chain((0..e.denials.len()).map(Item::Denial))
}

/// The date of the reference that first makes `e` known, when its earliest evidence is dated only
/// by the references it was read in (no source or denial of its own is dated as early, none is
/// undated): `e` was known by then at the latest, and may have been long before.
pub fn known_by_reference<'a>(t: &'a Timeline, e: &'a Event) -> Option<&'a Date> {
    let mut own: Option<i64> = None;
    let mut reference: Option<&Date> = None;
    for item in all_items(e) {
        match public(t, e, item) {
            Public::Undated => return None,
            Public::Said(d) => own = Some(own.map_or(d.earliest(), |o| o.min(d.earliest()))),
            Public::ByReference(d) => {
                if reference.is_none_or(|r| d.earliest() < r.earliest()) {
                    reference = Some(d);
                }
            }
        }
    }
    reference.filter(|r| own.is_none_or(|o| r.earliest() < o))
}

/// The publication date of the reference `via` names, when it gives one.
pub fn published<'a>(t: &'a Timeline, via: Option<&str>) -> Option<&'a Date> {
    t.references.get(via?)?.published.as_ref()
}

/// One source or denial of an event, by its index in the event's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// `event.sources[i]`
    Source(usize),
    /// `event.denials[i]`
    Denial(usize),
}

/// One entry of an event's detail, in the order of [`Evidence::entries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// `event.claims[i]`, opened to show what each source and denial says of it.
    Claim(usize),
    /// A source or denial.
    Said(Item),
}

/// The claims a source or denial names (none: it is about the whole event).
pub fn named(e: &Event, item: Item) -> &[String] {
    match item {
        Item::Source(i) => &e.sources[i].more().claims,
        Item::Denial(i) => &e.denials[i].claims,
    }
}

/// Some of an event's sources, or some of its denials, by index: a set that iterates in
/// increasing order, as an [`Evidence`] holds it. All of them is the usual case (no knowledge
/// date, or everything public by then), and none the next: both are held as a count, since the
/// explorer holds an evidence per event of a million.
#[derive(Clone, Copy)]
pub struct Indices<'a>(Chosen<'a>);

#[derive(Clone, Copy)]
enum Chosen<'a> {
    /// The first `n`: all of the event's, none, or the first so many.
    All(u32),
    /// These, in increasing order: some not among the first so many.
    Listed(&'a [u32]),
}

/// An index as stored. A source or denial takes well over a hundred bytes in memory, so no event
/// loaded can hold 2^32 of them.
fn narrow(i: usize) -> u32 {
    u32::try_from(i).expect("an event holds fewer than 2^32 sources or denials")
}

/// Some of an event's sources or denials as an evidence holds them: the first so many (all of
/// them, or none: the usual cases) as a count alone, else a list.
#[derive(Debug, PartialEq)]
struct Kept {
    first: u32,
    listed: Option<Box<[u32]>>,
}

impl Kept {
    fn indices(&self) -> Indices<'_> {
        Indices::of(self.first, self.listed.as_deref())
    }
}

/// Those of the first `n` that `keep` keeps.
fn chosen(n: usize, mut keep: impl FnMut(usize) -> bool) -> Kept {
    // Nothing is listed until an index is kept after one left out.
    let out = (0..n).find(|&i| !keep(i)).unwrap_or(n);
    let mut later = (out + 1..n).filter(|&i| keep(i)).peekable();
    let listed = later
        .peek()
        .is_some()
        .then(|| (0..out).chain(later).map(narrow).collect());
    Kept {
        first: if listed.is_some() { 0 } else { narrow(out) },
        listed,
    }
}

impl Indices<'static> {
    /// All of the first `n`.
    pub fn all(n: usize) -> Indices<'static> {
        Indices(Chosen::All(narrow(n)))
    }
}

impl<'a> Indices<'a> {
    /// Of `n` in all, those `listed` (in increasing order), or all when `None`.
    fn of(n: u32, listed: Option<&'a [u32]>) -> Indices<'a> {
        Indices(listed.map_or(Chosen::All(n), Chosen::Listed))
    }

    /// The indices, in increasing order.
    pub fn iter(self) -> impl Iterator<Item = usize> + Clone + 'a {
        let (all, listed): (u32, &[u32]) = match self.0 {
            Chosen::All(n) => (n, &[]),
            Chosen::Listed(listed) => (0, listed),
        };
        (0..all).chain(listed.iter().copied()).map(|i| i as usize)
    }

    /// How many there are.
    pub fn len(self) -> usize {
        match self.0 {
            Chosen::All(n) => n as usize,
            Chosen::Listed(chosen) => chosen.len(),
        }
    }

    /// True when there are none.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// True when `i` is one of them.
    pub fn contains(self, i: usize) -> bool {
        match self.0 {
            Chosen::All(n) => i < n as usize,
            Chosen::Listed(chosen) => u32::try_from(i).is_ok_and(|i| chosen.binary_search(&i).is_ok()),
        }
    }
}

/// The same indices, however they are held.
impl PartialEq for Indices<'_> {
    fn eq(&self, other: &Indices<'_>) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Indices<'_> {}

impl std::fmt::Debug for Indices<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// An event's evidence as of a knowledge date, in one word: the explorer holds one per event,
/// and a new knowledge date a second while the first is shown. Its status, whether it is known
/// and its [`Counts`] are packed in the word when each count fits in 16 bits and the event needs
/// none of [`More`] (nearly every event); else the word is a box of them all ([`Whole`]).
pub struct Evidence {
    /// A packed evidence, with [`PACKED`] set and its parts at [`STATUS`], [`KNOWN`] and
    /// [`COUNTS`], or a `Box<Whole>`.
    word: NonNull<Whole>,
}

/// Independent origins among the known sources; how many of the event's sources and of its
/// denials are known, when they are the first so many (all of them, or none: the usual cases),
/// else [`More`] lists them.
type Counts = [u32; 3];

/// The low bit of a packed evidence's word; a box's address leaves it clear.
const PACKED: usize = 1;
/// Where a packed evidence's status, whether it is known, and its counts start in its word.
const STATUS: u32 = 1;
const KNOWN: u32 = 4;
const COUNTS: u32 = 16;

const _: () = assert!(align_of::<Whole>() > PACKED && Status::ALL.len() <= 1 << (KNOWN - STATUS));

/// An evidence that does not fit in a word.
#[derive(Clone)]
struct Whole {
    status: Status,
    known: bool,
    counts: Counts,
    more: More,
}

/// The parts of an [`Evidence`] that only a knowledge date or claims give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct More {
    /// The known sources, when they are not all of them.
    sources: Option<Box<[u32]>>,
    /// The known denials, when they are not all of them.
    denials: Option<Box<[u32]>>,
    /// Each claim's evidence, in the order of `event.claims`.
    claims: Vec<ClaimEvidence>,
    /// See [`Evidence::known_by`].
    known_by: Option<Date>,
}

/// An evidence with none of the parts few events need.
static NONE: More = More {
    sources: None,
    denials: None,
    claims: Vec::new(),
    known_by: None,
};

impl Fields for More {
    fn none() -> &'static More {
        &NONE
    }
}

// An evidence took 128 bytes and a list of every source's index at first, 64 with its lists and
// claims inline, 24 with its counts in 32 bits, 16 with the rest boxed; 8 now.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(size_of::<Evidence>() == 8);

// SAFETY: an `Evidence` is a packed word or a `Box<Whole>`, which is Send and Sync.
unsafe impl Send for Evidence {}
// SAFETY: as above.
unsafe impl Sync for Evidence {}

impl Evidence {
    fn new(status: Status, known: bool, counts: Counts, more: More) -> Evidence {
        let short = counts.map(|n| u16::try_from(n).ok());
        if let (true, [Some(origins), Some(sources), Some(denials)]) = (more.is_empty(), short) {
            let word = PACKED
                | status.index() << STATUS
                | usize::from(known) << KNOWN
                | usize::from(origins) << COUNTS
                | usize::from(sources) << (COUNTS + 16)
                | usize::from(denials) << (COUNTS + 32);
            let word = std::num::NonZero::new(word).expect("a packed evidence has its low bit set");
            return Evidence {
                word: NonNull::without_provenance(word),
            };
        }
        let whole = Whole {
            status,
            known,
            counts,
            more,
        };
        Evidence {
            word: NonNull::from(Box::leak(Box::new(whole))),
        }
    }

    /// The packed word, or the box.
    fn held(&self) -> Result<u64, &Whole> {
        match self.word.addr().get() & PACKED {
            PACKED => Ok(self.word.addr().get() as u64),
            // SAFETY: an unpacked evidence is a box of ours, alive while `self` is.
            _ => Err(unsafe { self.word.as_ref() }),
        }
    }

    /// The status they give the event: for an event with claims, the most disputed of theirs.
    pub fn status(&self) -> Status {
        match self.held() {
            Ok(word) => Status::ALL[(word >> STATUS & 0b111) as usize],
            Err(whole) => whole.status,
        }
    }

    /// False when every source and denial came out later: the event was not yet known.
    pub fn known(&self) -> bool {
        match self.held() {
            Ok(word) => word >> KNOWN & 1 == 1,
            Err(whole) => whole.known,
        }
    }

    fn counts(&self) -> Counts {
        match self.held() {
            Ok(word) => [0, 16, 32].map(|at| (word >> (COUNTS + at) & 0xffff) as u32),
            Err(whole) => whole.counts,
        }
    }

    fn more(&self) -> &More {
        self.held().map_or_else(|whole| &whole.more, |_| More::none())
    }

    /// The sources public by then.
    pub fn sources(&self) -> Indices<'_> {
        Indices::of(self.counts()[1], self.more().sources.as_deref())
    }

    /// The denials public by then.
    pub fn denials(&self) -> Indices<'_> {
        Indices::of(self.counts()[2], self.more().denials.as_deref())
    }

    /// Independent origins among the known sources.
    pub fn origins(&self) -> usize {
        self.counts()[0] as usize
    }

    /// Each claim's evidence among them, in the order of `event.claims`.
    pub fn claims(&self) -> &[ClaimEvidence] {
        &self.more().claims
    }

    /// Set when the event is shown only because it was known by this date at the latest: the
    /// date of the reference its earliest evidence was read in, after the knowledge date (and
    /// the event's own date before it). `sources` and `denials` then hold those dated by
    /// references, which may have been public already. Never set with a strict knowledge date.
    pub fn known_by(&self) -> Option<&Date> {
        self.more().known_by.as_ref()
    }

    /// The known sources, then the known denials.
    pub fn items(&self) -> impl Iterator<Item = Item> + '_ {
        let sources = self.sources().iter().map(Item::Source);
        sources.chain(self.denials().iter().map(Item::Denial))
    }

    /// True when some of the known sources repeat another's report: fewer origins than sources.
    pub fn has_repeats(&self) -> bool {
        self.origins() < self.sources().len()
    }

    /// The detail's entries. Without claims, the known sources then denials. With claims, the
    /// sources and denials about the whole event first, then each claim followed by those that
    /// name it: one naming several claims is under each, since each claim is read on its own.
    pub fn entries(&self, e: &Event) -> Vec<Entry> {
        if self.claims().is_empty() {
            return self.items().map(Entry::Said).collect();
        }
        let whole = self.items().filter(|&i| named(e, i).is_empty()).map(Entry::Said);
        let claims = self.claims().iter().flat_map(|c| {
            let id = &c.of(e).id;
            let own = self.items().filter(move |&i| named(e, i).contains(id));
            std::iter::once(Entry::Claim(c.claim)).chain(own.map(Entry::Said))
        });
        whole.chain(claims).collect()
    }

    /// The evidence for `e` as of `as_of` (everything when `None`).
    pub fn of(t: &Timeline, e: &Event, as_of: Option<&AsOf>) -> Evidence {
        Evidence::before(t, e, as_of.map(|a| (a.cutoff(), a.strict)))
    }

    /// The evidence for `e` from what was public before `cutoff` (everything when `None`), with
    /// events known only by a reference's date hidden when `strict`.
    pub fn before(t: &Timeline, e: &Event, cutoff: Option<(i64, bool)>) -> Evidence {
        // The cut-off once, not once per source (this runs for every event on each new date).
        // What is undated counts.
        let knows = |item: Item| cutoff.is_none_or(|(c, _)| public(t, e, item).date().is_none_or(|d| d.earliest() < c));
        let mut sources = chosen(e.sources.len(), |i| knows(Item::Source(i)));
        let mut denials = chosen(e.denials.len(), |i| knows(Item::Denial(i)));
        let has_items = !e.sources.is_empty() || !e.denials.is_empty();
        let mut known = !has_items || !sources.indices().is_empty() || !denials.indices().is_empty();
        let mut known_by = None;
        if let (false, Some((c, false))) = (known, cutoff)
            && e.date.earliest() < c
            && let Some(by) = known_by_reference(t, e)
        {
            let by_reference = |item: Item| matches!(public(t, e, item), Public::ByReference(_));
            sources = chosen(e.sources.len(), |i| by_reference(Item::Source(i)));
            denials = chosen(e.denials.len(), |i| by_reference(Item::Denial(i)));
            known = true;
            known_by = Some(by.clone());
        }
        let (known_sources, known_denials) = (sources.indices(), denials.indices());
        let (origins, claims) = with_groups(&e.sources, |groups| {
            let claims = ClaimEvidence::of_claims(e, groups, known_sources, known_denials);
            (origins_among(groups, known_sources.iter()), claims)
        });
        let status = summary(&claims).unwrap_or_else(|| status_of(origins, known_denials.len()));
        let counts = [narrow(origins), sources.first, denials.first];
        let more = More {
            sources: sources.listed,
            denials: denials.listed,
            claims: claims.into_vec(),
            known_by,
        };
        Evidence::new(status, known, counts, more)
    }
}

impl Drop for Evidence {
    fn drop(&mut self) {
        if self.held().is_err() {
            // SAFETY: an unpacked evidence is a box made by `Evidence::new`, freed once, here.
            drop(unsafe { Box::from_raw(self.word.as_ptr()) });
        }
    }
}

impl Clone for Evidence {
    fn clone(&self) -> Evidence {
        match self.held() {
            Ok(_) => Evidence { word: self.word },
            Err(whole) => Evidence {
                word: NonNull::from(Box::leak(Box::new(whole.clone()))),
            },
        }
    }
}

// By what they hold, however it is held.
impl PartialEq for Evidence {
    fn eq(&self, other: &Evidence) -> bool {
        let parts = |e: &Evidence| (e.status(), e.known(), e.counts());
        parts(self) == parts(other) && self.more() == other.more()
    }
}

impl Eq for Evidence {}

impl std::fmt::Debug for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Evidence")
            .field("status", &self.status())
            .field("known", &self.known())
            .field("counts", &self.counts())
            .field("more", self.more())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, Options};
    use crate::model::Attribution;
    use crate::model::{Denial, Name, Source, SourceFields};

    fn bundled() -> Timeline {
        Document::bundled().load(Options::default()).timeline
    }

    fn as_of(text: &str) -> AsOf {
        AsOf::new(Date::parse(text).unwrap())
    }

    #[test]
    fn the_moscow_visit_was_unknown_on_25_july_and_contested_on_8_august() {
        let t = bundled();
        let visit = t.event("moscow-visit").unwrap();
        let before = Evidence::of(&t, visit, Some(&as_of("2015-07-25")));
        assert!(!before.known());
        assert!(before.sources().is_empty() && before.denials().is_empty());
        let after = Evidence::of(&t, visit, Some(&as_of("2015-08-08")));
        assert!(after.known());
        assert_eq!(after.status(), Status::Contested);
        assert_eq!(after, Evidence::of(&t, visit, None));
    }

    #[test]
    fn status_is_recomputed_from_what_was_public() {
        let mut t = Timeline::default();
        let date = |s: &str| Some(Date::parse(s).unwrap());
        t.events.push(Event {
            sources: [
                Source {
                    said: Attribution::new("Fox".into(), None).into(),
                    date: date("2015-08-06"),
                    ..Source::default()
                },
                Source {
                    said: Attribution::new("Reuters".into(), None).into(),
                    date: date("2015-08-07"),
                    ..Source::default()
                },
                Source::from(SourceFields {
                    outlet: "Undated".into(),
                    derived_from: Some("Fox".into()),
                    ..SourceFields::default()
                }),
            ]
            .into(),
            denials: vec![Denial {
                by: "Kremlin".into(),
                date: date("2015-08-10"),
                ..Denial::default()
            }]
            .into(),
            ..Event::new("e", Date::parse("2015-07-24").unwrap(), "t")
        });
        let e = &t.events[0];
        let status = |d: &str| Evidence::of(&t, e, Some(&as_of(d))).status();
        // The undated source counts from the start, and repeats Fox: one origin.
        assert_eq!(status("2015-01-01"), Status::SingleSource);
        assert_eq!(status("2015-08-06"), Status::SingleSource);
        assert_eq!(status("2015-08-07"), Status::Corroborated);
        assert_eq!(status("2015-08-10"), Status::Contested);
        // A month as knowledge date means its end.
        assert_eq!(status("2015-08"), Status::Contested);
        assert_eq!(status("2015-07"), Status::SingleSource);
    }

    /// Counts that do not fit the 16 bits an evidence keeps them in are kept whole.
    #[test]
    fn counts_beyond_sixteen_bits_are_kept_whole() {
        const MANY: usize = 70_000;
        let mut t = Timeline::default();
        let date = |s: &str| Some(Date::parse(s).unwrap());
        // Every outlet its own origin; the second half public only in 2016.
        let sources = (0..2 * MANY).map(|i| Source {
            said: Attribution::new(format!("Outlet {i}").into(), None).into(),
            date: if i < MANY {
                date("2015-08-06")
            } else {
                date("2016-01-01")
            },
            ..Source::default()
        });
        let denials = (0..MANY).map(|i| Denial {
            by: format!("Office {i}").into(),
            date: date("2015-08-10"),
            ..Denial::default()
        });
        t.events.push(Event {
            sources: sources.collect(),
            denials: denials.collect(),
            ..Event::new("e", Date::parse("2015-07-24").unwrap(), "t")
        });
        let e = &t.events[0];
        let counted = |as_of: Option<&AsOf>| {
            let ev = Evidence::of(&t, e, as_of);
            (ev.origins(), ev.sources().len(), ev.denials().len(), ev.status())
        };
        assert_eq!(counted(None), (2 * MANY, 2 * MANY, MANY, Status::Contested));
        let by_2015 = as_of("2015-12-31");
        assert_eq!(counted(Some(&by_2015)), (MANY, MANY, MANY, Status::Contested));
        let before_denials = as_of("2015-08-09");
        assert_eq!(counted(Some(&before_denials)), (MANY, MANY, 0, Status::Corroborated));
        assert!(Evidence::of(&t, e, None).held().is_err(), "boxed whole");
        // A few of each, where they fit, are packed in the word with the status and whether the
        // event is known, and read back the same, unless the event needs more (claims).
        let bundled = bundled();
        let visit = Evidence::of(&bundled, bundled.event("moscow-visit").unwrap(), None);
        assert!(visit.held().is_err(), "an event with claims is boxed");
        assert_eq!(
            (visit.origins(), visit.sources().len(), visit.denials().len()),
            (4, 7, 2)
        );
        let mut few = t.events[0].clone();
        few.sources = few.sources[..3].iter().cloned().collect();
        few.denials.truncate(1);
        let packed = |as_of: Option<&AsOf>| {
            let ev = Evidence::of(&t, &few, as_of);
            assert!(ev.held().is_ok(), "packed in a word");
            assert_eq!(ev.clone(), ev);
            (
                ev.origins(),
                ev.sources().len(),
                ev.denials().len(),
                ev.status(),
                ev.known(),
            )
        };
        assert_eq!(packed(None), (3, 3, 1, Status::Contested, true));
        assert_eq!(packed(Some(&before_denials)), (3, 3, 0, Status::Corroborated, true));
        let before_all = as_of("2015-08-01");
        assert_eq!(packed(Some(&before_all)), (0, 0, 0, Status::Unsourced, false));
    }

    #[test]
    fn undated_sources_fall_back_to_their_reference() {
        let t = bundled();
        let designation = t.event("us-designation-2007").unwrap();
        // Its only source has no date of its own; the TOI article is dated 2015-08-07?.
        let strict = |d: &str| Evidence::of(&t, designation, Some(&as_of(d).strict(true)));
        assert!(!strict("2015-08-06").known());
        assert!(strict("2015-08-07").known() && strict("2015-08-07").known_by().is_none());
    }

    #[test]
    fn an_event_dated_only_by_its_reference_is_known_by_then_at_the_latest_unless_strict() {
        let t = bundled();
        let ban = t.event("un-travel-ban-2007").unwrap();
        let lenient = |d: &str| Evidence::of(&t, ban, Some(&as_of(d)));
        // Before its own date it had not happened: hidden either way.
        assert!(!lenient("2006").known());
        let marked = lenient("2010");
        assert!(marked.known());
        assert_eq!(
            marked.known_by().map(|d| d.text().to_string()).as_deref(),
            Some("2015-08-07?")
        );
        // Shown with the two articles that date it, which may have been public already.
        assert_eq!((marked.sources().len(), marked.status()), (2, Status::Corroborated));
        assert!(!Evidence::of(&t, ban, Some(&as_of("2010").strict(true))).known());
        let public = lenient("2015-08-07");
        assert!(public.known() && public.known_by().is_none());
        // The visit's earliest evidence, Reuters on 7 August, is dated by the source itself:
        // nothing marks it known earlier.
        let visit = t.event("moscow-visit").unwrap();
        assert!(!Evidence::of(&t, visit, Some(&as_of("2015-08-06"))).known());
        assert_eq!(known_by_reference(&t, visit), None);
    }

    #[test]
    fn steps_move_by_the_unit_from_the_cut_off() {
        let step = |from: &str, s: Step, n: i64| as_of(from).step(s, n).date().text().to_string();
        assert_eq!(step("2015-07-31", Step::Day, 1), "2015-08-01");
        assert_eq!(step("2015-03-01", Step::Day, -1), "2015-02-28");
        assert_eq!(step("2015-07-25", Step::Month, 1), "2015-07");
        assert_eq!(step("2015-07-25", Step::Month, -1), "2015-06");
        assert_eq!(step("2015-12", Step::Month, 1), "2016-01");
        assert_eq!(step("2015-01", Step::Month, -1), "2014-12");
        assert_eq!(step("2015-07-25", Step::Year, 1), "2015");
        assert_eq!(step("2015", Step::Year, 2), "2017");
        assert_eq!(step("0001", Step::Year, -2), "-0001");
        assert_eq!(step("2015", Step::Day, 1), "2016-01-01");
        assert_eq!(step("2015", Step::Day, -1), "2015-12-30");
        assert_eq!(step("2015-08-07T10:00:00Z", Step::Day, 1), "2015-08-07");
    }

    #[test]
    fn kept_steps_move_by_the_date_s_own_precision() {
        let kept = |from: &str, n: i64| as_of(from).step_kept(n).date().text().to_string();
        assert_eq!(kept("2015-07-25", 1), "2015-07-26");
        assert_eq!(kept("2015-07-31", 1), "2015-08-01");
        assert_eq!(kept("2015-03-01", -1), "2015-02-28");
        assert_eq!(kept("2015-07", 1), "2015-08");
        assert_eq!(kept("2015-01", -1), "2014-12");
        assert_eq!(kept("2015", 1), "2016");
        assert_eq!(kept("201X", 1), "2011");
        assert_eq!(kept("2015-08-07T10:00:00Z", 1), "2015-08-08T10:00:00Z");
        assert!(as_of("2015").strict(true).step_kept(1).is_strict());
    }

    #[test]
    fn indices_are_the_same_set_however_held() {
        let those = |n: usize, keep: fn(usize) -> bool| chosen(n, keep);
        let all = Indices::all(3);
        // All of them, none, or the first so many are held as a count alone.
        let count = |first: u32| Kept { first, listed: None };
        assert_eq!(those(3, |_| true), count(3));
        assert_eq!(those(3, |_| false), count(0));
        assert_eq!(those(3, |i| i < 2), count(2));
        assert_eq!(all.iter().collect::<Vec<_>>(), [0, 1, 2]);
        assert!(all.contains(2) && !all.contains(3));
        let odd = those(6, |i| i % 2 == 1);
        assert!(odd.listed.is_some());
        let odd = odd.indices();
        assert_eq!((odd.len(), format!("{odd:?}")), (3, "[1, 3, 5]".to_string()));
        assert!(odd.contains(3) && !odd.contains(4) && !odd.contains(7));
        let none = those(2, |_| false);
        let none = none.indices();
        assert!(none.is_empty() && !none.contains(0));
        assert_eq!(none, Indices::all(0));
        let all_but_one = those(3, |i| i != 1);
        assert_ne!(all_but_one.indices(), all);
        assert_eq!(all_but_one.indices().iter().collect::<Vec<_>>(), [0, 2]);
    }

    /// An event's evidence as it was held before [`Indices`]: a list of every index kept.
    #[derive(Debug, PartialEq)]
    struct Listed {
        sources: Vec<usize>,
        denials: Vec<usize>,
        origins: usize,
        status: Status,
        claims: Vec<ClaimEvidence>,
        known: bool,
        known_by: Option<Date>,
    }

    impl From<Evidence> for Listed {
        fn from(ev: Evidence) -> Listed {
            Listed {
                sources: ev.sources().iter().collect(),
                denials: ev.denials().iter().collect(),
                origins: ev.origins(),
                status: ev.status(),
                claims: ev.claims().to_vec(),
                known: ev.known(),
                known_by: ev.known_by().cloned(),
            }
        }
    }

    /// [`Evidence::before`] as it was worked out into lists.
    fn listed(t: &Timeline, e: &Event, cutoff: Option<(i64, bool)>) -> Listed {
        use super::super::claims::addresses;
        // Hashed, not compared: the few sources the explorer compares are the code under test.
        use super::super::origins::hashed_groups;
        let knows = |item: Item| cutoff.is_none_or(|(c, _)| public(t, e, item).date().is_none_or(|d| d.earliest() < c));
        let mut sources: Vec<usize> = (0..e.sources.len()).filter(|&i| knows(Item::Source(i))).collect();
        let mut denials: Vec<usize> = (0..e.denials.len()).filter(|&i| knows(Item::Denial(i))).collect();
        let has_items = !e.sources.is_empty() || !e.denials.is_empty();
        let mut known = !has_items || !sources.is_empty() || !denials.is_empty();
        let mut known_by = None;
        if let (false, Some((c, false))) = (known, cutoff)
            && e.date.earliest() < c
            && let Some(by) = known_by_reference(t, e)
        {
            let by_reference = |item: Item| matches!(public(t, e, item), Public::ByReference(_));
            sources = (0..e.sources.len())
                .filter(|&i| by_reference(Item::Source(i)))
                .collect();
            denials = (0..e.denials.len())
                .filter(|&i| by_reference(Item::Denial(i)))
                .collect();
            known = true;
            known_by = Some(by.clone());
        }
        let groups = hashed_groups(&e.sources);
        let origins = origins_among(&groups, sources.iter().copied());
        let claims: Vec<ClaimEvidence> = e
            .more
            .claims
            .iter()
            .enumerate()
            .map(|(claim, c)| {
                let sources: Vec<usize> = sources
                    .iter()
                    .copied()
                    .filter(|&i| addresses(&e.sources[i].more().claims, &c.id))
                    .collect();
                let denials: Vec<usize> = denials
                    .iter()
                    .copied()
                    .filter(|&i| addresses(&e.denials[i].claims, &c.id))
                    .collect();
                let origins = origins_among(&groups, sources.iter().copied());
                ClaimEvidence {
                    claim,
                    status: status_of(origins, denials.len()),
                    origins,
                    sources,
                    denials,
                }
            })
            .collect();
        let status = claims
            .iter()
            .map(|c| c.status)
            .max()
            .unwrap_or_else(|| status_of(origins, denials.len()));
        Listed {
            sources,
            denials,
            origins,
            status,
            claims,
            known,
            known_by,
        }
    }

    const DATES: [&str; 9] = [
        "2014-12-31",
        "2015",
        "2015-07",
        "2015-08-07",
        "2015-08-07?",
        "2016-01-02",
        "201X",
        "2015-07/2015-09",
        "../2015",
    ];

    /// A date of [`DATES`], or none past its end.
    fn date_at(i: usize) -> Option<Date> {
        DATES.get(i).map(|d| Date::parse(d).unwrap())
    }

    /// A reference id of three (the last never dated), or none.
    fn via_at(i: usize) -> Option<Name> {
        ["r0", "r1", "r2"].get(i).map(|&r| r.into())
    }

    /// The ids of the claims `c0` and `c1` that bit 0 and bit 1 of `mask` name.
    fn claims_in(mask: usize) -> thin_vec::ThinVec<String> {
        (0..2)
            .filter(|b| mask & (1 << b) != 0)
            .map(|b| format!("c{b}"))
            .collect()
    }

    proptest::proptest! {
        /// `before` keeps the same sources and denials, origins, status, claims and marks as the
        /// lists it replaced, for every knowledge date, strict or not.
        #[test]
        fn evidence_is_what_the_lists_gave(
            published in (0_usize..10, 0_usize..10),
            date in 0_usize..DATES.len(),
            claims in 0_usize..3,
            sources in proptest::collection::vec((0_usize..6, 0_usize..4, 0_usize..12, 0_usize..4, 0_usize..20, 0_usize..4), 0..12),
            denials in proptest::collection::vec((0_usize..12, 0_usize..4, 0_usize..4), 0..4),
        ) {
            let outlets = ["Fox News", " fox news", "Reuters", "ΣΟΦΙΑ", "σοφια", "AP"];
            let citing = [None, Some("Sources"), Some(" sources "), Some("")];
            let mut t = Timeline::default();
            for (id, published) in [("r0", date_at(published.0)), ("r1", date_at(published.1)), ("r2", None)] {
                let reference = crate::model::Reference { title: id.into(), published, ..Default::default() };
                t.references.insert(id.into(), reference);
            }
            let sources = sources.iter().map(|&(o, c, d, v, from, named)| Source::from(SourceFields {
                outlet: outlets[o].into(),
                citing: citing[c].map(Into::into),
                date: date_at(d),
                via: via_at(v),
                derived_from: outlets.get(from).map(|&o| o.into()),
                claims: claims_in(named),
                ..SourceFields::default()
            }));
            let denials = denials.iter().map(|&(d, v, named)| Denial {
                by: "Kremlin".into(),
                date: date_at(d),
                via: via_at(v),
                claims: claims_in(named),
                ..Denial::default()
            });
            let claims = (0..claims).map(|c| crate::model::Claim { id: format!("c{c}"), text: "said".into(), ..Default::default() });
            let e = Event {
                sources: sources.collect(),
                denials: denials.collect(),
                more: crate::model::EventMore {
                    claims: claims.collect(),
                    ..Default::default()
                }
                .into(),
                ..Event::new("e", date_at(date).unwrap(), "t")
            };
            let cutoffs = DATES.iter().flat_map(|d| [false, true].map(|strict| Some(as_of(d).strict(strict))));
            for as_of in cutoffs.chain([None]) {
                let cutoff = as_of.as_ref().map(|a| (a.cutoff(), a.is_strict()));
                let got = Listed::from(Evidence::before(&t, &e, cutoff));
                proptest::prop_assert_eq!(got, listed(&t, &e, cutoff), "as of {:?}", as_of);
            }
        }
    }
}
