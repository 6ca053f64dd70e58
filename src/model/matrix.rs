//! Who said what: a table of parties (outlets and deniers) against events, each cell saying
//! whether that party reported, corroborated, confirmed or denied that event.

use std::collections::HashMap;

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
    starts: Vec<usize>,
    /// The party of each entry, ascending within a column.
    speakers: Vec<usize>,
    /// What each entry's party did, and which source or denial says so; in file order within a cell.
    said: Vec<(Mark, Item)>,
    /// How many cells of each party's row are filled.
    filled: Vec<usize>,
}

impl Matrix {
    /// The table for the events in `order`, counting only their known evidence.
    pub fn build(t: &Timeline, order: &[usize], evidence: &[Evidence]) -> Matrix {
        let mut m = Matrix {
            events: order.to_vec(),
            starts: Vec::with_capacity(order.len() + 1),
            ..Matrix::default()
        };
        // Parties are told apart by name without case; most names recur as written, so the
        // name as written is looked up first and lowered only when new.
        let mut as_written: HashMap<&str, usize> = HashMap::new();
        let mut folded: HashMap<String, usize> = HashMap::new();
        let mut column: Vec<(usize, Mark, Item)> = Vec::new();
        for &i in order {
            let e = &t.events[i];
            column.clear();
            for item in evidence[i].items() {
                let (name, mark) = match item {
                    Item::Source(s) => (e.sources[s].outlet.as_str(), Mark::from(e.sources[s].stance)),
                    Item::Denial(d) => (t.actor_name(&e.denials[d].by), Mark::Denies),
                };
                let name = name.trim();
                let party = match as_written.get(name) {
                    Some(&party) => party,
                    None => {
                        let party = *folded.entry(name.to_lowercase()).or_insert_with(|| {
                            m.parties.push(name.to_string());
                            m.filled.push(0);
                            m.parties.len() - 1
                        });
                        as_written.insert(name, party);
                        party
                    }
                };
                column.push((party, mark, item));
            }
            // Stable: a cell keeps its entries in file order.
            column.sort_by_key(|&(party, ..)| party);
            m.starts.push(m.said.len());
            for (k, &(party, mark, item)) in column.iter().enumerate() {
                if k == 0 || column[k - 1].0 != party {
                    m.filled[party] += 1;
                }
                m.speakers.push(party);
                m.said.push((mark, item));
            }
        }
        m.starts.push(m.said.len());
        m
    }

    /// What a party did about the event in a column, in file order.
    pub fn cell(&self, party: usize, col: usize) -> &[(Mark, Item)] {
        let (Some(&start), Some(&end)) = (self.starts.get(col), self.starts.get(col + 1)) else {
            return &[];
        };
        let speakers = &self.speakers[start..end];
        let from = start + speakers.partition_point(|&p| p < party);
        let to = start + speakers.partition_point(|&p| p <= party);
        &self.said[from..to]
    }

    /// The parties that spoke of the event in a column, in the order of `parties`.
    pub fn speakers(&self, col: usize) -> Vec<usize> {
        let (Some(&start), Some(&end)) = (self.starts.get(col), self.starts.get(col + 1)) else {
            return Vec::new();
        };
        let mut parties = self.speakers[start..end].to_vec();
        parties.dedup();
        parties
    }

    /// The symbol of a cell: its mark, `±` when the party both backed and denied the event,
    /// or `None` when the party said nothing of it.
    pub fn symbol(&self, party: usize, col: usize) -> Option<char> {
        let marks: Vec<Mark> = self.cell(party, col).iter().map(|&(m, _)| m).collect();
        symbol_of(&marks)
    }

    /// A party's stance on each claim of the event in a column: first the event as a whole (the
    /// sources and denials naming no claim), then the event's claims in file order; each the
    /// symbol [`Matrix::symbol`] would give for just the items on it, `None` where it is silent.
    pub fn claim_symbols(&self, t: &Timeline, party: usize, col: usize) -> Vec<Option<char>> {
        let Some(e) = self.events.get(col).map(|&i| &t.events[i]) else {
            return Vec::new();
        };
        let mut marks = vec![Vec::new(); e.claims.len() + 1];
        for &(mark, item) in self.cell(party, col) {
            let named = match item {
                Item::Source(s) => &e.sources[s].claims,
                Item::Denial(d) => &e.denials[d].claims,
            };
            if named.is_empty() {
                marks[0].push(mark);
            }
            for id in named {
                if let Some(c) = e.claims.iter().position(|c| &c.id == id) {
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
        assert!(m.cell(kremlin, col).iter().all(|(mark, _)| *mark == Mark::Denies));
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
        let ids: Vec<&str> = t.events[visit].claims.iter().map(|c| c.id.as_str()).collect();
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
                let got: Vec<Item> = m.cell(p, col).iter().map(|&(_, item)| item).collect();
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
}
