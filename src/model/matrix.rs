//! Who said what: a table of parties (outlets and deniers) against events, each cell saying
//! whether that party reported, corroborated, confirmed or denied that event.

use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};

use super::Event;
use super::evidence::{Evidence, Item};
use super::timeline::{Stance, Timeline};

/// What a party did about an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// Reported it.
    Reports,
    /// Backed someone else's report.
    Corroborates,
    /// Confirmed it as a party or an official.
    Confirms,
    /// Denied it.
    Denies,
}

impl Mark {
    /// Every mark, for legends.
    pub const ALL: [Mark; 4] = [Mark::Reports, Mark::Corroborates, Mark::Confirms, Mark::Denies];

    /// A one-character symbol, distinct for each mark.
    pub fn symbol(self) -> char {
        match self {
            Mark::Reports => '●',
            Mark::Corroborates => '◆',
            Mark::Confirms => '★',
            Mark::Denies => '✗',
        }
    }

    /// The verb, for legends and the cell's description.
    pub fn word(self) -> &'static str {
        match self {
            Mark::Reports => "reported",
            Mark::Corroborates => "corroborated",
            Mark::Confirms => "confirmed",
            Mark::Denies => "denied",
        }
    }
}

impl From<Stance> for Mark {
    fn from(stance: Stance) -> Mark {
        match stance {
            Stance::Reports => Mark::Reports,
            Stance::Corroborates => Mark::Corroborates,
            Stance::Confirms => Mark::Confirms,
        }
    }
}

/// One entry of the table: what a party did about an event, and which of the event's sources or
/// denials says so. Eight bytes rather than the 24 of a `(Mark, Item)`: a million events hold
/// some three million entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said {
    index: u32,
    denial: bool,
    mark: Mark,
}

impl Said {
    fn new(mark: Mark, item: Item) -> Said {
        let (index, denial) = match item {
            Item::Source(i) => (i, false),
            Item::Denial(i) => (i, true),
        };
        Said {
            index: narrow(index),
            denial,
            mark,
        }
    }

    /// What the party did.
    pub fn mark(self) -> Mark {
        self.mark
    }

    /// The source or denial that says so.
    pub fn item(self) -> Item {
        let i = self.index as usize;
        if self.denial { Item::Denial(i) } else { Item::Source(i) }
    }
}

const _: () = assert!(size_of::<Said>() == 8);

/// A count or position of the table's parties, entries or an event's sources as 4 bytes: each
/// stands for a source or denial in memory (100 bytes or more), so none reaches 2^32 before the
/// memory runs out.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 sources and denials in memory")
}

/// The who-said-what table for a list of events.
///
/// Only the parties and how many cells of each row are filled are worked out ahead: a column's
/// entries are read from its event's evidence when asked, a few sources and denials, so the
/// table holds nothing per event beyond the shown order and evidence it shares with the
/// explorer. Held by column, as it was, it took 45 bytes an event and twice that while it was
/// made: 870 MiB more at the peak of ten million events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matrix {
    /// Outlets and deniers, in order of their first appearance along the events.
    pub parties: Vec<String>,
    /// Event indices, one per column, in the order given (shared with the explorer).
    pub events: Arc<Vec<usize>>,
    /// Every event's evidence, by event index (shared with the explorer): what fills a column.
    evidence: Arc<Vec<Evidence>>,
    /// The party of each name as written, trimmed.
    party_of: HashMap<Box<str>, u32>,
    /// How many cells of each party's row are filled.
    filled: Vec<usize>,
}

impl Matrix {
    /// The table for the events in `order`, counting only their known evidence.
    pub fn build(t: &Timeline, order: Arc<Vec<usize>>, evidence: Arc<Vec<Evidence>>) -> Matrix {
        Matrix::build_in_pieces(t, order, evidence, crate::parallel::PIECE)
    }

