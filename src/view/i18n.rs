//! Interface strings in Chinese (the default) and English.
//!
//! One exhaustive `match` is the lookup table: adding a [`Msg`] without both
//! translations does not compile. Strings that carry numbers are small
//! functions below the table, so word order can differ between languages.

use bulletin_parser::corrections::SkipReason;
use bulletin_parser::{Change, DoubtReason, DropReason, FigureKind, WarningKind};

pub use super::lang::Lang;

/// Every fixed string of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    AppTitle,
    AppTagline,
    SkipToResults,
    SwitchLanguage,
    InputHeading,
    PasteLabel,
    PastePlaceholder,
    OpenFiles,
    LoadSample,
    ClearText,
    PreviousPage,
    NextPage,
    DropHint,
    DropHere,
    PrivacyNote,
    PasteEntry,
    EntriesLabel,
    CloseEntry,
    FileErrorsHeading,
    Dismiss,
    EmptyTitle,
    EmptyBody,
    ResultsHeading,
    Contents,
    NoSection,
    Issue,
    Issuer,
    Date,
    Footer,
    Distribution,
    Editor,
    Reviewer,
    Signer,
    Sources,
    NoSources,
    Authors,
    Notes,
    SummaryHeading,
    Items,
    Sections,
    Units,
    Figures,
    WarningsHeading,
    NoWarnings,
    ShowInInput,
    FiguresHeading,
    FilterKind,
    FilterUnit,
    FilterSection,
    FilterSource,
    FilterAll,
    NoUnit,
    Search,
    SearchPlaceholder,
    NoFiguresMatch,
    ColItem,
    ColSection,
    ColHeadline,
    ColSource,
    ColText,
    ColValue,
    ColUnit,
    ColKind,
    ColApprox,
    ColLabel,
    ColPeriod,
    ColEntity,
    ColChange,
    SortBy,
    ExportHeading,
    ExportJson,
    ExportJsonLines,
    ExportAll,
    ExportCsv,
    ExportXlsx,
    CopyText,
    Copied,
    CopyFailed,
    Downloaded,
    Print,
    ReasonBinary,
    ReasonUnreadable,
    ReasonDocxNoText,
    ReasonUnsupported,
    ReasonEmpty,
    ReasonTooLarge,
    FromFile,
    Untitled,
    SampleName,
    ReadOnly,
    ProofreadHeading,
    ProofreadRun,
}

