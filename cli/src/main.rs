//! `bulletin`: parses Chinese county-government bulletins on the command
//! line — one file, many, or whole folders — into the JSON export of
//! `shared/SPEC.md`, JSON Lines, CSV, XLSX or clean text. `bulletin --help`
//! says how.

mod args;
mod input;
mod output;
mod render;
mod xlsx_out;

use std::ffi::OsString;

use args::{Command, Options, Usage};

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
    }
}

/// Reads every input (reporting those that fail and going on) and writes
/// what each gives as soon as it is parsed: memory is bounded by the
/// largest single input, not by the run.
fn run_command(options: &Options, figures_only: bool) -> i32 {
    let mut failed = false;
    let mut parse_sink = (!figures_only)
        .then(|| render::ParseSink::new(options.format, options.output.clone()));
    let mut figures_sink =
        figures_only.then(|| render::FiguresSink::new(options.format, options.output.clone()));
    let write_error = |e: &std::io::Error| output::WriteError::of(e, options.output.as_deref());
    for input in input::expand(&options.inputs) {
        let (name, result) = match input {
            Ok(input) => (input.name(), input::read(&input, options.max_input)),
            Err((name, message)) => (name, Err(message)),
        };
        let text = match result {
            Ok(text) => text,
            Err(message) => {
                eprintln!("bulletin: {name}: {message}");
                failed = true;
                continue;
            }
        };
        if let Some(warning) = &text.warning {
            eprintln!("bulletin: {name}: {warning}");
        }
        let written = if let Some(sink) = &mut parse_sink {
            // A file may hold several issues: each is a bulletin of its own.
            bulletin_parser::parse_all(&text.text)
                .into_iter()
                .try_for_each(|b| sink.bulletin(&name, b))
        } else if let Some(sink) = &mut figures_sink {
            sink.figures(&name, &bulletin_parser::extract_figures(&text.text))
        } else {
            Ok(())
        };
        if let Err(e) = written {
            let status = if failed { EXIT_BAD_INPUT } else { 0 };
            return finish(Err(write_error(&e)), status);
        }
    }
    let status = if failed { EXIT_BAD_INPUT } else { 0 };
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
