//! The JSON Schema of the timeline format, derived from the model types.

use crate::model::Timeline;

/// The schema as pretty-printed JSON, as committed in `assets/timeline.schema.json`.
pub fn json() -> String {
    let schema = schemars::schema_for!(Timeline);
    serde_json::to_string_pretty(&schema).expect("a schema always serializes")
}
