//! `planvev schema data` prints a file's JSON Schema; `planvev schema
//! --write` refreshes the three schemas in the content folder, which the
//! `# yaml-language-server: $schema=…` lines of the YAML files name.

use crate::content::schema::{self, SchemaFile};
use crate::diag::{self, Diagnostics};
use std::path::Path;

pub(super) fn run(file: Option<SchemaFile>, write: bool, content: &Path) -> i32 {
    match (file, write) {
        (Some(kind), false) => {
            print!("{}", kind.schema_text());
            0
        }
        (None, true) => write_into(content),
        _ => {
            eprintln!(
                "{}",
                diag::printable(
                    "error: say which schema to print (planvev schema site, municipality or data), or write all three with planvev schema --write\n  = hint: `--write` puts them in the content folder's .schema/ folder, where the first line of each YAML file points"
                )
            );
            2
        }
    }
}

fn write_into(content: &Path) -> i32 {
    if !content.join("site.yaml").is_file() {
        eprintln!(
            "{}",
            diag::printable(&format!(
                "error: {} has no site.yaml\n  = hint: run this in the folder that holds the content folder, or give it: planvev schema --write --content DIR",
                diag::path_text(content)
            ))
        );
        return 1;
    }
    match schema::write_all(content) {
        Ok(paths) => {
            for p in paths {
                println!("Wrote {}", diag::path_text(&p));
            }
            println!(
                "The first line of each YAML file names its schema, such as\n  {}\nin data.yaml; VS Code's YAML extension (by Red Hat) then helps as you type.",
                SchemaFile::Data.modeline()
            );
            0
        }
        Err(d) => {
            eprint!("{}", Diagnostics { items: vec![d] }.render_all());
            1
        }
    }
}