/// The string for `msg` in `lang`.
pub fn t(lang: Lang, msg: Msg) -> &'static str {
    let (zh, en) = pair(msg);
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn pair(msg: Msg) -> (&'static str, &'static str) {
    use Msg::*;
    match msg {
        AppTitle => ("政务快报分析", "Bulletin Analyzer"),
        AppTagline => (
            "把政务快报、简报粘贴或拖入此处，自动拆分栏目、条目、报送单位和每个数字。",
            "Paste or drop a government bulletin: sections, items, reporting units and every figure, structured.",
        ),
        SkipToResults => ("跳到分析结果", "Skip to results"),
        SwitchLanguage => ("English", "中文"),
        InputHeading => ("输入", "Input"),
        PasteLabel => ("快报全文", "Bulletin text"),
        PastePlaceholder => (
            "在此粘贴快报全文，或把 .txt / .md / .docx / .html 文件拖到页面上……",
            "Paste the bulletin here, or drop .txt / .md / .docx / .html files on the page…",
        ),
        OpenFiles => ("打开文件", "Open files"),
        LoadSample => ("示例", "Sample"),
        ClearText => ("清空", "Clear"),
        PreviousPage => ("上一页", "Previous"),
        NextPage => ("下一页", "Next"),
        DropHint => (
            "支持 UTF-8、UTF-16、GBK 编码的 .txt/.md，Word .docx/.doc，WPS .wps，PDF，网页 .html；可一次选多个。",
            "Reads .txt/.md in UTF-8, UTF-16 or GBK, Word .docx/.doc, WPS .wps, PDF and saved web pages; several at once.",
        ),
        DropHere => ("松开鼠标即可导入文件", "Drop to open the files"),
        PrivacyNote => (
            "全部在本机浏览器中处理，不上传任何内容。",
            "Everything stays in this browser; nothing is uploaded.",
        ),
        PasteEntry => ("粘贴", "Pasted"),
        EntriesLabel => ("已打开的快报", "Open bulletins"),
        CloseEntry => ("关闭", "Close"),
        FileErrorsHeading => ("以下文件未能读取", "These files could not be read"),
        Dismiss => ("知道了", "Dismiss"),
        ProofreadHeading => ("校对", "Proofread"),
        ProofreadRun => ("校对本期", "Proofread this issue"),
        EmptyTitle => ("还没有内容", "Nothing here yet"),
        EmptyBody => (
            "粘贴一期快报，或点“示例”看看效果。",
            "Paste a bulletin, or press “Sample” to see what it does.",
        ),
        ResultsHeading => ("分析结果", "Results"),
        Contents => ("目录", "Contents"),
        NoSection => ("（未分栏目）", "(no section)"),
        Issue => ("期号", "Issue"),
        Issuer => ("编发单位", "Issuer"),
        Date => ("日期", "Date"),
        Footer => ("报送信息", "Distribution"),
        Distribution => ("本期发", "Sent to"),
        Editor => ("责任编辑", "Editor"),
        Reviewer => ("审核", "Reviewer"),
        Signer => ("签发", "Signed off by"),
        Sources => ("报送单位", "Reported by"),
        NoSources => ("未注明", "not given"),
        Authors => ("作者", "By"),
        Notes => ("编者按", "Editor's note"),
        SummaryHeading => ("概览", "Summary"),
        Items => ("条目", "Items"),
        Sections => ("栏目", "Sections"),
        Units => ("报送单位", "Reporting units"),
        Figures => ("数字", "Figures"),
        WarningsHeading => ("需要核对", "Check these"),
        NoWarnings => ("全部内容均已归入条目。", "Every line was placed."),
        ShowInInput => ("在原文中选中", "Select in the text"),
        FiguresHeading => ("数字一览", "All figures"),
        FilterKind => ("类型", "Kind"),
        FilterUnit => ("单位", "Unit"),
        FilterSection => ("栏目", "Section"),
        FilterSource => ("报送单位", "Reported by"),
        FilterAll => ("全部", "All"),
        NoUnit => ("（无单位）", "(no unit)"),
        Search => ("搜索", "Search"),
        SearchPlaceholder => ("数字、单位、标题……", "number, unit, headline…"),
        NoFiguresMatch => ("没有符合条件的数字。", "No figure matches."),
        ColItem => ("条", "Item"),
        ColSection => ("栏目", "Section"),
        ColHeadline => ("标题", "Headline"),
        ColSource => ("报送单位", "Reported by"),
        ColText => ("原文", "Text"),
        ColValue => ("数值", "Value"),
        ColUnit => ("单位", "Unit"),
        ColKind => ("类型", "Kind"),
        ColApprox => ("约数", "Approx."),
        ColLabel => ("指标", "Measures"),
        ColPeriod => ("时段", "Period"),
        ColEntity => ("所属", "Belongs to"),
        ColChange => ("增减", "Change"),
        SortBy => ("排序：", "Sort by "),
        ExportHeading => ("导出", "Export"),
        ExportJson => ("JSON", "JSON"),
        ExportJsonLines => ("JSON Lines", "JSON Lines"),
        ExportAll => ("导出全部已打开的快报", "Export all open bulletins"),
        ExportCsv => ("数字 CSV（Excel）", "Figures CSV (Excel)"),
        ExportXlsx => ("Excel 工作簿", "Excel workbook"),
        CopyText => ("复制为文本", "Copy as text"),
        Copied => ("已复制到剪贴板。", "Copied to the clipboard."),
        CopyFailed => (
            "无法访问剪贴板，请手动选择文本复制。",
            "The clipboard is not available; select the text and copy it by hand.",
        ),
        Downloaded => ("已生成文件：", "Saved: "),
        Print => ("打印", "Print"),
        ReasonBinary => (
            "不是文本文件（看起来是图片、PDF 或其他二进制格式）。PDF 请先复制其中文字再粘贴。",
            "not a text file (looks like an image, a PDF or another binary format). For a PDF, copy its text and paste it.",
        ),
        ReasonUnreadable => (
            "无法识别文字编码，内容可能已损坏。",
            "its text encoding could not be recognised; the file may be damaged.",
        ),
        ReasonDocxNoText => (
            "不是有效的 Word 文档（找不到正文）。",
            "not a valid Word document (no document text inside).",
        ),
        ReasonUnsupported => (
            "不支持此格式；请用 .txt、.md、.docx 或 .html。",
            "this format is not supported; use .txt, .md, .docx or .html.",
        ),
        ReasonEmpty => ("文件是空的。", "the file is empty."),
        ReasonTooLarge => (
            "文件太大（超过 20 MB），不像一期快报。",
            "the file is too large (over 20 MB) to be a bulletin.",
        ),
        FromFile => ("文件", "File"),
        Untitled => ("（无标题）", "(no headline)"),
        SampleName => ("示例快报", "Sample bulletin"),
        ReadOnly => ("只读；编辑请切换到“粘贴”", "read-only; switch to “Pasted” to edit"),
    }
}

