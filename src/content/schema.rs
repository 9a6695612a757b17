//! JSON Schemas for site.yaml, municipality.yaml and data.yaml, derived
//! from the types the loader reads (`super::raw`), so the help an editor
//! such as VS Code gives while typing cannot drift from what `planvev
//! check` accepts. Types read by hand-written code (texts by language,
//! cells, totals, targets, columns) are described here, one function each,
//! next to nothing else: what each function says is what its visitor
//! accepts.
//!
//! The schemas are written into the content folder (`.schema/`, ignored by
//! the loader) and each YAML file names its schema with a relative
//! `# yaml-language-server: $schema=…` line, so the help works offline and
//! from any folder depth.

use super::raw::{RawArea, RawMunicipality, RawSite};
use crate::diag::Diagnostic;
use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The folder in the content folder that holds the schemas. It starts with
/// a dot, so the loader ignores it.
pub const DIR: &str = ".schema";

/// The three kinds of YAML file a plan has, each with its own schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaFile {
    /// site.yaml, in the content folder.
    Site,
    /// municipality.yaml, in a municipality's folder.
    Municipality,
    /// data.yaml, in a service area's folder.
    Data,
}

impl SchemaFile {
    /// Every kind, in the order of the folders.
    pub const ALL: [SchemaFile; 3] = [SchemaFile::Site, SchemaFile::Municipality, SchemaFile::Data];

    /// The YAML file's name.
    pub fn yaml_name(self) -> &'static str {
        match self {
            SchemaFile::Site => "site.yaml",
            SchemaFile::Municipality => "municipality.yaml",
            SchemaFile::Data => "data.yaml",
        }
    }

    /// The schema's file name in `.schema/`.
    pub fn json_name(self) -> &'static str {
        match self {
            SchemaFile::Site => "site.json",
            SchemaFile::Municipality => "municipality.json",
            SchemaFile::Data => "data.json",
        }
    }

    /// The kind of a YAML file by its name (`data.yaml` → Data).
    pub fn for_name(name: &str) -> Option<SchemaFile> {
        Self::ALL.into_iter().find(|k| k.yaml_name() == name)
    }

    /// How many folders below the content folder the YAML file lives.
    fn depth(self) -> usize {
        match self {
            SchemaFile::Site => 0,
            SchemaFile::Municipality => 1,
            SchemaFile::Data => 2,
        }
    }

    /// The first line of a YAML file of this kind: names its schema by a
    /// path relative to the file, which is how VS Code's YAML extension
    /// resolves it.
    pub fn modeline(self) -> String {
        format!(
            "# yaml-language-server: $schema={}{DIR}/{}",
            "../".repeat(self.depth()),
            self.json_name()
        )
    }

    /// The schema, as JSON Schema draft 7 (what VS Code's YAML extension
    /// reads best).
    pub fn schema(self) -> serde_json::Value {
        let generator = SchemaSettings::draft07().for_deserialize().into_generator();
        let schema = match self {
            SchemaFile::Site => generator.into_root_schema_for::<RawSite>(),
            SchemaFile::Municipality => generator.into_root_schema_for::<RawMunicipality>(),
            SchemaFile::Data => generator.into_root_schema_for::<RawArea>(),
        };
        schema.to_value()
    }

    /// The schema as the text written to its file.
    pub fn schema_text(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema()).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Writes the three schemas into `content/.schema/`, replacing older ones
/// (they are generated, never edited). Returns the files written.
pub fn write_all(content: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let dir = content.join(DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Diagnostic::error(&dir, format!("the folder could not be made: {e}")))?;
    SchemaFile::ALL
        .into_iter()
        .map(|k| {
            let path = dir.join(k.json_name());
            std::fs::write(&path, k.schema_text())
                .map(|()| path.clone())
                .map_err(|e| Diagnostic::error(&path, format!("the file could not be written: {e}")))
        })
        .collect()
}

/// A language code such as nn or nb, as `languages:` and `language:` take.
pub struct LangCode;

