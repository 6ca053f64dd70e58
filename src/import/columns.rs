//! Which columns of a spreadsheet or dataset give which of tlx's CSV columns: the header names
//! people use for each field, recognised without configuration, and what the user says in
//! `--columns`, a mapping file or a preset (README "Spreadsheets and datasets").

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::csv::{Field, Fields};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::located::{did_you_mean, report_unknown_keys};
use crate::model::date::Order;
use crate::model::vocabulary;

/// Header names of other tools and of hand-made sheets, by the tlx CSV column they mean. Keys are
/// columns of the field table ([`vocabulary::csv_columns`]) or the date's [`PRECISION`] and
/// [`QUALIFIER`]; names are compared without case, spaces, `_` or `-`.
const ALIASES: &[(&str, &[&str])] = &[
    ("id", &["eventid", "uid", "uniqueid", "key"]),
    (
        "date",
        &[
            "eventdate",
            "when",
            "startdate",
            "start",
            "datetime",
            "day",
            "dateofevent",
        ],
    ),
    ("title", &["event", "headline", "name", "eventtitle", "what", "subject"]),
    ("summary", &["description", "text", "details", "body", "content"]),
    (
        "tags",
        &[
            "tag",
            "category",
            "categories",
            "keywords",
            "labels",
            "eventtype",
            "type",
        ],
    ),
    ("actors", &["actor", "people", "participants", "who", "parties"]),
    (
        "outlet",
        &[
            "source",
            "sources",
            "outlets",
            "publisher",
            "publication",
            "media",
            "newspaper",
        ],
    ),
    (
        "url",
        &["sourceurl", "link", "links", "href", "website", "sourcelink", "webpage"],
    ),
    ("quote", &["excerpt", "quotation", "citation"]),
    ("notes", &["comment", "comments", "remarks", "note"]),
    (
        "place",
        &[
            "location",
            "placename",
            "locationname",
            "city",
            "town",
            "locality",
            "site",
        ],
    ),
    ("latitude", &["lat"]),
    (PRECISION, &["timeprecision", "dateprecision"]),
    (
        QUALIFIER,
        &[
            "qualifier",
            "datequalifier",
            "certainty",
            "datecertainty",
            "dateaccuracy",
        ],
    ),
    ("longitude", &["lon", "lng", "long"]),
];

/// The pseudo-column whose 1, 2 or 3 says the date is known to the day, week or month.
pub const PRECISION: &str = "precision";

/// The pseudo-column whose word ("circa", "uncertain", "before") qualifies the date: see [`qualified`].
pub const QUALIFIER: &str = "qualifier";

/// The separator of several values in one mapped outlet, actor or tag cell.
pub const SPLIT: char = ';';

/// Which of the file's columns make each of tlx's columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapping {
    /// Each tlx column the mapping names (or [`PRECISION`], [`QUALIFIER`]) and where it comes from.
    pub columns: Vec<Column>,
    /// The names of the columns of a file with no header row.
    pub header: Option<Vec<String>>,
    /// Day or month first in numeric dates.
    pub order: Option<Order>,
}

/// One tlx column of a mapping and the file's columns whose cells make it, joined.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub target: String,
    pub sources: Vec<String>,
    /// The config's mapping this comes from. Such a mapping serves many files, so a column one of
    /// them lacks is skipped with a warning; one named on the command line or in a mapping file,
    /// which are written for the file, is an error.
    pub from_config: Option<String>,
}

/// The settings of a mapping file, which a `[mappings.NAME]` table of the config holds too.
const MAPPING_KEYS: &[&str] = &["day_first", "month_first", "header", "columns"];

