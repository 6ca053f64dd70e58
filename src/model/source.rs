//! A source of an event, as a loaded timeline holds it, and as a file writes it.
//!
//! A million events hold some millions of sources (about 2.5 an event), and what nearly all of
//! them state is an outlet, perhaps whom it cites, a date, a quote and a link. The rest (a stance
//! other than "reports", a date of their own for the event, a reference, the source they
//! repeat, grades, the claims they back) is boxed together in a [`SourceMore`], and with the
//! outlet and whom it cites in one word ([`Said`]): a source that states none of it is 32
//! bytes, not 80. The file's form is the flat [`SourceFields`], which serde reads and the JSON
//! Schema describes; [`super::written`] writes the same keys. The format does not change with
//! the layout.

use schemars::JsonSchema;
use serde::Deserialize;
use thin_vec::ThinVec;

use super::attribution::Attribution;
use super::date::Date;
use super::name::Name;
use super::said::Said;
use super::seldom::Fields;
use super::text::Text;
use super::timeline::{DateSchema, Reliability, Stance};

/// Who reported or backed an event: an entry of `[[events.sources]]`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(from = "SourceFields")]
#[schemars(with = "SourceFields")]
pub struct Source {
    // Its prose is a `Text`, one word where a `String` takes three, and prose lent by a mapped
    // file is not copied; its outlet and whom it cites are one word, mostly shared by every
    // source that names the same pair, and boxed with what few sources state once it states
    // some of it (`Said`). `SourceFields` says what each field means.
    /// The outlet and whom it cites, and what few sources state (see [`SourceMore`]): read
    /// through [`Source::by`] and [`Source::more`].
    pub said: Said,
    pub date: Option<Date>,
    pub quote: Option<Text>,
    pub url: Option<Text>,
}

const _: () = assert!(size_of::<Source>() <= 32);

/// What few sources state, kept apart from what most do; see [`SourceFields`] for each field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMore {
    pub stance: Stance,
    pub dated: Option<Date>,
    pub via: Option<Name>,
    pub derived_from: Option<Name>,
    pub reliability: Option<Reliability>,
    pub credibility: Option<u8>,
    pub claims: ThinVec<String>,
}

/// A source that states none of the seldom-stated fields.
static NONE: SourceMore = SourceMore {
    stance: Stance::Reports,
    dated: None,
    via: None,
    derived_from: None,
    reliability: None,
    credibility: None,
    claims: ThinVec::new(),
};

impl Fields for SourceMore {
    fn none() -> &'static SourceMore {
        &NONE
    }
}

impl Source {
    /// The outlet and whom it cites.
    pub fn by(&self) -> &Attribution {
        self.said.by()
    }

    /// What few sources state (see [`SourceMore`]).
    pub fn more(&self) -> &SourceMore {
        self.said.more()
    }

    /// The outlet and whom it cites, as the detail, the opened claim and `tlx show` name a
    /// source: "Fox News, citing Western intelligence sources".
    pub fn attribution(&self) -> String {
        match self.citing() {
            Some(c) => format!("{}, citing {c}", self.outlet()),
            None => self.outlet().to_string(),
        }
    }

    /// Who said it.
    pub fn outlet(&self) -> &str {
        self.by().outlet()
    }

    /// Whom they attribute it to.
    pub fn citing(&self) -> Option<&str> {
        self.by().citing().map(Name::as_str)
    }
}

/// A source as a file states it: the keys of `[[events.sources]]`.
// Read by serde, described by the schema; `super::written` writes the same keys. The
// `skip_serializing_if`s say to the schema what they said when this form was written too: a
// key left out states no default.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Source",
    description = "Who reported or backed an event: an entry of `[[events.sources]]`."
)]
pub struct SourceFields {
    /// Who said it.
    pub outlet: Name,
    /// Whom they attribute it to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citing: Option<Name>,
    /// reports (default), corroborates or confirms.
    #[serde(default, skip_serializing_if = "is_default_stance")]
    pub stance: Stance,
    /// When they said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateSchema>")]
    pub date: Option<Date>,
    /// The date this source gives for the event, when it states one ("on July 24" is
    /// `2015-07-24`); sources may disagree with each other and with the event's `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateSchema>")]
    pub dated: Option<Date>,
    /// The reference (id in `[references]`) in which the author read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Name>,
    /// A verbatim passage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Text>,
    /// Where the source itself can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    /// The outlet of another source of this event that this one repeats (same origin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived_from: Option<Name>,
    /// How reliable the outlet is, on the NATO Admiralty scale (A reliable .. E unreliable, F cannot be judged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
    /// How credible this report is, 1 (confirmed) .. 5 (improbable), 6 (cannot be judged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 6))]
    pub credibility: Option<u8>,
    /// Ids of the event's claims this source supports; none means the event as a whole.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub claims: ThinVec<String>,
}

fn is_default_stance(s: &Stance) -> bool {
    *s == Stance::Reports
}

impl From<SourceFields> for Source {
    fn from(f: SourceFields) -> Source {
        let more = SourceMore {
            stance: f.stance,
            dated: f.dated,
            via: f.via,
            derived_from: f.derived_from,
            reliability: f.reliability,
            credibility: f.credibility,
            claims: f.claims,
        };
        // serde reads a name as a copy of its own; read from a file, it is the one kept.
        let read = |name: Name| match name.is_owned() {
            true => Name::shared(&name),
            false => name,
        };
        Source {
            said: Said::new(Attribution::new(read(f.outlet), f.citing.map(read)), more),
            date: f.date,
            quote: f.quote,
            url: f.url,
        }
    }
}
