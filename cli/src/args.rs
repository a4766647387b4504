//! The command line, read by hand: two commands, two options.

use crate::flags::{Arg, Flags};
use std::ffi::OsString;
use std::path::PathBuf;

pub const HELP: &str = "\
bulletin — 政务快报/简报结构化：刊头、栏目、条目、来源单位和每一个数据
Structures Chinese county-government bulletins: masthead, sections, items,
reporting units and every figure in them. Everything runs locally.

USAGE
    bulletin parse   [-f FORMAT] [-o FILE] [--corrections FILE] INPUT...
    bulletin figures [-f FORMAT] [-o FILE] INPUT...
    bulletin check   [-f text|json] [--rules FILE] INPUT...   (see bulletin check --help)
    bulletin stats   [--by quarter] [-o stats.xlsx] INPUT...   (see bulletin stats --help)
    bulletin --help | --version

INPUT
    A file, a directory (every .txt .md .docx .html .htm .pdf .doc .wps
    file in it, sorted by name, not recursive) or - for standard input.
    Text may be UTF-8, UTF-16 (with or without a byte-order mark) or
    GB18030/GBK; Word .docx and Word 97 .doc, WPS .wps, PDF with a text
    layer and saved web pages (.html) are read too. A scanned PDF (images
    only) is refused: it needs OCR first.