    /// [`Matrix::build`], the shown events read in file order, in runs of `piece` of the
    /// timeline's events across the cores: reading each event's sources is most of the work, and
    /// in file order they lie in memory one after the other, where in the columns' order each is
    /// a jump. The parties are then numbered where they first appear along the columns.
    fn build_in_pieces(t: &Timeline, order: Arc<Vec<usize>>, evidence: Arc<Vec<Evidence>>, piece: usize) -> Matrix {
        const UNSEEN: u32 = u32::MAX;
        // Each shown event's first column, and how many more it has (an order may repeat one).
        let mut column = vec![UNSEEN; t.events.len()];
        let mut again: HashMap<usize, usize> = HashMap::new();
        for (c, &i) in order.iter().enumerate() {
            match column[i] {
                UNSEEN => column[i] = narrow(c),
                _ => *again.entry(i).or_default() += 1,
            }
        }
        let columns = |i: usize| (column[i], 1 + again.get(&i).copied().unwrap_or(0));
        let pieces = crate::parallel::runs(t.events.len(), piece, |run| {
            let shown = run.filter(|&i| column[i] != UNSEEN);
            Piece::read(t, shown, &evidence, columns)
        });
        let (parties, filled, party_of) = join(pieces);
        Matrix {
            parties,
            events: order,
            evidence,
            party_of,
            filled,
        }
    }

    /// What each party in a column said, in evidence order: its party, and what it did and
    /// which source or denial says so.
    fn entries<'a>(&'a self, t: &'a Timeline, col: usize) -> impl Iterator<Item = (usize, Said)> + 'a {
        let event = (self.events.get(col)).and_then(|&i| Some((t.events.get(i)?, self.evidence.get(i)?)));
        event.into_iter().flat_map(move |(e, evidence)| {
            evidence.items().filter_map(move |item| {
                let (name, mark) = spoken(t, e, item);
                let party = *self.party_of.get(name)?;
                Some((party as usize, Said::new(mark, item)))
            })
        })
    }

    /// What a party did about the event in a column, in file order.
    pub fn cell(&self, t: &Timeline, party: usize, col: usize) -> Vec<Said> {
        (self.entries(t, col))
            .filter_map(|(p, said)| (p == party).then_some(said))
            .collect()
    }

    /// The parties that spoke of the event in a column, in the order of `parties`.
    pub fn speakers(&self, t: &Timeline, col: usize) -> Vec<usize> {
        let mut parties: Vec<usize> = self.entries(t, col).map(|(p, _)| p).collect();
        parties.sort_unstable();
        parties.dedup();
        parties
    }

    /// The symbol of a cell: its mark, `±` when the party both backed and denied the event,
    /// or `None` when the party said nothing of it.
    pub fn symbol(&self, t: &Timeline, party: usize, col: usize) -> Option<char> {
        let marks: Vec<Mark> = self.cell(t, party, col).iter().map(|s| s.mark()).collect();
        symbol_of(&marks)
    }

    /// A party's stance on each claim of the event in a column: first the event as a whole (the
    /// sources and denials naming no claim), then the event's claims in file order; each the
    /// symbol [`Matrix::symbol`] would give for just the items on it, `None` where it is silent.
    pub fn claim_symbols(&self, t: &Timeline, party: usize, col: usize) -> Vec<Option<char>> {
        let Some(e) = self.events.get(col).map(|&i| &t.events[i]) else {
            return Vec::new();
        };
        let mut marks = vec![Vec::new(); e.more.claims.len() + 1];
        for said in self.cell(t, party, col) {
            let mark = said.mark();
            let named = match said.item() {
                Item::Source(s) => &e.sources[s].more().claims,
                Item::Denial(d) => &e.denials[d].claims,
            };
            if named.is_empty() {
                marks[0].push(mark);
            }
            for id in named {
                if let Some(c) = e.more.claims.iter().position(|c| &c.id == id) {
                    marks[c + 1].push(mark);
                }
            }
        }
        marks.iter().map(|m| symbol_of(m)).collect()
    }

    /// How many cells of a party's row are filled.
    pub fn row_count(&self, party: usize) -> usize {
        self.filled.get(party).copied().unwrap_or(0)
    }
}

/// The name an item is said by, as written and trimmed, and what it did.
fn spoken<'t>(t: &'t Timeline, e: &'t Event, item: Item) -> (&'t str, Mark) {
    let (name, mark) = match item {
        Item::Source(s) => (e.sources[s].outlet(), Mark::from(e.sources[s].more().stance)),
        Item::Denial(d) => (t.actor_name(&e.denials[d].by), Mark::Denies),
    };
    (name.trim(), mark)
}