/// Compares header names as people vary them: "Event Date", `event_date` and `EVENT-DATE` alike.
pub fn normal(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The tlx column (or the date's precision or qualifier) a header name means: its own name, or a
/// common name for it.
pub fn guess(name: &str) -> Option<&'static str> {
    let n = normal(name);
    vocabulary::csv_columns()
        .into_iter()
        .find(|c| normal(c) == n)
        .or_else(|| [PRECISION, QUALIFIER].into_iter().find(|p| *p == n))
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(_, names)| names.contains(&n.as_str()))
                .map(|(c, _)| *c)
        })
}

impl Mapping {
    /// Reads `date=event_date,title=event_type+location`; `None` names what is wrong.
    pub fn parse_spec(spec: &str) -> Result<Mapping, String> {
        let mut mapping = Mapping::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (target, sources) = part.split_once('=').ok_or_else(|| {
                format!(
                    "`{part}` is not COLUMN=NAME; write e.g. date=event_date (a mapping kept in the \
                         config is chosen with --preset NAME)"
                )
            })?;
            let sources: Vec<String> = sources.split('+').map(|s| s.trim().to_string()).collect();
            mapping.add(target.trim(), sources)?;
        }
        Ok(mapping)
    }

    /// Reads a mapping file called `name`; the error lists each mistake with its line and column.
    pub fn parse_toml(name: &str, text: &str) -> Result<Mapping, String> {
        let src = SourceText::new(name, text);
        let at = |span: Option<&Range<usize>>, message: &str, hint: Option<&str>| {
            let (line, col) = src.line_col(span.map_or(0, |s| s.start));
            let hint = hint.map_or(String::new(), |h| format!(" ({h})"));
            format!("{name}:{line}:{col}: {message}{hint}")
        };
        // A mapping file is a few lines: its first syntax error is enough to go on.
        let root = DeTable::parse(text).map_err(|e| at(e.span().as_ref(), e.message().trim(), None))?;
        let mut diags = Vec::new();
        let mapping = Mapping::from_table(root.get_ref(), None, &mut diags);
        if diags.is_empty() {
            return Ok(mapping);
        }
        let lines: Vec<String> = diags
            .iter()
            .map(|d| at(d.span.as_ref(), &d.message, d.hint.as_deref()))
            .collect();
        Err(lines.join("; "))
    }

    /// Reads the settings of a mapping: a mapping file's top level (`config` is `None`) or a
    /// `[mappings.NAME]` table of the config (`config` is its name): `day_first`/`month_first`,
    /// `header = [...]` and a `[columns]` table of `tlx_column = "name"` or `["name", "name"]`.
    /// Every mistake goes into `diags` with its span.
    pub fn from_table(table: &DeTable<'_>, config: Option<&str>, diags: &mut Vec<Diagnostic>) -> Mapping {
        let what = match config {
            Some(name) => format!("[mappings.{name}]"),
            None => "the mapping file's top level".to_string(),
        };
        report_unknown_keys(table, &what, MAPPING_KEYS, diags);
        let mut mapping = Mapping::default();
        for (key, value) in table {
            let key = key.get_ref().as_ref();
            match (key, value.get_ref()) {
                ("day_first", DeValue::Boolean(true)) => mapping.order = Some(Order::DayFirst),
                ("month_first", DeValue::Boolean(true)) => mapping.order = Some(Order::MonthFirst),
                ("day_first" | "month_first", DeValue::Boolean(false)) => {}
                ("day_first" | "month_first", _) => {
                    diags.push(wrong(value, key, "true or false", &format!("{key} = true")))
                }
                ("header", _) => match strings(value) {
                    Some(names) => mapping.header = Some(names),
                    None => diags.push(wrong(value, key, "a list of names", "header = [\"when\", \"what\"]")),
                },
                ("columns", DeValue::Table(columns)) => {
                    for (target, sources) in columns {
                        let (span, target) = (target.span(), target.get_ref().as_ref());
                        let names = match sources.get_ref() {
                            DeValue::String(s) => Some(vec![s.to_string()]),
                            _ => strings(sources),
                        };
                        let Some(names) = names else {
                            let example = format!("{target} = \"their_column\" or [\"one\", \"another\"]");
                            diags.push(wrong(sources, target, "a column name or a list of names", &example));
                            continue;
                        };
                        if let Err(e) = mapping.add(target, names) {
                            diags.push(Diagnostic::error("bad-value", span, e));
                        }
                    }
                }
                ("columns", _) => diags.push(wrong(value, key, "a table", "[columns], then date = \"their_column\"")),
                _ => {}
            }
        }
        for column in &mut mapping.columns {
            column.from_config = config.map(str::to_string);
        }
        mapping
    }

    fn add(&mut self, target: &str, sources: Vec<String>) -> Result<(), String> {
        let columns = vocabulary::csv_columns();
        let known = columns.contains(&target) || [PRECISION, QUALIFIER].contains(&target);
        if !known {
            let hint = did_you_mean(target, columns.iter().copied().chain([PRECISION, QUALIFIER]))
                .map_or(String::new(), |c| format!(" (did you mean `{c}`?)"));
            return Err(format!(
                "`{target}` is not a tlx column{hint}; README \"Importing\" lists them"
            ));
        }
        if sources.iter().any(String::is_empty) {
            return Err(format!("`{target}=` needs a column name after ="));
        }
        self.columns.retain(|c| c.target != target);
        self.columns.push(Column {
            target: target.to_string(),
            sources,
            from_config: None,
        });
        Ok(())
    }

    /// This mapping with `other`'s settings over it.
    pub fn and(mut self, other: &Mapping) -> Mapping {
        for column in &other.columns {
            self.columns.retain(|c| c.target != column.target);
            self.columns.push(column.clone());
        }
        if other.header.is_some() {
            self.header = other.header.clone();
        }
        self.order = other.order.or(self.order);
        self
    }
}

