//! How the explorer writes dates: in words at their precision, or as written in the file.

use serde::Deserialize;

use crate::model::Date;

/// The config's `dates`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateStyle {
    /// "24 Jul 2015", "c. Dec 2015", "500 BCE".
    #[default]
    Human,
    /// As written in the file (EDTF, ISO 8601 based): "2015-07-24", "2015-12~", "-0499".
    Iso,
}

impl DateStyle {
    /// `date` in this style.
    pub fn show(self, date: &Date) -> String {
        match self {
            DateStyle::Human => date.human(),
            DateStyle::Iso => date.text().to_string(),
        }
    }
}
