//! `bulletin`: parses Chinese county-government bulletins on the command
//! line — one file, many, or whole folders — into the JSON export of
//! `shared/SPEC.md`, JSON Lines, CSV, XLSX or clean text. `bulletin --help`
//! says how.

mod args;
mod check;
mod input;
mod output;
mod render;

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
        Command::Check(arguments) => check::run(arguments),
    }
}

/// Reads every input (reporting those that fail and going on), renders what
/// was read, writes it.
fn run_command(options: &Options, figures_only: bool) -> i32 {
    let mut documents = Vec::new();
    let mut failed = false;
    for input in input::expand(&options.inputs) {
        let (name, result) = match input {
            Ok(input) => (input.name(), input::read(&input)),
            Err((name, message)) => (name, Err(message)),
        };
        match result {
            Ok(text) => {
                if let Some(warning) = &text.warning {
                    eprintln!("bulletin: {name}: {warning}");
                }
                documents.push(render::Document {
                    name,
                    text: text.text,
                });
            }
            Err(message) => {
                eprintln!("bulletin: {name}: {message}");
                failed = true;
            }
        }
    }
    let status = if failed { EXIT_BAD_INPUT } else { 0 };
    if documents.is_empty() {
        return status;
    }
    let rendered = if figures_only {
        render::figures(&documents, options.format, options.output.is_some())
    } else {
        render::parse(&documents, options.format, options.output.is_some())
    };
    finish(output::write(options.output.as_deref(), &rendered), status)
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
