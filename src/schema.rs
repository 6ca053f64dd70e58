//! The JSON Schema of the timeline format, derived from the model types.
//!
//! It describes the timeline file (the TOML a researcher edits), not the JSON export: the export's
//! top-level `format` and `format_version` and each event's computed `status` are outside it, and
//! the schema's `additionalProperties: false` refuses them. Adding them would put keys in the
//! schema that the TOML loader rightly refuses (`tests/schema.rs` checks the two agree).

use crate::model::Timeline;

/// The schema as pretty-printed JSON, as committed in `assets/timeline.schema.json`.
pub fn json() -> String {
    let schema = schemars::schema_for!(Timeline);
    serde_json::to_string_pretty(&schema).expect("a schema always serializes")
}