/// The name of a figure kind.
pub fn kind_name(lang: Lang, kind: FigureKind) -> &'static str {
    let (zh, en) = match kind {
        FigureKind::Money => ("金额", "money"),
        FigureKind::Percent => ("百分比", "percent"),
        FigureKind::Count => ("数量", "count"),
        FigureKind::Measure => ("计量", "measure"),
        FigureKind::Duration => ("时长", "duration"),
    };
    pick(lang, zh, en)
}

pub fn change_name(lang: Lang, change: Change) -> &'static str {
    match change {
        Change::Up => pick(lang, "增加", "up"),
        Change::Down => pick(lang, "减少", "down"),
    }
}

/// `第 3–5 行` / `lines 3–5`.
pub fn lines_label(lang: Lang, first: usize, last: usize) -> String {
    match (lang, first == last || last == 0) {
        (Lang::Zh, true) => format!("第 {first} 行"),
        (Lang::Zh, false) => format!("第 {first}–{last} 行"),
        (Lang::En, true) => format!("line {first}"),
        (Lang::En, false) => format!("lines {first}–{last}"),
    }
}

/// `共 12 个数字，显示 5 个` / `5 of 12 figures`.
pub fn shown_of(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::Zh if shown == total => format!("共 {total} 个数字"),
        Lang::Zh => format!("共 {total} 个数字，显示 {shown} 个"),
        Lang::En if shown == total => format!("{total} figures"),
        Lang::En => format!("{shown} of {total} figures"),
    }
}

/// `已导入 3 个文件` / `3 files opened`.
pub fn files_opened(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("已导入 {n} 个文件"),
        Lang::En if n == 1 => "1 file opened".to_string(),
        Lang::En => format!("{n} files opened"),
    }
}

/// `parsed in 4.2 ms`, shown small under the results.
/// Under a long list drawn in parts: `显示 1–200 / 74,177`.
pub fn showing_range(lang: Lang, from: usize, to: usize, total: usize) -> String {
    let (from, to, total) = (count(from), count(to), count(total));
    match lang {
        Lang::Zh => format!("显示 {from}–{to} / {total}"),
        Lang::En => format!("Showing {from}–{to} of {total}"),
    }
}

/// The button (and scroll sentinel) that draws the next part.
pub fn show_more(lang: Lang, left: usize) -> String {
    match lang {
        Lang::Zh => format!("显示更多（还有 {}）", count(left)),
        Lang::En => format!("Show more ({} left)", count(left)),
    }
}

/// The button that draws the part before the first one shown.
pub fn show_earlier(lang: Lang, before: usize) -> String {
    match lang {
        Lang::Zh => format!("显示前面的内容（{} 项）", count(before)),
        Lang::En => format!("Show earlier items ({})", count(before)),
    }
}

/// Above the textarea when it shows only the beginning of a big paste
/// (`pasted`) or file.
pub fn big_text_note(lang: Lang, megabytes: &str, pasted: bool) -> String {
    match (lang, pasted) {
        (Lang::Zh, true) => format!("已粘贴 {megabytes} MB 文本，为保持流畅只显示开头部分；分析和导出使用全文。"),
        (Lang::Zh, false) => format!("文件有 {megabytes} MB 文本，为保持流畅只显示开头部分；分析和导出使用全文。"),
        (Lang::En, true) => format!("{megabytes} MB of text pasted; only its beginning is shown, to keep the page fluid. Analysis and exports use all of it."),
        (Lang::En, false) => format!("The file holds {megabytes} MB of text; only its beginning is shown, to keep the page fluid. Analysis and exports use all of it."),
    }
}

/// `74177` → `74,177`.
fn count(n: usize) -> String {
    crate::view::numfmt::grouped(n as f64)
}

pub fn render_time(lang: Lang, ms: f64) -> String {
    match lang {
        Lang::Zh => format!("分析用时 {ms:.1} 毫秒"),
        Lang::En => format!("analysed in {ms:.1} ms"),
    }
}

