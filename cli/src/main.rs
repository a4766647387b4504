//! `bulletin`: parses Chinese county-government bulletins on the command
//! line — one file, many, or whole folders — into the JSON export of
//! `shared/SPEC.md`, JSON Lines, CSV, XLSX or clean text. `bulletin --help`
//! says how.

#![forbid(unsafe_code)]

mod args;
mod check;
mod flags;
mod input;
mod ordered;
mod output;
mod render;
mod slices;
mod stats;
mod xlsx_out;

use std::ffi::OsString;

use args::{Command, Options, Usage};
use bulletin_parser::corrections::{self, CorrectionsFile};
use bulletin_parser::{Bulletin, Correction};

const EXIT_USAGE: i32 = 1;
const EXIT_BAD_INPUT: i32 = 2;
const EXIT_WRITE: i32 = 3;

fn main() {
    std::process::exit(run(std::env::args_os().skip(1).collect()));
}

fn run(arguments: Vec<OsString>) -> i32 {
    let command = match args::parse(arguments) {
        Ok(command) => command,
        Err(Usage(message)) => {
            eprintln!("bulletin: {message}\nTry 'bulletin --help'.");
            return EXIT_USAGE;
        }
    };
    match command {
        Command::Help => finish(output::write(None, args::HELP.as_bytes()), 0),
        Command::Version => {
            let version = format!("bulletin {}\n", env!("CARGO_PKG_VERSION"));
            finish(output::write(None, version.as_bytes()), 0)
        }
        Command::Parse(options) => run_command(&options, false),
        Command::Figures(options) => run_command(&options, true),
        Command::Check(arguments) => check::run(arguments),
        Command::Stats(arguments) => stats::run(arguments),
    }
}

/// What one input gave: its name, and its bulletins (or figures) with a
/// warning, or the message saying why it could not be read.
struct Done {
    name: String,
    result: Result<(Option<String>, Work), String>,
}

enum Work {
    Bulletins(Vec<render::Rendered>),
    Figures(render::RenderedFigures),
}

/// Reads, decodes, parses and renders one input (on a worker thread).
fn process(
    input: Result<input::Input, (String, String)>,
    options: &Options,
    figures_only: bool,
    corrections: Option<&CorrectionsFile>,
) -> Done {
    let max_input = options.max_input;
    let (name, result) = match input {
        Ok(input) => (input.name(), input::read(&input, max_input)),
        Err((name, message)) => (name, Err(message)),
    };
    let result = result.map(|text| {
        let mut warning = text.warning;
        let work = if figures_only {
            let figures = bulletin_parser::extract_figures(&text.text);
            Work::Figures(render::prerender_all_figures(
                options.format,
                &name,
                figures,
            ))
        } else {
            // A file may hold several issues: each is a bulletin of its own.
            Work::Bulletins(
                bulletin_parser::parse_all(&text.text)
                    .into_iter()
                    .map(|b| match corrections {
                        Some(c) => corrected(b, c, &name, &text.text, &mut warning),
                        None => b,
                    })
                    .map(|b| render::prerender(options.format, &name, b))
                    .collect(),
            )
        };
        (warning, work)
    });
    Done { name, result }
}

/// `bulletin` with the corrections `file` holds for it applied; those that
/// no longer apply are added to `warning`, one line each.
fn corrected(
    bulletin: Bulletin,
    file: &CorrectionsFile,
    name: &str,
    text: &str,
    warning: &mut Option<String>,
) -> Bulletin {
    let list = file.for_bulletin(&bulletin, Some(name));
    if list.is_empty() {
        return bulletin;
    }
    let (fixed, skipped) = corrections::apply(&bulletin, text, &list);
    for s in skipped {
        let line = format!(
            "correction {} ({}, line {}) not applied: {} ({})",
            s.index + 1,
            op_name(&s.correction),
            s.correction.item().line,
            s.reason.code(),
            s.reason.message_zh()
        );
        match warning {
            Some(w) => {
                w.push_str(&format!("\nbulletin: {name}: "));
                w.push_str(&line);
            }
            None => *warning = Some(line),
        }
    }
    fixed
}

/// The `op` of a correction, as its JSON says it.
fn op_name(c: &Correction) -> &'static str {
    match c {
        Correction::SetHeadline { .. } => "set_headline",
        Correction::SetSources { .. } => "set_sources",
        Correction::SetSection { .. } => "set_section",
        Correction::MergeNext { .. } => "merge_next",
        Correction::Split { .. } => "split",
        Correction::RemoveFigure { .. } => "remove_figure",
        Correction::AddFigure { .. } => "add_figure",
    }
}

/// Reads every input (reporting those that fail and going on) and writes
/// what each gives as soon as it is parsed, in the order given: memory is
/// bounded by the few inputs in flight, not by the run.
fn run_command(options: &Options, figures_only: bool) -> i32 {
    let corrections = match &options.corrections {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| CorrectionsFile::from_json(&t))
        {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!("bulletin: {}: {e}", path.display());
                return EXIT_USAGE;
            }
        },
    };
    let mut failed = false;
    let mut parse_sink =
        (!figures_only).then(|| render::ParseSink::new(options.format, options.output.clone()));
    let mut figures_sink =
        figures_only.then(|| render::FiguresSink::new(options.format, options.output.clone()));
    let write_error = |e: &std::io::Error| output::WriteError::of(e, options.output.as_deref());
    let inputs = input::expand(&options.inputs);
    let mut write_failed = None;
    ordered::run(
        inputs,
        |input| process(input, options, figures_only, corrections.as_ref()),
        |done| {
            let (warning, work) = match done.result {
                Ok(ok) => ok,
                Err(message) => {
                    eprintln!("bulletin: {}: {message}", done.name);
                    failed = true;
                    return true;
                }
            };
            if let Some(warning) = &warning {
                eprintln!("bulletin: {}: {warning}", done.name);
            }
            let written = match (work, &mut parse_sink, &mut figures_sink) {
                (Work::Bulletins(all), Some(sink), _) => all
                    .into_iter()
                    .try_for_each(|b| sink.bulletin(&done.name, b)),
                (Work::Figures(figures), _, Some(sink)) => sink.figures(&done.name, figures),
                _ => Ok(()),
            };
            match written {
                Ok(()) => true,
                Err(e) => {
                    write_failed = Some(e);
                    false
                }
            }
        },
    );
    let status = if failed { EXIT_BAD_INPUT } else { 0 };
    if let Some(e) = write_failed {
        return finish(Err(write_error(&e)), status);
    }
    let finished = match (parse_sink, figures_sink) {
        (Some(sink), _) => sink.finish(),
        (_, Some(sink)) => sink.finish(),
        _ => Ok(()),
    };
    finish(finished.map_err(|e| write_error(&e)), status)
}

fn finish(written: Result<(), output::WriteError>, status: i32) -> i32 {
    match written {
        Ok(()) | Err(output::WriteError::BrokenPipe) => status,
        Err(output::WriteError::Failed(message)) => {
            eprintln!("bulletin: {message}");
            EXIT_WRITE
        }
    }
}
