//! `bulletin stats FILES|DIR…`: the statistics of a library of bulletins —
//! each unit's adoption count, share, rank and points per period, the
//! indicator series and the gaps in issue numbers (crate `bulletin-stats`).

use crate::flags::{Arg, Flags};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use bulletin_stats::{
    AdoptionQuery, Aliases, Filter, Granularity, Index, IndicatorQuery, IssueRange, Library,
    Period, Points,
};

use crate::{input, output};

pub const HELP: &str = "\
bulletin stats — 信息采用情况统计：各单位采用条数、占比、排名、积分；指标变化；期号缺漏
Adoption statistics of many bulletins: per unit items adopted, share, rank and
points per period; indicator series over time; gaps in issue numbers.

USAGE
    bulletin stats [--by month|quarter|year] [--period P] [--issues A-B]
                   [--aliases FILE] [--points SPEC] [-f FORMAT] [-o FILE] INPUT...

INPUT
    Files, or directories read recursively (.txt .md .docx .html .htm .pdf
    .doc .wps), or - for standard input. A file holding several issues
    counts as several bulletins; the same bulletin (title, issue, date) read
    twice counts once (the later copy is kept).

OPTIONS
    --by month|quarter|year   one table per series and period (default: one
                              table per series over all inputs)
    --period P                only bulletins dated in P: 2024, 2024-Q1, 2024-03
    --issues A-B              only issues A to B (with --period YEAR: of that year)
    --series TITLE            only the bulletins of this title (刊名)
    --aliases FILE            your unit aliases: one 'name = unit' a line,
                              '[刊名]' to limit the lines below to one title;
                              or the JSON the page exports
    --points SPEC             points per item (积分): a number, and/or
                              section:栏目=N, title:刊名=N, comma-separated
                              (an item gets its section's, else its title's,
                              else the plain number)
    --min-points N            indicator series with at least N values (default 2)
    -f, --format FORMAT       text (default; print-friendly), json, csv (the
                              adoption table, long form), xlsx (sheets 采用情况,
                              分栏目, 指标, 期号; needs -o)
    -o, --output FILE         write to FILE; the format follows its extension
                              (.xlsx, .csv, .json, else text) unless -f is given

COUNTING
    An item counts once for each distinct unit among its sources; items with
    no source are counted apart, never ranked. 占比 is the unit's count over
    the sum of all counts in the table. Ranks follow points when --points is
    given, else counts; ties share a rank (1, 2, 2, 4). Unit names are made
    one per series (县发改委 = 发展和改革委员会 = 发改委).

EXIT STATUS
    0 success; 1 usage error; 2 an input could not be read (the others are
    still counted); 3 the output could not be written.
";

const EXIT_USAGE: i32 = 1;
const EXIT_BAD_INPUT: i32 = 2;
const EXIT_WRITE: i32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Csv,
    Xlsx,
}

struct Options {
    by: Option<Granularity>,
    period: Option<Period>,
    issues: Option<(u32, u32)>,
    series: Option<String>,
    aliases: Option<PathBuf>,
    points: Option<Points>,
    min_points: usize,
    format: Option<Format>,
    output: Option<PathBuf>,
    inputs: Vec<PathBuf>,
}

fn usage(message: &str) -> i32 {
    eprintln!("bulletin stats: {message}\nTry 'bulletin stats --help'.");
    EXIT_USAGE
}