/// A well-known export `--preset` maps: its name, its mapping as `--columns` writes it, and
/// the names of its columns when its files have no header row.
struct Preset {
    name: &'static str,
    spec: &'static str,
    header: Option<&'static [&'static str]>,
}

/// The exports `--preset` knows, each with its mapping (from the public codebooks' column lists).
const PRESETS: &[Preset] = &[
    Preset {
        name: "acled",
        // ACLED's codebook: one row per event; `time_precision` 1/2/3 is day/week/month; `source`
        // lists outlets separated by `;`; `notes` is the event's description.
        spec: "id=event_id_cnty,date=event_date,title=sub_event_type+location,summary=notes,\
               actors=actor1+assoc_actor_1+actor2+assoc_actor_2,tags=disorder_type+event_type,outlet=source,\
               precision=time_precision,place=location,latitude=latitude,longitude=longitude",
        header: None,
    },
    Preset {
        name: "gdelt",
        // GDELT 2.0's event export: tab-separated, no header row, one row per event coded by a
        // machine from one article (SOURCEURL, whose site is the outlet). It has no headline:
        // the title is who did it to whom and where; EventCode is the CAMEO code of what.
        spec: "id=GLOBALEVENTID,date=SQLDATE,title=Actor1Name+Actor2Name+ActionGeo_FullName,\
               actors=Actor1Name+Actor2Name,tags=EventCode,url=SOURCEURL,\
               place=ActionGeo_FullName,latitude=ActionGeo_Lat,longitude=ActionGeo_Long",
        header: Some(GDELT_COLUMNS),
    },
];