COMMANDS
    parse      Parse each input: one bulletin per issue in it (a file holding
               a month's issues gives one object per issue).
    figures    Find the figures in any text, without bulletin structure.

OPTIONS
    -f, --format FORMAT
        parse:   json   (default) the JSON export; with several inputs a
                        JSON array, each object with a leading \"file\" key.
                        Without -f, several inputs give jsonl instead.
                 jsonl  one compact JSON object per line, with \"file\"
                 csv    the figures table, one row per figure
                 items-csv  the items table, one row per item
                 xlsx   an Excel workbook (sheets 条目, 数据 and 按单位,
                        figures by unit); needs -o
                 text   clean plain text of each bulletin
        figures: jsonl  (default) one figure per line, with \"file\"
                 csv, tsv   the figures table
    -o, --output FILE
        Write to FILE instead of standard output. CSV written to a file
        starts with a UTF-8 byte-order mark so that Excel reads the Chinese
        correctly; CSV on standard output has none.
    --corrections FILE
        parse: re-apply corrections made by hand (a JSON corrections file,
        docs/CORRECTIONS.md) to the bulletins they name, by masthead (title,
        issue number, date) or by file. A correction whose item or text is
        no longer there is not applied and is reported on standard error.
    --max-input-size SIZE
        Refuse an input file larger than SIZE (default 64M; a number of
        bytes, or with K, M or G). A .docx part may inflate to at most 100
        times its compressed size and never past 128 MiB.
    -h, --help       Show this help.
    -V, --version    Show the version.

TABLES
    figures: 刊名 期号 日期 文件 栏目 序号 标题 来源单位 原文 数值 数值上限 单位 约数
             类别 指标 增减 时期 主体 更正 起 止
    items:   刊名 期号 日期 文件 栏目 序号 标题 来源单位 正文 数据个数 需核对 更正
    按单位:  单位 指标 计量单位 类别 个数 合计 说明 (xlsx only; sums only where
             the unit of measure agrees, never of ratios or ranges)
    (bulletin figures: 文件 原文 数值 数值上限 单位 约数 类别 指标 增减 时期 主体 起 止)
    文件 is the input's name, 粘贴 for standard input; 期号 the issue number;
    更正 says 已更正 for what a correction changed; 需核对 the parser's doubts;
    数值 is a plain decimal (a range's lower end; 数值上限 its upper end);
    起/止 are character offsets into the body (the text for `figures`);
    类别 is 金额 百分比 数量 计量 时长.

EXIT STATUS
    0 success; 1 usage error; 2 an input could not be read (the other
    inputs are still processed); 3 the output could not be written.

EXAMPLES
    bulletin parse 第39期.txt
    bulletin parse --format jsonl bulletins/ > all.jsonl
    bulletin parse -f xlsx -o 汇总.xlsx bulletins/
    bulletin parse -f csv -o 数据.csv 第39期.docx
    pbpaste | bulletin figures -
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    JsonLines,
    Csv,
    ItemsCsv,
    Tsv,
    Xlsx,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Version,
    Parse(Options),
    Figures(Options),
    /// `bulletin check …`: the arguments after `check` (cli/src/check.rs reads them).
    Check(Vec<OsString>),
    /// `bulletin stats …`: the arguments after `stats` (cli/src/stats.rs reads them).
    Stats(Vec<OsString>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `None`: the command's default.
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    /// Files, directories, `-`.
    pub inputs: Vec<PathBuf>,
    /// The largest input file read, in bytes (`--max-input-size`).
    pub max_input: u64,
    /// `--corrections FILE` (parse only).
    pub corrections: Option<PathBuf>,
}

/// `--max-input-size` when not given: larger than any bulletin by far,
/// small enough that a mistaken `/dev/zero` or video stops at once.
pub const DEFAULT_MAX_INPUT: u64 = 64 << 20;

/// A usage error, said in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage(pub String);

pub fn parse(args: Vec<OsString>) -> Result<Command, Usage> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Err(Usage("no command given".into()));
    };
    let is_figures = match first.to_str() {
        Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version" | "version") => return Ok(Command::Version),
        Some("parse") => false,
        Some("figures") => true,
        Some("check") => return Ok(Command::Check(args.collect())),
        Some("stats") => return Ok(Command::Stats(args.collect())),
        _ => {
            return Err(Usage(format!(
                "unknown command '{}' (use parse or figures)",
                first.to_string_lossy()
            )))
        }
    };

    let mut options = Options {
        format: None,
        output: None,
        inputs: Vec::new(),
        max_input: DEFAULT_MAX_INPUT,
        corrections: None,
    };
    let mut flags = Flags::new(args);
    while let Some(arg) = flags.next_arg() {
        let (flag, inline_value, text) = match arg {
            Arg::Input(path) => {
                options.inputs.push(path);
                continue;
            }
            Arg::Flag { flag, inline, text } => (flag, inline, text),
        };
        let mut value = |name: &str| -> Result<OsString, Usage> {
            flags
                .value(&inline_value)
                .ok_or_else(|| Usage(format!("{name} needs a value")))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "-f" | "--format" => {
                let v = value(&flag)?;
                options.format = Some(format(&v.to_string_lossy(), is_figures)?);
            }
            "-o" | "--output" => options.output = Some(PathBuf::from(value(&flag)?)),
            "--max-input-size" => {
                let v = value(&flag)?;
                options.max_input = size(&v.to_string_lossy())?;
            }
            "--corrections" if !is_figures => {
                options.corrections = Some(PathBuf::from(value(&flag)?));
            }
            _ => return Err(Usage(format!("unknown option '{text}'"))),
        }
    }

    if options.inputs.is_empty() {
        return Err(Usage(
            "no input given (a file, a directory, or - for standard input)".into(),
        ));
    }
    if options.format == Some(Format::Xlsx) && options.output.is_none() {
        return Err(Usage("--format xlsx needs --output FILE.xlsx".into()));
    }
    Ok(if is_figures {
        Command::Figures(options)
    } else {
        Command::Parse(options)
    })
}

/// `65536`, `512K`, `64M`, `1G` (also `64MiB`, `64MB`: binary units).
fn size(text: &str) -> Result<u64, Usage> {
    let t = text.trim().to_ascii_lowercase();
    let t = t
        .strip_suffix("ib")
        .or_else(|| t.strip_suffix('b'))
        .unwrap_or(&t);
    let (digits, shift) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 10),
        Some('m') => (&t[..t.len() - 1], 20),
        Some('g') => (&t[..t.len() - 1], 30),
        _ => (t, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .filter(|&n| n > 0)
        .and_then(|n| n.checked_mul(1u64 << shift))
        .ok_or_else(|| {
            Usage(format!(
                "--max-input-size: '{text}' is not a size (e.g. 64M, 512K, 1G)"
            ))
        })
}