fn parse_options(arguments: Vec<OsString>) -> Result<Option<Options>, String> {
    let mut o = Options {
        by: None,
        period: None,
        issues: None,
        series: None,
        aliases: None,
        points: None,
        min_points: 2,
        format: None,
        output: None,
        inputs: Vec::new(),
    };
    let mut flags = Flags::new(arguments);
    while let Some(arg) = flags.next_arg() {
        let (flag, inline, text) = match arg {
            Arg::Input(path) => {
                o.inputs.push(path);
                continue;
            }
            Arg::Flag { flag, inline, text } => (flag, inline, text),
        };
        let mut value = || -> Result<String, String> {
            flags
                .value(&inline)
                .map(|v| v.to_string_lossy().into_owned())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--by" => {
                let v = value()?;
                o.by = Some(
                    Granularity::parse(&v)
                        .ok_or_else(|| format!("--by: '{v}' is not month, quarter or year"))?,
                );
            }
            "--period" => {
                let v = value()?;
                o.period = Some(Period::parse(&v).ok_or_else(|| {
                    format!("--period: '{v}' is not a period (2024, 2024-Q1, 2024-03)")
                })?);
            }
            "--issues" => {
                let v = value()?;
                o.issues = Some(issue_range(&v).ok_or_else(|| {
                    format!("--issues: '{v}' is not a range of issue numbers (3-8)")
                })?);
            }
            "--aliases" => o.aliases = Some(PathBuf::from(value()?)),
            "--series" => o.series = Some(value()?),
            "--points" => o.points = Some(Points::parse(&value()?)?),
            "--min-points" => {
                let v = value()?;
                o.min_points = v
                    .parse()
                    .map_err(|_| format!("--min-points: '{v}' is not a number"))?;
            }
            "-f" | "--format" => {
                let v = value()?;
                o.format = Some(match v.to_ascii_lowercase().as_str() {
                    "text" | "txt" => Format::Text,
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    "xlsx" => Format::Xlsx,
                    _ => return Err(format!("unknown format '{v}' (use text, json, csv, xlsx)")),
                });
            }
            "-o" | "--output" => o.output = Some(PathBuf::from(value()?)),
            _ => return Err(format!("unknown option '{text}'")),
        }
    }
    if o.inputs.is_empty() {
        return Err("no input given (files, directories, or - for standard input)".into());
    }
    if o.format.is_none() {
        o.format = Some(match o.output.as_deref().map(extension).as_deref() {
            Some("xlsx") => Format::Xlsx,
            Some("csv") => Format::Csv,
            Some("json") => Format::Json,
            _ => Format::Text,
        });
    }
    if o.format == Some(Format::Xlsx) && o.output.is_none() {
        return Err("--format xlsx needs --output FILE.xlsx".into());
    }
    Ok(Some(o))
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// `3-8`, `3—8`, `3~8`, `5` (one issue).
fn issue_range(text: &str) -> Option<(u32, u32)> {
    let t = text.trim();
    let (a, b) = match t.split_once(['-', '—', '~', '～', '至']) {
        Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
        None => {
            let n = t.parse().ok()?;
            (n, n)
        }
    };
    (a <= b).then_some((a, b))
}

pub fn run(arguments: Vec<OsString>) -> i32 {
    let options = match parse_options(arguments) {
        Ok(Some(o)) => o,
        Ok(None) => {
            return match output::write(None, HELP.as_bytes()) {
                Ok(()) | Err(output::WriteError::BrokenPipe) => 0,
                Err(output::WriteError::Failed(_)) => EXIT_WRITE,
            }
        }
        Err(message) => return usage(&message),
    };
    let aliases = match &options.aliases {
        None => Aliases::default(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| Aliases::parse(&t))
        {
            Ok(a) => a,
            Err(e) => {
                eprintln!("bulletin stats: {}: {e}", path.display());
                return EXIT_BAD_INPUT;
            }
        },
    };

    let mut failed = false;
    let mut library = Library::new();
    let mut replaced = 0usize;
    let inputs = expand_recursive(&options.inputs);
    crate::ordered::run(
        inputs,
        |input| {
            let (name, result) = match input {
                Ok(input) => (
                    input.name(),
                    input::read(&input, crate::args::DEFAULT_MAX_INPUT),
                ),
                Err((name, message)) => (name, Err(message)),
            };
            let parsed = result.map(|t| (t.warning, bulletin_parser::parse_all(&t.text)));
            (name, parsed)
        },
        |(name, parsed)| {
            match parsed {
                Ok((warning, bulletins)) => {
                    if let Some(w) = warning {
                        eprintln!("bulletin stats: {name}: {w}");
                    }
                    for b in bulletins {
                        if library.insert(Some(name.clone()), b)
                            == bulletin_stats::Inserted::Replaced
                        {
                            replaced += 1;
                        }
                    }
                }
                Err(message) => {
                    eprintln!("bulletin stats: {name}: {message}");
                    failed = true;
                }
            }
            true
        },
    );
    if replaced > 0 {
        eprintln!(
            "bulletin stats: {replaced} 期重复（刊名、期号、日期相同而内容不同），以后读到的为准 / read twice with different text: the later copy counts"
        );
    }

    let index = Index::build(&library, &aliases);
    let series = match &options.series {
        None => None,
        Some(title) => {
            let wanted: String = title.chars().filter(|c| !c.is_whitespace()).collect();
            let matching: Vec<&bulletin_stats::SeriesKey> = index
                .series
                .iter()
                .filter(|s| s.title == wanted || s.to_string() == wanted)
                .collect();
            match matching.as_slice() {
                [one] => Some((*one).clone()),
                [] => {
                    let known: Vec<String> = index.series.iter().map(|s| s.to_string()).collect();
                    eprintln!(
                        "bulletin stats: --series: 没有刊物“{title}” / no series of that title (have: {})",
                        known.join("、")
                    );
                    return EXIT_USAGE;
                }
                several => {
                    let names: Vec<String> = several.iter().map(|s| s.to_string()).collect();
                    eprintln!(
                        "bulletin stats: --series: “{title}” 有多个编印单位，请写全 / several offices, give one: {}",
                        names.join("、")
                    );
                    return EXIT_USAGE;
                }
            }
        }
    };
    let filter = Filter {
        series,
        period: options.period,
        issues: options.issues.map(|(from, to)| IssueRange {
            year: match options.period {
                Some(Period::Year { year }) => Some(year),
                _ => None,
            },
            from,
            to,
        }),
        ..Filter::default()
    };
    let adoption_query = AdoptionQuery {
        by: options.by,
        filter: filter.clone(),
        points: options.points.clone(),
    };
    let indicator_query = IndicatorQuery {
        filter,
        min_points: options.min_points,
        ..IndicatorQuery::default()
    };
    let report = bulletin_stats::report(&library, &index, &adoption_query, &indicator_query);
    let bytes = match options.format.unwrap_or(Format::Text) {
        Format::Text => bulletin_stats::report_text(&report).into_bytes(),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
            s.push('\n');
            s.into_bytes()
        }
        Format::Csv => {
            // A file gets the byte-order mark Excel needs; a pipe does not.
            if options.output.is_some() {
                bulletin_stats::adoption_csv(&report).into_bytes()
            } else {
                bulletin_stats::adoption_table(&report)
                    .to_csv()
                    .into_bytes()
            }
        }
        Format::Xlsx => bulletin_stats::report_xlsx(&report),
    };
    let status = if failed { EXIT_BAD_INPUT } else { 0 };
    match output::write(options.output.as_deref(), &bytes) {
        Ok(()) | Err(output::WriteError::BrokenPipe) => status,
        Err(output::WriteError::Failed(message)) => {
            eprintln!("bulletin stats: {message}");
            EXIT_WRITE
        }
    }
}