/// The 61 columns of a GDELT 2.0 event export, in order, from its codebook.
const GDELT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The mapping `--preset NAME` chooses: one of the config's `[mappings.NAME]`, or one tlx knows.
pub fn preset(name: &str, config: &[(String, Mapping)]) -> Result<Mapping, String> {
    if let Some((_, mapping)) = config.iter().find(|(n, _)| n == name) {
        return Ok(mapping.clone());
    }
    let Some(preset) = PRESETS.iter().find(|p| p.name.eq_ignore_ascii_case(name)) else {
        let known = PRESETS
            .iter()
            .map(|p| p.name)
            .chain(config.iter().map(|(n, _)| n.as_str()));
        let hint = did_you_mean(name, known).map_or(String::new(), |n| format!("did you mean `{n}`? "));
        let names: Vec<String> = PRESETS
            .iter()
            .map(|p| p.name.to_string())
            .chain(config.iter().map(|(n, _)| format!("{n} (the config's)")))
            .collect();
        return Err(format!(
            "there is no preset `{name}`; {hint}there are: {} (a [mappings.NAME] table in the config adds one)",
            names.join(", ")
        ));
    };
    let mut mapping = Mapping::parse_spec(preset.spec)?;
    mapping.header = preset.header.map(|h| h.iter().map(|n| n.to_string()).collect());
    Ok(mapping)
}

/// Whether `--preset name` means one of tlx's own presets, which the config cannot redefine.
pub fn is_builtin(name: &str) -> bool {
    PRESETS.iter().any(|p| p.name.eq_ignore_ascii_case(name))
}

/// A wrong-type error for `key` of a mapping, with an example of what to write.
fn wrong(value: &Spanned<DeValue<'_>>, key: &str, want: &str, example: &str) -> Diagnostic {
    Diagnostic::error(
        "wrong-type",
        value.span(),
        format!("`{key}` must be {want}, not {}", value.get_ref().type_str()),
    )
    .with_hint(format!("write {example}"))
}

