//! Statistics over a library of parsed bulletins — what the office that
//! compiles a bulletin, and the people who read a year of them, ask of many
//! issues at once:
//!
//! - **which bulletin, which series, when** ([`identity`]): a bulletin's key
//!   (title + issue + date: the same key is the same bulletin, a second copy
//!   replaces the first), its series (title + office), its period (month,
//!   quarter, year from the masthead date; without one, the year printed
//!   with the issue, then a date in the file name; said in
//!   [`Index::notes`]), and gaps in the issue numbers per series and year
//!   ([`library::issue_gaps`]);
//! - **unit names made one** ([`names`]): `县发改委`, `发改委`, `县发展改革委`
//!   and `县发展和改革委员会` are one unit, by a built-in table of county
//!   offices, rules for place prefixes, `人民政府` and townships, and the
//!   user's [`Aliases`]. Units belong to a series ([`Index`]);
//! - **adoption** ([`adoption()`]): per unit, items adopted, share, rank and
//!   points, by section too — the 信息采用情况通报 table (the counting rules
//!   are in [`adoption`]'s documentation);
//! - **indicators over time** ([`indicators()`]): one label of one unit
//!   across issues, never mixing units of measure;
//! - **search** ([`search()`]): plain text or a size-limited regular
//!   expression, filtered by unit, section, period and figure value.
//!
//! Pure: no browser, no file system. The page runs it in wasm, the CLI
//! natively (`bulletin stats`). Every pass is linear in the library (hash
//! maps, no pairwise comparisons): 500 bulletins take milliseconds.
//!
//! ```
//! use bulletin_stats::*;
//! let text = "某县政务信息\n第 3 期\n某县人民政府办公室    2024 年 2 月 6 日\n\
//!             县财政局加强预算管理  全年压减一般性支出 120 万元。（县财政局）\n";
//! let library = Library::from_bulletins([(None, bulletin_parser::parse(text))]);
//! let index = Index::build(&library, &Aliases::default());
//! let tables = adoption(&library, &index, &AdoptionQuery::default());
//! assert_eq!(tables[0].rows[0].name, "财政局");
//! assert_eq!(tables[0].rows[0].items, 1);
//! ```

pub mod adoption;
pub mod filter;
pub mod identity;
pub mod index;
pub mod indicators;
pub mod library;
pub mod names;
pub mod report;
pub mod search;
pub mod synth;

pub use adoption::{adoption, rank_rows, AdoptionQuery, AdoptionRow, AdoptionTable, Points};
pub use filter::{DateRange, Filter, IssueRange};
pub use identity::{BulletinKey, DateSource, Dating, Granularity, Period, SeriesKey};
pub use index::{Index, RawName, Unit};
pub use indicators::{indicators, IndicatorPoint, IndicatorQuery, IndicatorSeries};
pub use library::{issue_gaps, Entry, Inserted, IssueGaps, Library};
pub use names::{canonical_unit, canonical_unit_in, Alias, Aliases, Canonical, UnitKind};
pub use report::{
    adoption_csv, adoption_table, report, report_text, report_xlsx, SeriesSummary, StatsReport,
};
pub use search::{search, Field, SearchError, SearchHit, SearchQuery, SearchResults};