/// Like [`input::expand`], but directories are read recursively (a library
/// is often a folder per year or per series). Files in sorted path order.
fn expand_recursive(arguments: &[PathBuf]) -> Vec<Result<input::Input, (String, String)>> {
    let mut out = Vec::new();
    for arg in arguments {
        if arg.as_os_str() == "-" || !arg.is_dir() {
            out.extend(input::expand(std::slice::from_ref(arg)));
            continue;
        }
        let mut files = Vec::new();
        let mut pending = vec![arg.clone()];
        let mut visited = 0usize;
        while let Some(dir) = pending.pop() {
            visited += 1;
            // Symbolic links to folders are not followed (`file_type` does
            // not follow them), so there are no loops; this bounds the rest.
            if visited > 100_000 {
                break;
            }
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) => {
                    out.push(Err((dir.display().to_string(), e.to_string())));
                    continue;
                }
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') || name.starts_with("~$") {
                    continue;
                }
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    pending.push(path);
                } else if input::EXTENSIONS.contains(&extension(&path).as_str()) && path.is_file() {
                    files.push(path);
                }
            }
        }
        if files.is_empty() {
            out.push(Err((
                arg.display().to_string(),
                "目录中没有可读的简报文件 / no bulletin files in this directory".to_owned(),
            )));
        }
        files.sort();
        out.extend(files.into_iter().map(|f| Ok(input::Input::File(f))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_ranges() {
        assert_eq!(issue_range("3-8"), Some((3, 8)));
        assert_eq!(issue_range("3—8"), Some((3, 8)));
        assert_eq!(issue_range("5"), Some((5, 5)));
        assert_eq!(issue_range("8-3"), None);
        assert_eq!(issue_range("x"), None);
    }

    #[test]
    fn options() {
        let args = |l: &[&str]| l.iter().map(OsString::from).collect::<Vec<_>>();
        let o = parse_options(args(&["--by", "quarter", "-o", "a.xlsx", "dir"]))
            .unwrap()
            .unwrap();
        assert_eq!(o.by, Some(Granularity::Quarter));
        assert_eq!(o.format, Some(Format::Xlsx));
        assert!(parse_options(args(&["-f", "xlsx", "dir"])).is_err());
        assert!(parse_options(args(&["--by", "week", "dir"])).is_err());
        assert!(parse_options(args(&["--points", "x=y", "dir"])).is_err());
        assert!(parse_options(args(&["--help"])).unwrap().is_none());
        assert!(parse_options(args(&[])).is_err());
    }
}