/// Where a party first speaks along the columns: the column, its entry there, and the name it
/// is written by in that entry.
type First<'t> = (u32, u32, &'t str);

/// A party as a run of events sees it: the names the same without case, keyed by the name
/// lowercased.
struct Group<'t> {
    key: String,
    /// How many cells of its row the run fills.
    filled: usize,
    first: First<'t>,
}

/// What a run of events (in file order) says of the parties: each name written, with its group.
struct Piece<'t> {
    names: HashMap<&'t str, usize>,
    groups: Vec<Group<'t>>,
}

impl<'t> Piece<'t> {
    /// The parties of `events`, each placed by `columns` in its first column and counted once for
    /// each of its columns.
    fn read(
        t: &'t Timeline,
        events: impl Iterator<Item = usize>,
        evidence: &[Evidence],
        columns: impl Fn(usize) -> (u32, usize),
    ) -> Piece<'t> {
        let mut p = Piece {
            names: HashMap::new(),
            groups: Vec::new(),
        };
        // Lowered once per name as written, not once per entry.
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut spoke = Vec::new();
        for i in events {
            let e = &t.events[i];
            let (col, times) = columns(i);
            spoke.clear();
            for (k, item) in evidence[i].items().enumerate() {
                let (name, _) = spoken(t, e, item);
                let g = *p.names.entry(name).or_insert_with(|| {
                    let key = name.to_lowercase();
                    *keys.entry(key.clone()).or_insert_with(|| {
                        let first = (u32::MAX, u32::MAX, name);
                        p.groups.push(Group { key, filled: 0, first });
                        p.groups.len() - 1
                    })
                });
                let group = &mut p.groups[g];
                if !spoke.contains(&g) {
                    spoke.push(g);
                    group.filled += times;
                }
                if (col, narrow(k)) < (group.first.0, group.first.1) {
                    group.first = (col, narrow(k), name);
                }
            }
        }
        p
    }
}

