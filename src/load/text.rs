//! A timeline file's text: read into memory, or, for a large file, mapped (see
//! [`super::mapped`]). Either way it is checked as UTF-8 once and read as `str`.

use std::ops::Deref;
#[cfg(target_os = "linux")]
use std::sync::Arc;

/// A file's text, without a UTF-8 byte order mark.
#[derive(Clone)]
pub struct Text(Held);

#[derive(Clone)]
enum Held {
    Owned(String),
    /// Bytes from `start` (past a byte order mark) checked as UTF-8 when mapped.
    #[cfg(target_os = "linux")]
    Mapped {
        map: Arc<crate::mapped::Mapped>,
        start: usize,
    },
}

impl Text {
    /// Mapped bytes, from `start` on, that were checked to be UTF-8.
    #[cfg(target_os = "linux")]
    pub(super) fn mapped(map: crate::mapped::Mapped, start: usize) -> Text {
        debug_assert!(std::str::from_utf8(&map.bytes()[start..]).is_ok());
        Text(Held::Mapped {
            map: Arc::new(map),
            start,
        })
    }

    /// Lets the events read from this text keep slices of it rather than copies: a mapped text
    /// then stays mapped until the process ends (see [`crate::mapped`]), so only a reader that
    /// keeps its events asks it. Nothing for a text read into memory, or when too many are lent.
    pub fn lend(&self) {
        #[cfg(target_os = "linux")]
        if let Held::Mapped { map, .. } = &self.0 {
            crate::mapped::Mapped::lend(map);
        }
    }

    /// True when the file was truncated while mapped and read past its new end: the text then
    /// holds zeros that were never in the file, and what was made from it must be dropped.
    pub fn cut(&self) -> bool {
        match &self.0 {
            Held::Owned(_) => false,
            #[cfg(target_os = "linux")]
            Held::Mapped { map, .. } => map.cut(),
        }
    }

    /// [`CutShort`] when the text was cut (see [`Text::cut`]).
    pub fn intact(&self) -> Result<(), CutShort> {
        if self.cut() { Err(CutShort) } else { Ok(()) }
    }

    /// True when the text is mapped from its file rather than held in memory.
    pub fn is_mapped(&self) -> bool {
        !matches!(self.0, Held::Owned(_))
    }

    /// The text as an owned string (a copy, when mapped).
    pub fn into_string(self) -> String {
        match self.0 {
            Held::Owned(text) => text,
            #[cfg(target_os = "linux")]
            Held::Mapped { .. } => self.to_string(),
        }
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            Held::Owned(text) => text,
            // SAFETY: checked as UTF-8 when mapped. Should another program rewrite the file
            // meanwhile, the bytes may change under this `str`; the guard turns a truncation into
            // zeros, which are UTF-8, and the readers report it (`Text::cut`).
            #[cfg(target_os = "linux")]
            Held::Mapped { map, start } => unsafe { std::str::from_utf8_unchecked(&map.bytes()[*start..]) },
        }
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Held::Owned(text))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(Held::Owned(text.to_string()))
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// A mapped file was cut short by another program while tlx read it (see [`Text::cut`]): what
/// was read from it is not the file and is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("it was cut short by another program while tlx read it")]
pub struct CutShort;

impl CutShort {
    /// True when `error` is a [`CutShort`] passed through a writer.
    pub fn is(error: &std::io::Error) -> bool {
        error.get_ref().is_some_and(|inner| inner.is::<CutShort>())
    }

    /// The error as a finding of a load or check, which keeps the file from opening.
    pub fn diagnostic(self) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::error("cut-short", 0..0, format!("{self}; nothing read from it was kept"))
            .with_hint("open it again once the program writing it is done")
    }
}

impl From<CutShort> for std::io::Error {
    fn from(cut: CutShort) -> std::io::Error {
        std::io::Error::other(cut)
    }
}