/// A message in both languages, `中文 / English`, the form file-error
/// reasons are kept in (the parser's `DecodeError` says them so too), so a
/// later language switch can still show the right half.
pub fn both(msg: Msg) -> String {
    format!("{} / {}", t(Lang::Zh, msg), t(Lang::En, msg))
}

/// What stands between a file's name and why it could not be read: the
/// full-width colon in Chinese, `: ` in English.
pub fn name_reason_separator(lang: Lang) -> &'static str {
    pick(lang, "：", ": ")
}

/// The half of a `中文 / English` text for `lang`; text without the
/// separator is returned whole.
pub fn localized(text: &str, lang: Lang) -> &str {
    match (text.split_once(" / "), lang) {
        (Some((zh, _)), Lang::Zh) => zh.trim(),
        (Some((_, en)), Lang::En) => en.trim(),
        (None, _) => text,
    }
}

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOME: [Msg; 6] = [
        Msg::AppTitle,
        Msg::OpenFiles,
        Msg::ColValue,
        Msg::ReasonBinary,
        Msg::PasteEntry,
        Msg::WarningsHeading,
    ];

    #[test]
    fn chinese_is_the_default() {
        assert_eq!(Lang::default(), Lang::Zh);
        assert_eq!(t(Lang::default(), Msg::OpenFiles), "打开文件");
    }

    #[test]
    fn the_two_languages_differ() {
        for msg in SOME {
            assert_ne!(t(Lang::Zh, msg), t(Lang::En, msg), "{msg:?}");
            assert!(!t(Lang::Zh, msg).is_empty() && !t(Lang::En, msg).is_empty());
        }
    }

    #[test]
    fn codes_round_trip() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_code("fr"), None);
    }

    #[test]
    fn the_switch_names_the_other_language() {
        assert_eq!(t(Lang::Zh, Msg::SwitchLanguage), "English");
        assert_eq!(t(Lang::En, Msg::SwitchLanguage), "中文");
    }

    /// Chinese characters or full-width punctuation.
    fn has_chinese(s: &str) -> bool {
        s.chars()
            .any(|c| matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}'))
    }

    /// Every decode error (each kind by its stable `code()`), and every
    /// reason the page gives itself, reads without Chinese on the English
    /// page and in Chinese on the Chinese page: a file's reason is kept as
    /// `中文 / English` (the decode crate's `Display`, across the worker
    /// too) and shown through `localized`.
    #[test]
    fn file_errors_on_the_english_page_hold_no_chinese() {
        use bulletin_decode::DecodeError::*;
        let errors = [
            Pdf,
            WordDoc,
            Rtf,
            Image("PNG"),
            NotDocx("Excel .xlsx"),
            Binary("NUL bytes"),
            UnknownEncoding { offset: 12 },
            LooksLikeBig5,
            InvalidUtf8 { offset: 3 },
            InvalidUtf16 { offset: 8 },
            BadZip("no end record"),
            MissingZipEntry("word/document.xml".into()),
            UnsupportedZip("zip64"),
            BadDocx("no body"),
            TooDeep { limit: 256 },
            InflateLimit {
                limit: 128 << 20,
                ratio: 100,
            },
            TooLarge {
                size: Some(100 << 20),
                limit: 64 << 20,
            },
            TooLarge {
                size: None,
                limit: 64 << 20,
            },
        ];
        let mut codes: Vec<_> = errors.iter().map(|e| e.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), 17, "every kind of decode error: {codes:?}");
        let reasons = errors.iter().map(|e| e.to_string()).chain(
            [
                Msg::ReasonBinary,
                Msg::ReasonUnreadable,
                Msg::ReasonDocxNoText,
                Msg::ReasonUnsupported,
                Msg::ReasonEmpty,
                Msg::ReasonTooLarge,
            ]
            .map(both),
        );
        for reason in reasons {
            let en = localized(&reason, Lang::En);
            assert!(!en.is_empty() && !has_chinese(en), "{reason}");
            assert!(has_chinese(localized(&reason, Lang::Zh)), "{reason}");
        }
        assert!(!has_chinese(name_reason_separator(Lang::En)));
    }

    #[test]
    fn bilingual_reasons_split_by_language() {
        let r = both(Msg::ReasonEmpty);
        assert_eq!(localized(&r, Lang::Zh), "文件是空的。");
        assert_eq!(localized(&r, Lang::En), "the file is empty.");
        assert_eq!(localized("只有中文", Lang::En), "只有中文");
    }

    #[test]
    fn numbered_strings() {
        assert_eq!(lines_label(Lang::Zh, 3, 5), "第 3–5 行");
        assert_eq!(lines_label(Lang::En, 7, 7), "line 7");
        assert_eq!(shown_of(Lang::Zh, 5, 12), "共 12 个数字，显示 5 个");
        assert_eq!(shown_of(Lang::En, 12, 12), "12 figures");
        assert_eq!(
            showing_range(Lang::Zh, 1, 200, 74_177),
            "显示 1–200 / 74,177"
        );
        assert_eq!(show_more(Lang::En, 1_500), "Show more (1,500 left)");
        assert_eq!(kind_name(Lang::Zh, FigureKind::Money), "金额");
        assert_eq!(change_name(Lang::En, Change::Down), "down");
    }
}