/// The strings of an array of strings; `None` for anything else.
fn strings(value: &Spanned<DeValue<'_>>) -> Option<Vec<String>> {
    match value.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .map(|i| match i.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// One cell of a record as tlx reads it: a cell of the file, or several joined.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    One(usize),
    Joined(Vec<usize>, &'static str),
}

/// How the records of one file become records with tlx's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The header tlx reads: tlx's names, then the file's other columns as written.
    pub names: Vec<String>,
    cells: Vec<Cell>,
    /// The date, among `cells`, and the file's column of its precision (which is not passed on).
    precision: Option<(usize, usize)>,
    /// The date, among `cells`, and the file's column of its qualifier (which is not passed on).
    qualifier: Option<(usize, usize)>,
    /// Whether the file has a header row to skip.
    pub headerless: bool,
    /// How many columns the file's header names; cells past them are passed on as they are.
    width: usize,
    /// Whether outlet cells hold several outlets (the outlet column was mapped, not tlx's own).
    pub split_outlets: bool,
    order: Option<Order>,
}

impl Plan {
    /// The plan for a file whose first record is `header` (or, with `mapping.header`, whose
    /// columns have those names); errors name the header cells, or the mapping, that are wrong.
    pub fn new(header: &[&str], spans: &[Range<usize>], mapping: &Mapping) -> (Plan, Vec<Diagnostic>) {
        let names: Vec<String> = match &mapping.header {
            Some(names) => names.clone(),
            None => header.iter().map(|h| h.trim().to_string()).collect(),
        };
        let whole = spans
            .first()
            .map_or(0..0, |s| s.start..spans.last().map_or(s.end, |l| l.end));
        let mut diags = Vec::new();
        let index = |name: &str| names.iter().position(|n| normal(n) == normal(name));
        let mut used = vec![false; names.len()];
        let mut targets: Vec<(String, Cell)> = Vec::new();
        for Column {
            target,
            sources,
            from_config,
        } in &mapping.columns
        {
            let mut found = Vec::new();
            for source in sources {
                match index(source) {
                    Some(i) => found.push(i),
                    None => {
                        // A column missing from a composition is a warning while others remain.
                        let some = sources.iter().any(|s| index(s).is_some());
                        let hint = match did_you_mean(source, names.iter().map(String::as_str)) {
                            Some(n) => format!("did you mean `{n}`? The header has: {}", names.join(", ")),
                            None => format!("the header has: {}", names.join(", ")),
                        };
                        let message = match from_config {
                            Some(name) => format!(
                                "the config's mapping `{name}` reads `{target}` from `{source}`, which this file \
                                 does not have; it is left out"
                            ),
                            None => format!("the mapping reads `{target}` from `{source}`, which is not a column"),
                        };
                        let d = if some || from_config.is_some() {
                            Diagnostic::warning("missing-key", whole.clone(), message)
                        } else {
                            Diagnostic::error("missing-key", whole.clone(), message)
                        };
                        diags.push(d.with_hint(hint));
                    }
                }
            }
            for &i in &found {
                used[i] = true;
            }
            let cell = match found.as_slice() {
                [] => continue,
                [one] => Cell::One(*one),
                _ => {
                    let list = vocabulary::FIELDS.iter().any(|f| f.csv == target && f.many);
                    Cell::Joined(found, if list { "; " } else { ", " })
                }
            };
            targets.push((target.clone(), cell));
        }
        let mut split_outlets = targets.iter().any(|(t, _)| t == "outlet");
        // Columns the mapping does not name: tlx's own names, then common ones for fields still free.
        for (i, name) in names.iter().enumerate() {
            if used[i] {
                continue;
            }
            if let Some(own) = vocabulary::csv_columns()
                .into_iter()
                .find(|c| normal(c) == normal(name))
                && !targets.iter().any(|(t, _)| t == own)
            {
                used[i] = true;
                targets.push((own.to_string(), Cell::One(i)));
            }
        }
        for (i, name) in names.iter().enumerate() {
            if let Some(alias) = guess(name).filter(|_| !used[i])
                && !targets.iter().any(|(t, _)| t == alias)
            {
                used[i] = true;
                split_outlets |= alias == "outlet";
                targets.push((alias.to_string(), Cell::One(i)));
            }
        }
        let mut pseudo = |name: &str| match targets.iter().position(|(t, _)| t == name) {
            Some(n) => match targets.remove(n).1 {
                Cell::One(i) => Some(i),
                Cell::Joined(..) => None,
            },
            None => None,
        };
        let (precision, qualifier) = (pseudo(PRECISION), pseudo(QUALIFIER));
        let date = targets.iter().position(|(t, _)| t == "date");
        let mut plan_names: Vec<String> = targets.iter().map(|(t, _)| t.clone()).collect();
        let mut cells: Vec<Cell> = targets.into_iter().map(|(_, c)| c).collect();
        // The names given so far, as compared: a set, so a header of many thousand columns costs
        // one pass, not one per pair of columns.
        let mut taken: std::collections::HashSet<String> = plan_names.iter().map(|t| normal(t)).collect();
        for (i, name) in names.iter().enumerate().filter(|(i, _)| !used[*i]) {
            // A column named as one of tlx's whose field the mapping fills from elsewhere keeps
            // its cells, in the notes, under a name tlx does not read as that field.
            let given = if taken.contains(&normal(name)) {
                format!("original {name}")
            } else {
                name.clone()
            };
            taken.insert(normal(&given));
            plan_names.push(given);
            cells.push(Cell::One(i));
        }
        let plan = Plan {
            names: plan_names,
            cells,
            precision: date.zip(precision),
            qualifier: date.zip(qualifier),
            headerless: mapping.header.is_some(),
            width: names.len(),
            split_outlets,
            order: mapping.order,
        };
        (plan, diags)
    }

    /// True when each cell tlx reads but a date is one of the file's as written, so that a
    /// field's text is in its row: no column is joined from several.
    pub fn keeps_cells(&self) -> bool {
        self.cells.iter().all(|c| matches!(c, Cell::One(_)))
    }

    /// True when records are read as they are: each cell is the file's own, in place (its
    /// column may still be named otherwise, see [`Plan::names`]).
    pub fn is_identity(&self) -> bool {
        !self.headerless
            && self.precision.is_none()
            && self.qualifier.is_none()
            && self.cells.iter().enumerate().all(|(i, c)| *c == Cell::One(i))
    }

    /// A record with tlx's columns, each cell where the cells it reads from were written; a
    /// qualifier tlx does not know is a warning in `diags`.
    pub fn apply<'t>(&self, record: &[Field<'t>], diags: &mut Vec<Diagnostic>) -> Fields<'t> {
        let text = |i: usize| record.get(i).map(|f| &*f.value);
        let at = |i: usize| match record.get(i) {
            Some(f) => f.span.clone(),
            None => record.last().map_or(0..0, |l| l.span.end..l.span.end),
        };
        let mut out = Fields::with_capacity(self.cells.len() + record.len().saturating_sub(self.width));
        for (n, cell) in self.cells.iter().enumerate() {
            match cell {
                Cell::One(i) => {
                    let is_date = |rule: Option<(usize, usize)>| rule.filter(|(date, _)| *date == n).map(|r| r.1);
                    let (level, word) = (is_date(self.precision), is_date(self.qualifier));
                    let value = if level.is_none() && word.is_none() {
                        record.get(*i).map_or(Cow::Borrowed(""), |f| f.value.clone())
                    } else {
                        let value = text(*i).unwrap_or_default();
                        let lowered = level.and_then(|l| lowered(value, text(l), self.order));
                        let date = lowered.as_deref().unwrap_or(value);
                        let word = word.map(|w| (text(w).unwrap_or_default(), at(w)));
                        let qualified = match word {
                            Some((word, span)) => qualified(date, word, self.order).unwrap_or_else(|hint| {
                                diags.push(
                                    Diagnostic::warning(
                                        "bad-value",
                                        span,
                                        format!("date qualifier \"{}\" is not one tlx knows", word.trim()),
                                    )
                                    .with_hint(hint),
                                );
                                None
                            }),
                            None => None,
                        };
                        Cow::Owned(qualified.as_deref().unwrap_or(date).to_string())
                    };
                    out.push(Field { value, span: at(*i) });
                }
                Cell::Joined(parts, separator) => {
                    let values: Vec<&str> = parts
                        .iter()
                        .filter_map(|i| text(*i))
                        .map(str::trim)
                        .filter(|v| !v.is_empty())
                        .collect();
                    let (first, last) = (at(parts[0]), at(parts[parts.len() - 1]));
                    out.push(Field {
                        value: Cow::Owned(values.join(separator)),
                        span: first.start.min(last.start)..first.end.max(last.end),
                    });
                }
            }
        }
        // Cells past the header's columns are reported, and kept, by the reader as for any file.
        out.extend(record.iter().skip(self.width).cloned());
        out
    }
}

