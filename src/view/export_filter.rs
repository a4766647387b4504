//! Exporting what the figures table shows: its filter as text (sent to the
//! tools module with the export) and the bulletin cut down to the figures
//! it lets through, and the items they stand in.

use bulletin_parser::{Bulletin, FigureKind};

use crate::view::table::{rows, search_text, Filter};

/// The filter as one line (see [`decode`]); empty for "everything".
pub fn encode(f: &Filter) -> String {
    if f.is_empty() {
        return String::new();
    }
    let opt = |v: Option<&str>| v.map(|v| format!("={v}")).unwrap_or_default();
    let unit = match &f.unit {
        None => String::new(),
        Some(None) => "~".into(),
        Some(Some(u)) => format!("={u}"),
    };
    [
        f.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        unit,
        opt(f.section.as_deref()),
        opt(f.source.as_deref()),
        f.query.replace(['\t', '\n'], " "),
    ]
    .join("\t")
}

/// The filter written by [`encode`].
pub fn decode(text: &str) -> Filter {
    let mut parts = text.split('\t');
    let mut next = || parts.next().unwrap_or("");
    let opt = |v: &str| v.strip_prefix('=').map(str::to_string);
    let kind = next();
    let unit = next();
    Filter {
        kind: FigureKind::ALL.into_iter().find(|k| k.as_str() == kind),
        unit: match unit {
            "~" => Some(None),
            u => opt(u).map(Some),
        },
        section: opt(next()),
        source: opt(next()),
        query: next().to_string(),
    }
}

/// The figures `filter` lets through, as (item, figure) indices in order.
pub fn shown(b: &Bulletin, filter: &Filter) -> Vec<(usize, usize)> {
    let query = filter.query_key();
    rows(b)
        .into_iter()
        .filter(|row| filter.matches(row, &search_text(row), &query))
        .map(|row| (row.item, row.figure))
        .collect()
}

/// The filter in words, as the exported file says it
/// (`类别：金额；报送单位：县财政局`); empty when it lets everything through.
pub fn note(f: &Filter) -> String {
    let mut parts = Vec::new();
    if let Some(k) = f.kind {
        parts.push(format!(
            "类别：{}",
            crate::view::i18n::kind_name(crate::view::i18n::Lang::Zh, k)
        ));
    }
    match &f.unit {
        Some(Some(u)) => parts.push(format!("单位：{u}")),
        Some(None) => parts.push("单位：无".to_string()),
        None => {}
    }
    if let Some(s) = &f.section {
        parts.push(format!("栏目：{s}"));
    }
    if let Some(s) = &f.source {
        parts.push(format!("报送单位：{s}"));
    }
    if !f.query.trim().is_empty() {
        parts.push(format!("搜索：{}", f.query.trim()));
    }
    parts.join("；")
}

/// Keeps the figures `filter` lets through, and the items that have any.
pub fn keep_shown(b: &mut Bulletin, filter: &Filter) {
    if filter.is_empty() {
        return;
    }
    let query = filter.query_key();
    let mut keep: Vec<Vec<bool>> = b
        .items
        .iter()
        .map(|i| vec![false; i.figures.len()])
        .collect();
    for row in rows(b) {
        if filter.matches(&row, &search_text(&row), &query) {
            keep[row.item][row.figure] = true;
        }
    }
    let mut items = std::mem::take(&mut b.items);
    for (item, keep) in items.iter_mut().zip(&keep) {
        let mut flags = keep.iter();
        item.figures.retain(|_| *flags.next().unwrap_or(&false));
    }
    b.items = items
        .into_iter()
        .filter(|i| !i.figures.is_empty())
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulletin_parser::parse;

    #[test]
    fn round_trip() {
        let filters = [
            Filter::default(),
            Filter {
                kind: Some(FigureKind::Money),
                unit: Some(None),
                section: Some("工作动态".into()),
                source: Some("县财政局".into()),
                query: "预算".into(),
            },
            Filter {
                unit: Some(Some("元".into())),
                ..Filter::default()
            },
        ];
        for f in filters {
            assert_eq!(decode(&encode(&f)), f);
        }
    }

    #[test]
    fn keeps_what_the_table_shows() {
        let mut b = parse(
            "某县政务快报\n\n第 3 期\n\n县民政局发放救助金 发放救助金 86 万元，救助 120 人。（县民政局）\n\n县农业局春耕备耕 投入资金 5 万元。（县农业局）\n",
        );
        assert_eq!(b.items.len(), 2);
        let filter = Filter {
            kind: Some(FigureKind::Money),
            source: Some("县民政局".into()),
            ..Filter::default()
        };
        assert_eq!(shown(&b, &filter), vec![(0, 0)]);
        assert_eq!(note(&filter), "类别：金额；报送单位：县民政局");
        keep_shown(&mut b, &filter);
        assert_eq!(b.items.len(), 1);
        assert_eq!(b.items[0].figures.len(), 1);
        assert_eq!(b.items[0].figures[0].value, 860000.0);
    }
}