/// The proofreading view's strings that the tools module renders (it draws
/// the findings list; see `tools/src/proofread.rs`). A table
/// of its own, so the first-load wasm, which never calls it, carries none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofMsg {
    None,
    Dismiss,
    Restore,
    HouseRules,
    HouseRulesHint,
    Apply,
    Export,
    Reset,
    JumpTitle,
    Stat,
}

pub fn proof_text(lang: Lang, msg: ProofMsg) -> &'static str {
    use ProofMsg::*;
    let (zh, en) = match msg {
        None => ("未发现问题。", "No findings."),
        Dismiss => ("忽略", "Dismiss"),
        Restore => ("恢复已忽略的", "Restore dismissed"),
        HouseRules => ("用词规范", "House rules"),
        HouseRulesHint => (
            "每行一条：错误写法⇥正确写法⇥说明⇥例外（其后同句出现则不提示）；以 re: 开头为正则表达式。",
            "One rule a line: wrong⇥right⇥note⇥unless (not flagged when this follows in the sentence); re: starts a regular expression.",
        ),
        Apply => ("应用", "Apply"),
        Export => ("导出", "Export"),
        Reset => ("恢复默认", "Reset to starter list"),
        JumpTitle => ("在原文和结构视图中定位", "Show in the text and the structured view"),
        Stat => ("校对", "Proofread"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// `N 条已忽略`.
pub fn dismissed_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{n} 条已忽略"),
        Lang::En => format!("{n} dismissed"),
    }
}

// --- The parser's typed messages (warning kinds, doubts, dropped lines,
// corrections not applied), each said in the page's language: the English
// page shows no Chinese message. Added by trust-core for issue 15.

/// What a warning of `kind` is about.
pub fn warning_text(lang: Lang, kind: WarningKind) -> &'static str {
    use WarningKind::*;
    let (zh, en) = match kind {
        OrphanSource => ("找不到所属条目的来源", "A source with no item to belong to"),
        NoHeadline => ("条目没有标题", "An item with no headline"),
        NoBody => ("条目没有正文", "An item with no body"),
        NoSource => (
            "本期多数条目注明来源，此条没有",
            "Most items name a source; this one does not",
        ),
        MastheadUnplaced => (
            "刊头中无法归类的文字",
            "Text in the masthead that is no masthead field",
        ),
        MastheadDuplicate => ("重复的刊头项", "A masthead field given twice"),
        FooterDuplicate => ("重复的报尾项", "A footer field given twice"),
        FooterEmpty => ("报尾项没有内容", "A footer field with nothing after it"),
        AfterFooter => ("报尾之后无法归类的文字", "Text after the footer"),
        Other => ("其他", "Other"),
    };
    pick(lang, zh, en)
}

/// What the parser did with the lines of a warning of `kind`.
pub fn warning_action(lang: Lang, kind: WarningKind) -> &'static str {
    use WarningKind::*;
    let (zh, en) = match kind {
        OrphanSource | MastheadUnplaced | AfterFooter => (
            "这些文字未归入任何部分，原样保留在此。",
            "The text was placed in no part; it is kept here as written.",
        ),
        NoHeadline => (
            "整段作为正文，标题留空。",
            "The whole paragraph was kept as the body; the headline is empty.",
        ),
        NoBody => ("只读出标题。", "Only a headline was read."),
        NoSource => ("来源留空。", "The source was left empty."),
        MastheadDuplicate | FooterDuplicate => (
            "保留第一次出现的值，此处未用。",
            "The first value was kept; this one was not used.",
        ),
        FooterEmpty => ("该项留空。", "The field was left empty."),
        Other => ("", ""),
    };
    pick(lang, zh, en)
}