/// The date of `value` as precise as the precision cell says: 1 the day, 2 the week (the day
/// becomes approximate), 3 the month; `None` when either cannot be read (the date is then read,
/// and any error reported, as written).
fn lowered(value: &str, level: Option<&str>, order: Option<Order>) -> Option<String> {
    let level = level?.trim();
    let date = crate::model::Date::parse_human(value, order).ok()?;
    let crate::model::date::DateValue::Point(mut point) = date.value() else {
        return None;
    };
    match level {
        "2" if point.day.is_some() => {
            point.time = None;
            point.qualifier = crate::model::date::Qualifier::Approximate;
        }
        "3" if point.month.is_some() => {
            point.day = None;
            point.time = None;
        }
        _ => return None,
    }
    Some(point.edtf())
}

/// The words of a qualifier column, and what each makes of the date: approximate (`~`),
/// uncertain (`?`), both (`%`), before (an interval open at its start, `../DATE`: some time up
/// to that date), after (`DATE/..`), or as written.
const QUALIFIERS: &[(&[&str], Qualified)] = &[
    (&["", "exact", "certain", "known", "precise"], Qualified::Exact),
    (
        &[
            "circa",
            "c.",
            "c",
            "ca.",
            "ca",
            "about",
            "around",
            "approximate",
            "approximately",
            "approx",
            "approx.",
            "estimated",
            "est.",
            "~",
        ],
        Qualified::Approximate,
    ),
    (
        &[
            "uncertain",
            "probably",
            "possibly",
            "perhaps",
            "unconfirmed",
            "unverified",
            "?",
        ],
        Qualified::Uncertain,
    ),
    (&["approximate and uncertain", "circa?", "%"], Qualified::Both),
    (&["before", "by", "not after", "no later than"], Qualified::Before),
    (&["after", "since", "not before", "no earlier than"], Qualified::After),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Qualified {
    Exact,
    Approximate,
    Uncertain,
    Both,
    Before,
    After,
}

/// The date `value` as a qualifier cell's `word` says (see [`QUALIFIERS`]): `Ok(None)` when it
/// stays as written (no word, or a date tlx cannot read, whose error is reported when it is
/// read); the hint listing the words when the word is not one of them.
fn qualified(value: &str, word: &str, order: Option<Order>) -> Result<Option<String>, String> {
    use crate::model::date::{DateValue, Qualifier};
    let word = word.trim().to_lowercase();
    let Some((_, rule)) = QUALIFIERS.iter().find(|(words, _)| words.contains(&word.as_str())) else {
        return Err(
            "write circa, approximate, uncertain, approximate and uncertain, before or after, or leave it empty; \
             the date is read as written"
                .into(),
        );
    };
    let Ok(date) = crate::model::Date::parse_human(value, order) else {
        return Ok(None);
    };
    let DateValue::Point(mut point) = date.value() else {
        return Ok(None);
    };
    let fuzzy = |approximate: bool, uncertain: bool| {
        let (a, u) = match point.qualifier {
            Qualifier::Exact => (false, false),
            Qualifier::Approximate => (true, false),
            Qualifier::Uncertain => (false, true),
            Qualifier::Both => (true, true),
        };
        match (a || approximate, u || uncertain) {
            (false, false) => Qualifier::Exact,
            (true, false) => Qualifier::Approximate,
            (false, true) => Qualifier::Uncertain,
            (true, true) => Qualifier::Both,
        }
    };
    Ok(Some(match rule {
        Qualified::Exact => return Ok(None),
        Qualified::Approximate | Qualified::Uncertain | Qualified::Both => {
            let (a, u) = (*rule != Qualified::Uncertain, *rule != Qualified::Approximate);
            point.qualifier = fuzzy(a, u);
            point.edtf()
        }
        Qualified::Before => format!("../{}", point.edtf()),
        Qualified::After => format!("{}/..", point.edtf()),
    }))
}

/// `tlx import --suggest-columns`: a starter mapping file naming every column of `header`,
/// with tlx's best guess for each.
pub fn suggestion(header: &[&str]) -> String {
    let mut out = String::from(
        "# A mapping of this file's columns to tlx's (README \"Spreadsheets and datasets\").\n\
         # Save it beside the file as FILE.tlx-columns.toml, or pass it with --columns-file;\n\
         # in the config, as [mappings.NAME] and [mappings.NAME.columns], --preset NAME applies it.\n\
         # day_first = true   # or month_first = true, for dates such as 01/04/2020\n\n[columns]\n",
    );
    let mut taken = Vec::new();
    for name in header {
        match guess(name).filter(|g| !taken.contains(g)) {
            Some(g) => {
                taken.push(g);
                out += &format!("{g} = {:?}\n", name.trim());
            }
            None => out += &format!("# ? = {:?}   (kept in each event's notes)\n", name.trim()),
        }
    }
    for required in ["date", "title"] {
        if !taken.contains(&required) {
            out += &format!("# {required} = \"...\"   (required: name the column that holds it)\n");
        }
    }
    out
}

#[cfg(test)]
mod tests;
