//! What loading a file comes to, whichever format it was in: shared by `load` and `import`, so
//! neither needs the other's types.

use crate::diagnostic::Diagnostic;
use crate::model::Timeline;

/// A parsed timeline and everything found wrong with it, in file order.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// What could be read (complete when there are no errors).
    pub timeline: Timeline,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}