impl JsonSchema for LangCode {
    fn schema_name() -> Cow<'static, str> {
        "LangCode".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A language code of two or three small letters: nn (nynorsk), nb (bokmål), se, en …",
            "type": "string",
            "pattern": "^[a-z]{2,3}$",
            "examples": ["nn", "nb"],
        })
    }
}

/// A scalar written as a text or a number: what `TextVisitor` accepts
/// for a plain text (a number becomes its digits).
fn plain_text() -> serde_json::Value {
    serde_json::json!({ "type": ["string", "number"] })
}

/// `Text`: one text for every language, or a map by language code whose
/// values are plain texts (`text::TextVisitor`).
pub fn text(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "A text: the same in every language, or one per language such as { nn: …, nb: … }.",
        "anyOf": [
            plain_text(),
            {
                "type": "object",
                "properties": {
                    "nn": { "description": "The text in nynorsk.", "type": ["string", "number"] },
                    "nb": { "description": "The text in bokmål.", "type": ["string", "number"] },
                },
                "propertyNames": { "pattern": "^[a-z]{2,3}$" },
                "additionalProperties": plain_text(),
            },
        ],
    })
}

/// `Cell`: a number, a text (checked later as a Norwegian number, a date or
/// a target), or empty; never true/false (`raw::CellVisitor`). Its
/// description is on the type, in raw.rs.
pub fn cell(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["number", "string", "null"],
        "examples": [25301, "5,4"],
    })
}

/// `Total`: true/false, `below`, `above` or `{ rows: N }` with N ≥ 1
/// (`raw::TotalVisitor`).
pub fn total(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "`true`: the sum of the rows above; `below`: the sum of the rows after it; `{ rows: 3 }`: the sum of the 3 rows above. planvev checks the values written on it.",
        "anyOf": [
            { "type": "boolean" },
            { "enum": ["below", "above"] },
            {
                "type": "object",
                "properties": { "rows": { "description": "How many rows directly above it the sum covers.", "type": "integer", "minimum": 1 } },
                "required": ["rows"],
                "additionalProperties": false,
            },
        ],
    })
}

/// `RawTarget`: a number or text, or `{ value, from }` (`raw::TargetVisitor`).
pub fn target(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "A standing target through the plan, as printed (\"> 85 %\", \"minst 30\"), or { value: \"minst 65 %\", from: 2027 } for one from a year on.",
        "anyOf": [
            { "type": ["number", "string"] },
            {
                "type": "object",
                "properties": {
                    "value": { "description": "The target, as printed.", "type": ["number", "string", "null"] },
                    "from": { "description": "The year the target holds from.", "type": "integer" },
                },
                "required": ["value"],
                "additionalProperties": false,
            },
        ],
        "examples": ["> 85 %"],
    })
}

/// `RawColumn`: a heading (a text), or a map with `label:` and the optional
/// keys `raw::ColumnVisitor` knows.
pub fn column(generator: &mut SchemaGenerator) -> Schema {
    let text = generator.subschema_for::<super::text::Text>();
    let computed = generator.subschema_for::<super::raw::Computed>();
    json_schema!({
        "description": "A column heading, or { label: …, unit: …, in_sums: false, computed: … }.",
        "anyOf": [
            text,
            {
                "type": "object",
                "properties": {
                    "label": { "description": "The column's heading.", "allOf": [text] },
                    "unit": { "description": "Optional: the unit of this column's values, such as \"%\".", "allOf": [text] },
                    "in_sums": { "description": "`false`: rows with `total:` do not add this column up.", "type": "boolean" },
                    "computed": { "description": "Optional: the column is computed from two others, named by their headings, and checked.", "allOf": [computed] },
                },
                "required": ["label"],
                "additionalProperties": false,
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modelines_climb_to_the_content_folder() {
        assert_eq!(
            SchemaFile::Data.modeline(),
            "# yaml-language-server: $schema=../../.schema/data.json"
        );
        assert_eq!(
            SchemaFile::Site.modeline(),
            "# yaml-language-server: $schema=.schema/site.json"
        );
    }
}
