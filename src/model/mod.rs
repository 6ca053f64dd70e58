//! The timeline model: types, dates, evidence status. No terminal code lives here.

pub mod attribution;
pub mod claims;
pub mod date;
pub mod date_style;
pub mod dating;
pub mod display;
pub mod event;
pub mod evidence;
mod kept;
pub mod lag;
pub mod matrix;
pub mod merge;
pub mod name;
pub mod names;
pub mod origins;
pub mod place;
pub mod replay;
pub mod said;
pub mod seldom;
pub mod source;
pub mod sources;
pub mod status;
pub mod text;
pub mod timeline;
pub mod vocabulary;
mod written;

pub use attribution::Attribution;
pub use date::{Date, DateError, Precision};
pub use date_style::DateStyle;
pub use event::{Event, EventFields, EventMore};
pub use name::Name;
pub use names::Names;
pub use source::{Source, SourceFields, SourceMore};
pub use status::Status;
pub use text::Text;
pub use timeline::{
    Actor, Claim, Denial, Media, Meta, Place, Rating, Reference, Reliability, Stance, Timeline, admiralty_code,
    credibility_grade, credibility_meaning,
};
