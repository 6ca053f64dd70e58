//! The dates an event's sources give for it (`dated`), when they state one: sources may disagree
//! with each other ("late last month" against "July 24") and with the event's own `date`, which
//! is the compiler's reading. Each date is kept with the sources that give it, never merged.

use super::date::Date;
use super::event::Event;

/// One date given for an event and the sources that give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateGiven<'a> {
    /// The date as written (`2015-07~`).
    pub date: &'a Date,
    /// Indices in `event.sources` of the sources giving it, in file order.
    pub sources: Vec<usize>,
}

impl Event {
    /// The distinct dates the event's sources give for it, in the order first given, each with
    /// the sources giving it; empty when no source states a date.
    pub fn dates_given(&self) -> Vec<DateGiven<'_>> {
        let mut given: Vec<DateGiven<'_>> = Vec::new();
        for (i, date) in self
            .sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((i, s.more().dated.as_ref()?)))
        {
            match given.iter_mut().find(|g| g.date == date) {
                Some(g) => g.sources.push(i),
                None => given.push(DateGiven { date, sources: vec![i] }),
            }
        }
        given
    }

    /// The dates given, when they disagree with each other or with the event's own date: what
    /// `show` and the detail list, since a single `date` would hide it. `None` when they agree.
    pub fn dates_disputed(&self) -> Option<Vec<DateGiven<'_>>> {
        let given = self.dates_given();
        (!given.iter().all(|g| *g.date == self.date)).then_some(given)
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{Document, Options};
    use crate::model::{Date, Event, Source, SourceFields};

    #[test]
    fn each_distinct_date_is_kept_with_the_sources_giving_it() {
        let source = |outlet: &str, dated: Option<&str>| {
            Source::from(SourceFields {
                outlet: outlet.into(),
                dated: dated.map(|d| Date::parse(d).unwrap()),
                ..SourceFields::default()
            })
        };
        let e = Event {
            sources: [
                source("A", Some("2015-07-24")),
                source("B", None),
                source("C", Some("2015-07~")),
                source("D", Some("2015-07-24")),
            ]
            .into(),
            ..Event::new("e", Date::parse("2015-07-24").unwrap(), "t")
        };
        let given: Vec<(String, Vec<usize>)> = e
            .dates_given()
            .into_iter()
            .map(|g| (g.date.text().to_string(), g.sources))
            .collect();
        let expected = [("2015-07-24", vec![0, 3]), ("2015-07~", vec![2])];
        assert_eq!(given, expected.map(|(d, sources)| (d.to_string(), sources)));
        assert!(
            Event::new("e", Date::parse("2015").unwrap(), "t")
                .dates_given()
                .is_empty()
        );
    }

    #[test]
    fn the_bundled_moscow_visit_is_dated_apart_by_fox_news_and_reuters_iranian_officials() {
        let t = Document::bundled().load(Options::default()).timeline;
        let visit = t.event("moscow-visit").unwrap();
        let given: Vec<(String, Vec<String>)> = visit
            .dates_given()
            .into_iter()
            .map(|g| {
                let who = g.sources.iter().map(|&i| {
                    let s = &visit.sources[i];
                    format!("{} / {}", s.outlet(), s.citing().unwrap_or("-"))
                });
                (g.date.text().to_string(), who.collect())
            })
            .collect();
        assert_eq!(
            given,
            [
                (
                    "2015-07-24",
                    vec![
                        "Fox News / -".to_string(),
                        "Fox News / Western intelligence sources".to_string()
                    ]
                ),
                ("2015-07?", vec!["Reuters / Iranian officials".to_string()]),
            ]
            .map(|(d, who)| (d.to_string(), who))
        );
    }
}
