//! Who said what: a table of parties (outlets and deniers) against events, each cell saying
//! whether that party reported, corroborated, confirmed or denied that event.

use foldhash::{HashMap, HashMapExt};

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
/// Stored by column, the way it is built and read: each event's few sources and denials sit
/// together, ordered by party, so a cell is found within its column and nothing on the screen
/// costs more than the cells drawn, however many events there are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matrix {
    /// Outlets and deniers, in order of their first appearance along the events.
    pub parties: Vec<String>,
    /// Event indices, one per column, in the order given.
    pub events: Vec<usize>,
    /// Where each column's entries start in `speakers` and `said`, then where the last ends.
    starts: Vec<u32>,
    /// The party of each entry, ascending within a column.
    speakers: Vec<u32>,
    /// What each entry's party did, and which source or denial says so; in file order within a cell.
    said: Vec<Said>,
    /// How many cells of each party's row are filled.
    filled: Vec<usize>,
}

impl Matrix {
    /// The table for the events in `order`, counting only their known evidence.
    pub fn build(t: &Timeline, order: &[usize], evidence: &[Evidence]) -> Matrix {
        Matrix::build_in_pieces(t, order, evidence, crate::parallel::PIECE)
    }

    /// [`Matrix::build`], the events read in file order, in pieces of `piece` across the cores:
    /// reading each event's sources is most of the work, and in file order they lie in memory
    /// one after the other, where in the columns' order each is a jump. The columns are then
    /// laid out in `order` from what was read, numbering each party where it first appears.
    fn build_in_pieces(t: &Timeline, order: &[usize], evidence: &[Evidence], piece: usize) -> Matrix {
        const UNSEEN: usize = usize::MAX;
        // Each shown event's place among the shown events in file order.
        let mut slot = vec![UNSEEN; t.events.len()];
        for &i in order {
            slot[i] = 0;
        }
        let in_file_order: Vec<usize> = (0..t.events.len()).filter(|&i| slot[i] != UNSEEN).collect();
        for (at, &i) in in_file_order.iter().enumerate() {
            slot[i] = at;
        }
        let pieces = crate::parallel::pieces(&in_file_order, piece, |events| Piece::read(t, events, evidence));
        let read = Read::join(pieces, piece);
        let mut m = Matrix {
            events: order.to_vec(),
            starts: Vec::with_capacity(order.len() + 1),
            ..Matrix::default()
        };
        let mut party_of_group = vec![UNSEEN; read.groups];
        let mut column: Vec<(u32, Said)> = Vec::new();
        for &i in order {
            let at = slot[i];
            column.clear();
            for (name, said) in read.entries(at) {
                let party = &mut party_of_group[read.group_of[name]];
                if *party == UNSEEN {
                    *party = m.parties.len();
                    m.parties.push(read.names[name].to_string());
                    m.filled.push(0);
                }
                column.push((narrow(*party), said));
            }
            // Stable: a cell keeps its entries in file order.
            column.sort_by_key(|&(party, _)| party);
            m.starts.push(narrow(m.said.len()));
            for (k, &(party, said)) in column.iter().enumerate() {
                if k == 0 || column[k - 1].0 != party {
                    m.filled[party as usize] += 1;
                }
                m.speakers.push(party);
                m.said.push(said);
            }
        }
        m.starts.push(narrow(m.said.len()));
        m
    }

    /// The entries of a column, as a range of `speakers` and `said`.
    fn column(&self, col: usize) -> Option<std::ops::Range<usize>> {
        let (&start, &end) = (self.starts.get(col)?, self.starts.get(col + 1)?);
        Some(start as usize..end as usize)
    }

    /// What a party did about the event in a column, in file order.
    pub fn cell(&self, party: usize, col: usize) -> &[Said] {
        let Some(column) = self.column(col) else {
            return &[];
        };
        let speakers = &self.speakers[column.clone()];
        let from = column.start + speakers.partition_point(|&p| (p as usize) < party);
        let to = column.start + speakers.partition_point(|&p| (p as usize) <= party);
        &self.said[from..to]
    }

    /// The parties that spoke of the event in a column, in the order of `parties`.
    pub fn speakers(&self, col: usize) -> Vec<usize> {
        let Some(column) = self.column(col) else {
            return Vec::new();
        };
        let mut parties: Vec<usize> = self.speakers[column].iter().map(|&p| p as usize).collect();
        parties.dedup();
        parties
    }