/// The pieces' parties as one: named and numbered in order of first appearance along the
/// columns, how many cells of each one's row are filled, and each name's party.
fn join(pieces: Vec<Piece<'_>>) -> (Vec<String>, Vec<usize>, HashMap<Box<str>, u32>) {
    let mut keys: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<(usize, First<'_>)> = Vec::new();
    let mut group_of: Vec<Vec<usize>> = Vec::with_capacity(pieces.len());
    for p in &pieces {
        let of = p.groups.iter().map(|group| {
            let g = *keys.entry(&group.key).or_insert_with(|| {
                groups.push((0, group.first));
                groups.len() - 1
            });
            let (filled, first) = &mut groups[g];
            *filled += group.filled;
            *first = (*first).min(group.first);
            g
        });
        group_of.push(of.collect());
    }
    let mut ranked: Vec<usize> = (0..groups.len()).collect();
    ranked.sort_unstable_by_key(|&g| (groups[g].1.0, groups[g].1.1));
    let mut party_of_group = vec![0; groups.len()];
    for (party, &g) in ranked.iter().enumerate() {
        party_of_group[g] = narrow(party);
    }
    let mut party_of = HashMap::new();
    for (p, of) in pieces.iter().zip(&group_of) {
        for (&name, &g) in &p.names {
            party_of.entry(Box::from(name)).or_insert(party_of_group[of[g]]);
        }
    }
    let parties = ranked.iter().map(|&g| groups[g].1.2.to_string()).collect();
    let filled = ranked.iter().map(|&g| groups[g].0).collect();
    (parties, filled, party_of)
}

/// The strongest backing mark, `✗` for denials only, `±` for both, `None` for no marks.
fn symbol_of(marks: &[Mark]) -> Option<char> {
    let denies = marks.contains(&Mark::Denies);
    let strongest = marks.iter().copied().filter(|m| *m != Mark::Denies).max();
    match (strongest, denies) {
        (None, false) => None,
        (Some(_), true) => Some('±'),
        (None, true) => Some(Mark::Denies.symbol()),
        (Some(m), false) => Some(m.symbol()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Filter;
    use crate::load::{Document, Options};
    use crate::model::Attribution;

    /// The table of what `shown` shows.
    fn table(t: &Timeline, shown: &crate::filter::Shown) -> Matrix {
        Matrix::build(t, Arc::new(shown.order.clone()), Arc::new(shown.evidence.clone()))
    }

    #[test]
    fn the_kremlin_denied_what_fox_news_reported() {
        let t = Document::bundled().load(Options::default()).timeline;
        let shown = Filter::default().apply(&t);
        let m = table(&t, &shown);
        let party = |name: &str| m.parties.iter().position(|p| p == name).unwrap();
        let (fox, kremlin, reuters) = (party("Fox News"), party("The Kremlin"), party("Reuters"));
        let visit = t.events.iter().position(|e| e.id == "moscow-visit").unwrap();
        let col = m.events.iter().position(|&i| i == visit).unwrap();
        assert_eq!(m.symbol(&t, fox, col), Some('●'));
        assert_eq!(m.symbol(&t, kremlin, col), Some('✗'));
        assert_eq!(m.symbol(&t, reuters, col), Some('◆'));
        assert_eq!(m.cell(&t, kremlin, col).len(), 2, "two reports of the denial");
        assert!(m.cell(&t, kremlin, col).iter().all(|s| s.mark() == Mark::Denies));
        // The Kremlin denied nothing else; Fox News also reported the departure.
        assert_eq!(m.row_count(kremlin), 1);
        assert_eq!(m.row_count(fox), 2);
        let departure = t.events.iter().position(|e| e.id == "moscow-departure").unwrap();
        let dcol = m.events.iter().position(|&i| i == departure).unwrap();
        assert_eq!(m.symbol(&t, kremlin, dcol), None);
    }

    #[test]
    fn claim_columns_put_the_kremlins_denial_under_the_putin_meeting_only() {
        let t = Document::bundled().load(Options::default()).timeline;
        let shown = Filter::default().apply(&t);
        let m = table(&t, &shown);
        let party = |name: &str| m.parties.iter().position(|p| p == name).unwrap();
        let visit = t.events.iter().position(|e| e.id == "moscow-visit").unwrap();
        let col = m.events.iter().position(|&i| i == visit).unwrap();
        let ids: Vec<&str> = t.events[visit].more.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["arrival", "met-putin", "met-shoigu", "s300-talks"]);
        // Columns: the whole event, then the claims in that order.
        assert_eq!(
            m.claim_symbols(&t, party("The Kremlin"), col),
            [None, None, Some('✗'), None, None]
        );
        assert_eq!(
            m.claim_symbols(&t, party("Fox News"), col),
            [None, Some('●'), Some('●'), Some('●'), None]
        );
        // A party silent on the event is silent on every claim.
        let departure = t.events.iter().position(|e| e.id == "moscow-departure").unwrap();
        let dcol = m.events.iter().position(|&i| i == departure).unwrap();
        assert!(
            m.claim_symbols(&t, party("The Kremlin"), dcol)
                .iter()
                .all(Option::is_none)
        );
    }

    #[test]
    fn a_party_that_backs_and_denies_shows_both() {
        let mut t = Document::bundled().load(Options::default()).timeline;
        let visit = t.events.iter().position(|e| e.id == "moscow-visit").unwrap();
        t.events[visit].denials[0].by = "Reuters".into();
        let shown = Filter::default().apply(&t);
        let m = table(&t, &shown);
        let reuters = m.parties.iter().position(|p| p == "Reuters").unwrap();
        let col = m.events.iter().position(|&i| i == visit).unwrap();
        assert_eq!(m.symbol(&t, reuters, col), Some('±'));
        let marks: Vec<char> = Mark::ALL.iter().map(|m| m.symbol()).collect();
        assert!(!marks.contains(&'±'));
    }

    #[test]
    fn each_cell_holds_what_its_party_said_of_its_event_in_file_order() {
        let t = Document::bundled().load(Options::default()).timeline;
        let shown = Filter::default().apply(&t);
        let m = table(&t, &shown);
        let name = |e: &crate::model::Event, item: Item| match item {
            Item::Source(s) => e.sources[s].outlet().trim().to_lowercase(),
            Item::Denial(d) => t.actor_name(&e.denials[d].by).trim().to_lowercase(),
        };
        let mut cells = 0;
        for (p, party) in m.parties.iter().enumerate() {
            let mut filled = 0;
            for (col, &i) in m.events.iter().enumerate() {
                let e = &t.events[i];
                let expected: Vec<Item> = shown.evidence[i]
                    .items()
                    .filter(|&item| name(e, item) == party.to_lowercase())
                    .collect();
                let got: Vec<Item> = m.cell(&t, p, col).iter().map(|s| s.item()).collect();
                assert_eq!(got, expected, "{party} on {}", e.id);
                assert_eq!(m.speakers(&t, col).contains(&p), !got.is_empty());
                filled += usize::from(!got.is_empty());
            }
            assert_eq!(m.row_count(p), filled, "{party}");
            cells += filled;
        }
        assert!(cells > 20, "the bundled timeline fills many cells: {cells}");
        assert!(m.cell(&t, 0, m.events.len()).is_empty(), "no column past the last");
    }

    #[test]
    fn only_known_evidence_fills_cells() {
        let t = Document::bundled().load(Options::default()).timeline;
        let early = Filter {
            as_of: Some(crate::model::evidence::AsOf::new(
                crate::model::Date::parse("2015-07-25").unwrap(),
            )),
            ..Filter::default()
        };
        let shown = early.apply(&t);
        let m = table(&t, &shown);
        assert!(!m.parties.iter().any(|p| p == "The Kremlin" || p == "Fox News"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]
        /// However the columns are cut into pieces, the table is the one a single pass makes:
        /// the same parties, numbered and named by first appearance along the order, even when
        /// a party is first written one way in one piece and another way in a later one, and
        /// whatever events the order repeats.
        #[test]
        fn pieces_tabulate_as_one_pass(
            picks in proptest::collection::vec(0_usize..1_000, 0..80),
            piece in 1_usize..12,
            shouted in proptest::collection::vec(proptest::bool::ANY, 0..80),
        ) {
            let mut t = Document::bundled().load(Options::default()).timeline;
            let n = t.events.len();
            // The same outlets written in other cases and with spaces around, here and there.
            for (k, &loud) in shouted.iter().enumerate() {
                if let Some(s) = t.events.get_mut(k % n).and_then(|e| e.sources.first_mut()).filter(|_| loud) {
                    *s.said.by_mut() = Attribution::new(format!(" {} ", s.outlet().to_uppercase()).into(), s.by().citing().cloned());
                }
            }
            let shown = Filter::default().apply(&t);
            let order: Arc<Vec<usize>> = Arc::new(picks.iter().map(|&k| shown.order[k % shown.order.len()]).collect());
            let evidence = Arc::new(shown.evidence.clone());
            let whole = Matrix::build_in_pieces(&t, Arc::clone(&order), Arc::clone(&evidence), usize::MAX);
            proptest::prop_assert_eq!(&Matrix::build_in_pieces(&t, Arc::clone(&order), Arc::clone(&evidence), piece), &whole);
            // Parties in order of first appearance along the columns, named as first written.
            let mut parties: Vec<&str> = Vec::new();
            for &i in order.iter() {
                let e = &t.events[i];
                for item in shown.evidence[i].items() {
                    let name = match item {
                        Item::Source(s) => e.sources[s].outlet().trim(),
                        Item::Denial(d) => t.actor_name(&e.denials[d].by).trim(),
                    };
                    if !parties.iter().any(|p| crate::fold::eq(p, name)) {
                        parties.push(name);
                    }
                }
            }
            proptest::prop_assert_eq!(&whole.parties, &parties);
            // Each row counts the columns its party fills, an event shown twice twice.
            for (p, party) in parties.iter().enumerate() {
                let filled = (0..order.len()).filter(|&c| !whole.cell(&t, p, c).is_empty()).count();
                proptest::prop_assert_eq!(whole.row_count(p), filled, "{}", party);
            }
        }
    }
}