/// Why an item is marked "check this".
pub fn doubt_text(lang: Lang, reason: DoubtReason) -> &'static str {
    use DoubtReason::*;
    let (zh, en) = match reason {
        NoHeadline => ("没有找到标题与正文的分界", "No break found between headline and body"),
        HeadlineWeakRule => ("标题分界仅凭弱规则判断", "The headline break rests on a weak rule"),
        HeadlineLong => (
            "标题过长或含句末标点，可能混入正文",
            "The headline is long or holds a sentence end: body text may be in it",
        ),
        HeadlineOdd => (
            "标题不像标题：过短、只是单位名称或括号引号不配对",
            "The headline does not read as one: very short, only a unit's name, or unpaired brackets",
        ),
        NoBody => ("只有标题，没有正文", "A headline and no body"),
        NoSource => ("本期多数条目注明来源，此条没有", "Most items name a source; this one does not"),
        SourceUnrecognised => ("来源不像单位名称", "The source does not look like a unit's name"),
        SourceInsideBody => (
            "正文中间有来源，可能是两条合为一条",
            "A source inside the body: two items may have been read as one",
        ),
        SectionUncertain => ("所属栏目不确定", "The section is uncertain"),
        Other => ("其他", "Other"),
    };
    pick(lang, zh, en)
}

/// The mark on a doubtful item.
pub fn check_this(lang: Lang) -> &'static str {
    pick(lang, "需要核对", "check this")
}

/// The mark on what a correction changed.
pub fn corrected_mark(lang: Lang) -> &'static str {
    pick(lang, "已更正", "corrected")
}

/// Why a line was left out as layout noise.
pub fn drop_reason_text(lang: Lang, reason: DropReason) -> &'static str {
    use DropReason::*;
    let (zh, en) = match reason {
        PageNumber => ("页码", "page number"),
        Rule => ("分隔线", "rule"),
        Markup => ("排版标记", "markup"),
        PageHeader => ("页眉", "running page header"),
        PageFurniture => ("网页元素", "web page furniture"),
        Contents => ("目录", "table of contents"),
        FooterCredit => ("报尾署名", "footer credit"),
        PrintCount => ("印数", "print count"),
        PrintLine => ("印发行", "printing line"),
        WebMeta => ("网页信息", "web page details"),
        RunningTotal => ("总期号", "running issue total"),
        Weekday => ("星期", "weekday"),
        Other => ("其他", "other"),
    };
    pick(lang, zh, en)
}

/// Why a saved correction was not applied.
pub fn skip_reason_text(lang: Lang, reason: SkipReason) -> &'static str {
    use SkipReason::*;
    let (zh, en) = match reason {
        ItemNotFound => (
            "找不到该条目（原文已改动）",
            "The item is no longer there (the text changed)",
        ),
        ItemAmbiguous => ("有多个条目与之相符", "Several items match"),
        TextChanged => (
            "原文中该条目的标题已改动",
            "The item's headline changed in the text",
        ),
        OutOfRange => ("位置超出正文", "The position is outside the body"),
        BodyChanged => ("正文在该位置的文字已改动", "The body text there changed"),
        NoNextItem => ("没有下一条可合并", "There is no next item to merge with"),
        FigureNotFound => ("找不到该数字", "The figure is no longer there"),
        NoNumber => (
            "所选文字中没有数字，也未给出数值",
            "No number in the selection and no value given",
        ),
        FigureExists => ("该数字已存在", "That figure is already there"),
    };
    pick(lang, zh, en)
}

#[cfg(test)]
mod typed_message_tests {
    use super::*;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    }

    #[test]
    fn every_typed_message_has_english_without_chinese() {
        for k in WarningKind::ALL {
            assert!(has_cjk(warning_text(Lang::Zh, k)));
            assert!(!has_cjk(warning_text(Lang::En, k)), "{k:?}");
            assert!(!has_cjk(warning_action(Lang::En, k)), "{k:?}");
        }
        for r in DoubtReason::ALL {
            assert!(!has_cjk(doubt_text(Lang::En, r)), "{r:?}");
            assert!(has_cjk(doubt_text(Lang::Zh, r)), "{r:?}");
        }
        for r in DropReason::ALL {
            assert!(!has_cjk(drop_reason_text(Lang::En, r)), "{r:?}");
        }
        assert!(!has_cjk(skip_reason_text(
            Lang::En,
            SkipReason::BodyChanged
        )));
        assert!(!has_cjk(check_this(Lang::En)) && !has_cjk(corrected_mark(Lang::En)));
    }
}