fn format(name: &str, is_figures: bool) -> Result<Format, Usage> {
    let format = match name.to_ascii_lowercase().as_str() {
        "json" if !is_figures => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "csv" => Format::Csv,
        "items-csv" if !is_figures => Format::ItemsCsv,
        "tsv" if is_figures => Format::Tsv,
        "xlsx" if !is_figures => Format::Xlsx,
        "text" | "txt" if !is_figures => Format::Text,
        _ => {
            let allowed = if is_figures {
                "jsonl, csv, tsv"
            } else {
                "json, jsonl, csv, items-csv, xlsx, text"
            };
            return Err(Usage(format!("unknown format '{name}' (use {allowed})")));
        }
    };
    Ok(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn commands_options_and_inputs() {
        assert_eq!(
            parse(args(&[
                "parse",
                "-f",
                "csv",
                "a.txt",
                "--output=out.csv",
                "dir",
                "-"
            ])),
            Ok(Command::Parse(Options {
                format: Some(Format::Csv),
                output: Some("out.csv".into()),
                inputs: vec!["a.txt".into(), "dir".into(), "-".into()],
                max_input: DEFAULT_MAX_INPUT,
                corrections: None,
            }))
        );
        assert_eq!(
            parse(args(&["figures", "--format=tsv", "--", "-odd-name.txt"])),
            Ok(Command::Figures(Options {
                format: Some(Format::Tsv),
                output: None,
                inputs: vec!["-odd-name.txt".into()],
                max_input: DEFAULT_MAX_INPUT,
                corrections: None,
            }))
        );
        assert_eq!(
            parse(args(&["parse", "--corrections", "fix.json", "a.txt"])),
            Ok(Command::Parse(Options {
                format: None,
                output: None,
                inputs: vec!["a.txt".into()],
                max_input: DEFAULT_MAX_INPUT,
                corrections: Some("fix.json".into()),
            }))
        );
        assert!(parse(args(&["figures", "--corrections", "fix.json", "a.txt"])).is_err());
        assert_eq!(parse(args(&["--help"])), Ok(Command::Help));
        assert_eq!(parse(args(&["parse", "x", "-V"])), Ok(Command::Version));
    }

    #[test]
    fn usage_errors() {
        assert!(parse(args(&[])).is_err());
        assert!(parse(args(&["pasre", "a.txt"]))
            .unwrap_err()
            .0
            .contains("pasre"));
        assert!(parse(args(&["parse"])).is_err());
        assert!(parse(args(&["parse", "-f"]))
            .unwrap_err()
            .0
            .contains("needs a value"));
        assert!(parse(args(&["parse", "-f", "pdf", "a"]))
            .unwrap_err()
            .0
            .contains("unknown format"));
        assert!(parse(args(&["figures", "-f", "xlsx", "a"])).is_err());
        assert!(parse(args(&["parse", "-f", "xlsx", "a"]))
            .unwrap_err()
            .0
            .contains("--output"));
        assert!(parse(args(&["parse", "--bogus", "a"])).is_err());
        assert!(parse(args(&["parse", "--max-input-size", "lots", "a"]))
            .unwrap_err()
            .0
            .contains("not a size"));
    }

    #[test]
    fn sizes() {
        assert_eq!(size("65536"), Ok(65536));
        assert_eq!(size("512K"), Ok(512 << 10));
        assert_eq!(size("64M"), Ok(64 << 20));
        assert_eq!(size("64MiB"), Ok(64 << 20));
        assert_eq!(size("1g"), Ok(1 << 30));
        assert!(size("0").is_err());
        assert!(size("-5").is_err());
        assert!(size("99999999999G").is_err());
    }
}