    /// The symbol of a cell: its mark, `±` when the party both backed and denied the event,
    /// or `None` when the party said nothing of it.
    pub fn symbol(&self, party: usize, col: usize) -> Option<char> {
        let marks: Vec<Mark> = self.cell(party, col).iter().map(|s| s.mark()).collect();
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
        for said in self.cell(party, col) {
            let mark = said.mark();
            let named = match said.item() {
                Item::Source(s) => &e.sources[s].more.claims,
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

/// What a run of events (in file order) says, each name numbered by its first appearance in the run.
struct Piece<'t> {
    /// The names of the parties as written, trimmed, in order of first appearance.
    names: Vec<&'t str>,
    /// Where each event's entries start in `said`, then where the last ends.
    starts: Vec<u32>,
    /// Each entry's name, what its party did and which source or denial says so, in evidence order.
    said: Vec<(u32, Said)>,
}

impl<'t> Piece<'t> {
    fn read(t: &'t Timeline, events: &[usize], evidence: &[Evidence]) -> Piece<'t> {
        let mut p = Piece {
            names: Vec::new(),
            starts: Vec::with_capacity(events.len() + 1),
            said: Vec::new(),
        };
        let mut numbers: HashMap<&str, u32> = HashMap::new();
        for &i in events {
            let e = &t.events[i];
            p.starts.push(narrow(p.said.len()));
            for item in evidence[i].items() {
                let (name, mark) = match item {
                    Item::Source(s) => (&*e.sources[s].outlet, Mark::from(e.sources[s].more.stance)),
                    Item::Denial(d) => (t.actor_name(&e.denials[d].by), Mark::Denies),
                };
                let name = name.trim();
                let number = *numbers.entry(name).or_insert_with(|| {
                    p.names.push(name);
                    narrow(p.names.len() - 1)
                });
                p.said.push((number, Said::new(mark, item)));
            }
        }
        p.starts.push(narrow(p.said.len()));
        p
    }
}

/// The pieces, their names numbered once for all of them and each told which party (group of
/// names the same without case) it is. The pieces' entries are read where they are, not copied
/// into one list: at a million events they take as much as the table made from them.
struct Read<'t> {
    /// The names as written, trimmed.
    names: Vec<&'t str>,
    /// Each name's group: names are the same party when they are the same without case.
    group_of: Vec<usize>,
    /// How many groups there are.
    groups: usize,
    /// The shown events in file order, `len` to a piece (the last may hold fewer).
    pieces: Vec<Piece<'t>>,
    len: usize,
    /// For each piece, the number in `names` of each of its own names.
    numbers: Vec<Vec<usize>>,
}

impl<'t> Read<'t> {
    /// `pieces` of `len` shown events each, in file order.
    fn join(pieces: Vec<Piece<'t>>, len: usize) -> Read<'t> {
        let mut read = Read {
            names: Vec::new(),
            group_of: Vec::new(),
            groups: 0,
            numbers: Vec::with_capacity(pieces.len()),
            pieces: Vec::new(),
            len: len.max(1),
        };
        let mut numbers: HashMap<&str, usize> = HashMap::new();
        // Lowered once per name as written, not once per entry.
        let mut groups: HashMap<String, usize> = HashMap::new();
        for p in &pieces {
            let number: Vec<usize> = p
                .names
                .iter()
                .map(|&name| {
                    *numbers.entry(name).or_insert_with(|| {
                        let next = groups.len();
                        read.group_of.push(*groups.entry(name.to_lowercase()).or_insert(next));
                        read.names.push(name);
                        read.names.len() - 1
                    })
                })
                .collect();
            read.numbers.push(number);
        }
        read.groups = groups.len();
        read.pieces = pieces;
        read
    }

    /// The entries of the shown event `at` (counted in file order): each one's name, and what its
    /// party did and which source or denial says so.
    fn entries(&self, at: usize) -> impl Iterator<Item = (usize, Said)> + '_ {
        let (piece, k) = (at / self.len, at % self.len);
        let (p, number) = (&self.pieces[piece], &self.numbers[piece]);
        p.said[p.starts[k] as usize..p.starts[k + 1] as usize]
            .iter()
            .map(move |&(name, said)| (number[name as usize], said))
    }
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

    #[test]
    fn the_kremlin_denied_what_fox_news_reported() {
        let t = Document::bundled().load(Options::default()).timeline;
        let shown = Filter::default().apply(&t);
        let m = Matrix::build(&t, &shown.order, &shown.evidence);
        let party = |name: &str| m.parties.iter().position(|p| p == name).unwrap();
        let (fox, kremlin, reuters) = (party("Fox News"), party("The Kremlin"), party("Reuters"));
        let visit = t.events.iter().position(|e| e.id == "moscow-visit").unwrap();
        let col = m.events.iter().position(|&i| i == visit).unwrap();
        assert_eq!(m.symbol(fox, col), Some('●'));
        assert_eq!(m.symbol(kremlin, col), Some('✗'));
        assert_eq!(m.symbol(reuters, col), Some('◆'));
        assert_eq!(m.cell(kremlin, col).len(), 2, "two reports of the denial");
        assert!(m.cell(kremlin, col).iter().all(|s| s.mark() == Mark::Denies));
        // The Kremlin denied nothing else; Fox News also reported the departure.
        assert_eq!(m.row_count(kremlin), 1);
        assert_eq!(m.row_count(fox), 2);
        let departure = t.events.iter().position(|e| e.id == "moscow-departure").unwrap();
        let dcol = m.events.iter().position(|&i| i == departure).unwrap();
        assert_eq!(m.symbol(kremlin, dcol), None);
    }

    #[test]
    fn claim_columns_put_the_kremlins_denial_under_the_putin_meeting_only() {
        let t = Document::bundled().load(Options::default()).timeline;
        let shown = Filter::default().apply(&t);
        let m = Matrix::build(&t, &shown.order, &shown.evidence);
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
        let m = Matrix::build(&t, &shown.order, &shown.evidence);
        let reuters = m.parties.iter().position(|p| p == "Reuters").unwrap();
        let col = m.events.iter().position(|&i| i == visit).unwrap();
        assert_eq!(m.symbol(reuters, col), Some('±'));
        let marks: Vec<char> = Mark::ALL.iter().map(|m| m.symbol()).collect();
        assert!(!marks.contains(&'±'));
    }

    #[test]
    fn each_cell_holds_what_its_party_said_of_its_event_in_file_order() {
        let t = Document::bundled().load(Options::default()).timeline;
        let shown = Filter::default().apply(&t);
        let m = Matrix::build(&t, &shown.order, &shown.evidence);
        let name = |e: &crate::model::Event, item: Item| match item {
            Item::Source(s) => e.sources[s].outlet.trim().to_lowercase(),
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
                let got: Vec<Item> = m.cell(p, col).iter().map(|s| s.item()).collect();
                assert_eq!(got, expected, "{party} on {}", e.id);
                assert_eq!(m.speakers(col).contains(&p), !got.is_empty());
                filled += usize::from(!got.is_empty());
            }
            assert_eq!(m.row_count(p), filled, "{party}");
            cells += filled;
        }
        assert!(cells > 20, "the bundled timeline fills many cells: {cells}");
        assert!(m.cell(0, m.events.len()).is_empty(), "no column past the last");
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
        let m = Matrix::build(&t, &shown.order, &shown.evidence);
        assert!(!m.parties.iter().any(|p| p == "The Kremlin" || p == "Fox News"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]
        /// However the columns are cut into pieces, the table is the one a single pass makes:
        /// the same parties, numbered and named by first appearance along the order, even when
        /// a party is first written one way in one piece and another way in a later one.
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
                    s.outlet = format!(" {} ", s.outlet.to_uppercase()).into();
                }
            }
            let shown = Filter::default().apply(&t);
            let order: Vec<usize> = picks.iter().map(|&k| shown.order[k % shown.order.len()]).collect();
            let whole = Matrix::build_in_pieces(&t, &order, &shown.evidence, usize::MAX);
            proptest::prop_assert_eq!(&Matrix::build_in_pieces(&t, &order, &shown.evidence, piece), &whole);
            // Parties in order of first appearance along the columns, named as first written.
            let mut parties: Vec<&str> = Vec::new();
            for &i in &order {
                let e = &t.events[i];
                for item in shown.evidence[i].items() {
                    let name = match item {
                        Item::Source(s) => e.sources[s].outlet.trim(),
                        Item::Denial(d) => t.actor_name(&e.denials[d].by).trim(),
                    };
                    if !parties.iter().any(|p| crate::fold::eq(p, name)) {
                        parties.push(name);
                    }
                }
            }
            proptest::prop_assert_eq!(&whole.parties, &parties);
        }
    }
}
