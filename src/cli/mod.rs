//! The command line: thin commands over the pipeline.
// clap prints these doc comments as `--help`, where an address is best bare.
#![allow(rustdoc::bare_urls)]

mod init;
pub mod new;
mod schema;

use crate::diag::{self, Diagnostics};
use crate::pipeline::{self, Settings};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "planvev",
    version,
    about = "Publishes a municipality's annual plan as a static website in nynorsk and bokmål",
    long_about = "planvev reads a plan written as YAML data and Markdown text (the content folder) \
and builds a static website you can copy to any web server. Run `planvev init mysite` to start \
a new site, `planvev serve` to preview it while you write, `planvev check` to find mistakes, \
and `planvev build` to make the finished site."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the website from the content folder into the output folder.
    Build {
        /// The folder with site.yaml and one folder per municipality.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// Where the finished site is written. planvev replaces this folder on
        /// every build, so it refuses folders it did not make itself and
        /// anything that is not a folder. A symbolic link is followed (the
        /// folder it points to is replaced, the link kept); a mount point is
        /// filled in place.
        #[arg(long, default_value = "output", value_name = "DIR")]
        output: PathBuf,
        /// The address the site will have on the web, such as
        /// https://plan.kommune.no/ (used for the sitemap and canonical links;
        /// overrides base_url in site.yaml). Links between pages stay relative.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Check the content for mistakes without writing anything.
    Check {
        /// The folder with site.yaml and one folder per municipality.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// Treat warnings (missing translations, unplaced tables …) as errors.
        #[arg(long)]
        deny_warnings: bool,
        /// How to print the problems: for people, or JSON for editors and CI.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Preview the site in a browser; pages reload as you save your files.
    Serve {
        /// The folder with site.yaml and one folder per municipality.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// The port to listen on; a free one is chosen if it is taken.
        #[arg(long, default_value_t = 8017)]
        port: u16,
        /// The address to listen on. Only this computer can see the preview
        /// unless you give another address, such as 0.0.0.0.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: String,
        /// Open the preview in the web browser.
        #[arg(long)]
        open: bool,
    },
    /// Make a new site with one municipality, one service area and examples
    /// of every kind of content, ready to build.
    Init {
        /// The folder to create (it must not exist, or be empty).
        dir: PathBuf,
    },
    /// Add a municipality or a service area, with starter files that build
    /// at once: `planvev new municipality "Hå"`, `planvev new area ha "Sosiale tenester"`.
    New {
        #[command(subcommand)]
        what: new::What,
    },
    /// Print the JSON Schema of site.yaml, municipality.yaml or data.yaml
    /// (`planvev schema data`), or write all three into the content folder
    /// (`planvev schema --write`), for help and red marks while typing in
    /// an editor such as VS Code.
    Schema {
        /// Which file's schema to print.
        #[arg(value_enum)]
        file: Option<crate::content::schema::SchemaFile>,
        /// Write the three schemas into the content folder's .schema/ folder
        /// (replacing older ones), where the YAML files' first lines point.
        #[arg(long)]
        write: bool,
        /// The folder with site.yaml and one folder per municipality.
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

pub fn main() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            content,
            output,
            base_url,
        } => build(&content, &output, base_url),
        Command::Check {
            content,
            deny_warnings,
            format,
        } => check(&content, deny_warnings, format),
        Command::Serve {
            content,
            port,
            bind,
            open,
        } => crate::serve::run(&content, port, &bind, open),
        Command::Init { dir } => init::run(&dir),
        Command::New { what } => new::run(what),
        Command::Schema { file, write, content } => schema::run(file, write, &content),
    }
}

fn build(content: &std::path::Path, output: &std::path::Path, base_url: Option<String>) -> i32 {
    let start = Instant::now();
    if let Some((what, fix)) = base_url.as_deref().and_then(crate::content::address::problem) {
        eprintln!(
            "{}",
            diag::printable(&format!("error: --base-url: {what}\n  = hint: {fix}"))
        );
        return 1;
    }
    let staging = match crate::output::Staging::begin(output, content) {
        Ok(s) => s,
        Err(d) => {
            eprint!("{}", Diagnostics { items: vec![d] }.render_all());
            return 1;
        }
    };
    let (rendered, diags) = pipeline::build(content, &Settings { base_url }, &staging);
    let errors: Diagnostics = Diagnostics {
        items: diags.errors().cloned().collect(),
    };
    let warnings = diags.warnings().count();
    let Some(rendered) = rendered else {
        staging.abandon();
        eprint!("{}", errors.render_all());
        eprintln!(
            "The site was not built; {} was left as it was.",
            diag::path_text(output)
        );
        return 1;
    };
    if let Err(d) = staging.commit() {
        eprint!("{}", Diagnostics { items: vec![d] }.render_all());
        return 1;
    }
    println!(
        "Built {} pages ({} files) into {} in {} ms.",
        rendered.pages,
        rendered.files,
        diag::path_text(output),
        start.elapsed().as_millis()
    );
    if warnings > 0 {
        println!("{} — run `planvev check` to see them.", diag::summary(0, warnings));
    }
    0
}

fn check(content: &std::path::Path, deny_warnings: bool, format: Format) -> i32 {
    let outcome = pipeline::run(content, &Settings { base_url: None }, &crate::render::NullSink);
    let diags = outcome.diags;
    match format {
        Format::Json => {
            let json = serde_json::json!({
                "errors": diags.errors().count(),
                "warnings": diags.warnings().count(),
                "infos": diags.infos().count(),
                "problems": diags.items,
            });
            println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
        }
        Format::Human => {
            if diags.items.is_empty() {
                println!("No problems found.");
            } else {
                print!("{}", diags.render_all());
            }
        }
    }
    let fail = diags.has_errors() || (deny_warnings && diags.warnings().next().is_some());
    i32::from(fail)
}
