//! `bulletin check FILE…`: proofreads bulletins (the parser's `proofread`
//! pass) and prints each finding with its exact place.

use crate::flags::{Arg, Flags};
use std::ffi::OsString;
use std::path::PathBuf;

use bulletin_parser::{HouseRule, HouseRules};

use crate::{input, output};

pub const HELP: &str = "\
bulletin check — 校对：重复字词、括号引号、标点、数字、日期、单位名称、落款、用词规范
Proofreads bulletins: the checks an editor runs, each with its exact place.

USAGE
    bulletin check [-f text|json] [--lang zh|en] [--rules FILE] [--no-starter] INPUT...
    bulletin check --print-rules

OUTPUT
    text (default): one finding a line,
        FILE:LINE:COLUMN: KIND: MESSAGE «TEXT»
    json: one JSON object a line with \"file\", \"kind\" (a stable code),
        \"message\" (Chinese), \"message_en\", \"start\", \"end\" (character
        offsets, Unicode scalar values, into the decoded input text),
        \"line\", \"column\" (1-based) and \"text\" (the input at start..end).

KINDS
    repeated unbalanced punctuation repeated-headline share parts-sum growth
    share-over-100 weekday impossible-date future-date issue-number unit-name
    empty-field house-rule

HOUSE RULES
    A starter list of common slips (既使→即使, 做为→作为, 帐号→账号 …) is
    always on unless --no-starter; --rules FILE adds your own (may repeat).
    --print-rules prints the starter list in the file format:
    TSV, one rule a line: wrong<TAB>right[<TAB>note[<TAB>unless]]
        a wrong starting with re: is a regular expression (Rust regex syntax);
        unless: the rule does not apply when this text follows the match in
        the same sentence. Lines starting with # are comments.
    or JSON: [{\"wrong\": \"…\", \"right\": \"…\", \"regex\": false, \"note\": \"\", \"unless\": \"\"}]

EXIT STATUS
    0 no findings; 1 findings; 2 an input or rules file could not be read, or
    a usage error; 3 the output could not be written.
";

const EXIT_FINDINGS: i32 = 1;
const EXIT_BAD_INPUT: i32 = 2;
const EXIT_WRITE: i32 = 3;

struct Options {
    json: bool,
    english: bool,
    starter: bool,
    rules: Vec<PathBuf>,
    inputs: Vec<PathBuf>,
}

fn usage(message: &str) -> i32 {
    eprintln!("bulletin check: {message}\nTry 'bulletin check --help'.");
    EXIT_BAD_INPUT
}

pub fn run(arguments: Vec<OsString>) -> i32 {
    let mut options = Options {
        json: false,
        english: false,
        starter: true,
        rules: Vec::new(),
        inputs: Vec::new(),
    };
    let mut flags = Flags::new(arguments);
    while let Some(arg) = flags.next_arg() {
        let (flag, inline, text) = match arg {
            Arg::Input(path) => {
                options.inputs.push(path);
                continue;
            }
            Arg::Flag { flag, inline, text } => (flag, inline, text),
        };
        let mut value = || flags.value(&inline);
        match flag.as_str() {
            "-h" | "--help" => return write(HELP),
            "--print-rules" => return write(&HouseRules::to_tsv(&HouseRules::starter_rules())),
            "--no-starter" => options.starter = false,
            "-f" | "--format" => match value().as_ref().and_then(|v| v.to_str()) {
                Some("json" | "jsonl") => options.json = true,
                Some("text") => options.json = false,
                _ => return usage("--format is text or json"),
            },
            "--lang" => match value().as_ref().and_then(|v| v.to_str()) {
                Some("en") => options.english = true,
                Some("zh") => options.english = false,
                _ => return usage("--lang is zh or en"),
            },
            "--rules" => match value() {
                Some(v) => options.rules.push(PathBuf::from(v)),
                None => return usage("--rules needs a file"),
            },
            _ => return usage(&format!("unknown option '{text}'")),
        }
    }
    if options.inputs.is_empty() {
        return usage("no input given (a file, a directory, or - for standard input)");
    }
    let rules = match load_rules(&options) {
        Ok(rules) => rules,
        Err(message) => {
            eprintln!("bulletin check: {message}");
            return EXIT_BAD_INPUT;
        }
    };

    let mut out = String::new();
    let mut any = false;
    let mut failed = false;
    for input in input::expand(&options.inputs) {
        let (name, result) = match input {
            Ok(input) => (
                input.name(),
                input::read(&input, crate::args::DEFAULT_MAX_INPUT),
            ),
            Err((name, message)) => (name, Err(message)),
        };
        let text = match result {
            Ok(text) => text.text,
            Err(message) => {
                eprintln!("bulletin check: {name}: {message}");
                failed = true;
                continue;
            }
        };
        let bulletin = bulletin_parser::parse(&text);
        for f in bulletin_parser::proofread_with(&text, &bulletin, &rules) {
            any = true;
            if options.json {
                let object = serde_json::json!({
                    "file": name,
                    "kind": f.kind.code(),
                    "message": f.message,
                    "message_en": f.message_en,
                    "start": f.start,
                    "end": f.end,
                    "line": f.line,
                    "column": f.column,
                    "text": f.text,
                });
                out.push_str(&object.to_string());
            } else {
                let message = if options.english {
                    &f.message_en
                } else {
                    &f.message
                };
                out.push_str(&format!(
                    "{name}:{}:{}: {}: {message} «{}»",
                    f.line,
                    f.column,
                    f.kind.code(),
                    f.text.replace('\n', "⏎")
                ));
            }
            out.push('\n');
        }
    }
    if let Err(output::WriteError::Failed(message)) = output::write(None, out.as_bytes()) {
        eprintln!("bulletin check: {message}");
        return EXIT_WRITE;
    }
    if failed {
        EXIT_BAD_INPUT
    } else if any {
        EXIT_FINDINGS
    } else {
        0
    }
}

fn write(text: &str) -> i32 {
    match output::write(None, text.as_bytes()) {
        Ok(()) | Err(output::WriteError::BrokenPipe) => 0,
        Err(output::WriteError::Failed(_)) => EXIT_WRITE,
    }
}

fn load_rules(options: &Options) -> Result<HouseRules, String> {
    let mut rules: Vec<HouseRule> = if options.starter {
        HouseRules::starter_rules()
    } else {
        Vec::new()
    };
    for path in &options.rules {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read rules: {e}", path.display()))?;
        let more = HouseRules::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        rules.extend(more.rules().iter().cloned());
    }
    HouseRules::new(rules).map_err(|e| e.to_string())
}
