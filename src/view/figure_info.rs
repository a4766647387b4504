//! What a figure's tooltip and `title` say: the normalised value and every
//! field the parser filled in, in a fixed order, absent fields left out.

use bulletin_parser::Figure;

use crate::view::i18n::{change_name, kind_name, t, Lang, Msg};
use crate::view::numfmt::{grouped, readable, span};

/// `(field name, value)` pairs for the tooltip.
pub fn details(lang: Lang, f: &Figure) -> Vec<(&'static str, String)> {
    let mut value = span(f.value, f.value_max, grouped);
    let spoken = span(f.value, f.value_max, |v| readable(lang, v));
    if spoken != value {
        value = format!("{value}（{spoken}）");
    }
    let mut out = vec![
        (t(lang, Msg::ColValue), value),
        (
            t(lang, Msg::ColUnit),
            f.unit
                .as_deref()
                .unwrap_or(t(lang, Msg::NoUnit))
                .to_string(),
        ),
        (t(lang, Msg::ColKind), kind_name(lang, f.kind).to_string()),
    ];
    let optional = [
        (Msg::ColApprox, f.approx.as_deref().map(str::to_owned)),
        (Msg::ColLabel, f.label.as_deref().map(str::to_owned)),
        (
            Msg::ColChange,
            f.change.map(|c| change_name(lang, c).to_string()),
        ),
        (Msg::ColPeriod, f.period.as_deref().map(str::to_owned)),
        (Msg::ColEntity, f.entity.as_deref().map(str::to_owned)),
    ];
    out.extend(
        optional
            .into_iter()
            .filter_map(|(m, v)| v.map(|v| (t(lang, m), v))),
    );
    out
}

/// The same on one line, for the `title` attribute.
pub fn title(lang: Lang, f: &Figure) -> String {
    let sep = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    details(lang, f)
        .into_iter()
        .map(|(k, v)| format!("{k}{sep}{v}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use bulletin_parser::{Change, FigureKind};

    fn figure() -> Figure {
        Figure {
            text: "3.6 亿元".into(),
            value: 3.6e8,
            value_max: None,
            unit: Some("元".into()),
            approx: None,
            kind: FigureKind::Money,
            start: 0,
            end: 6,
            label: Some("固定资产投资".into()),
            change: Some(Change::Up),
            period: None,
            entity: None,
            corrected: false,
        }
    }

    #[test]
    fn present_fields_only_in_fixed_order() {
        let d = details(Lang::Zh, &figure());
        let keys: Vec<&str> = d.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, vec!["数值", "单位", "类型", "指标", "增减"]);
        assert_eq!(d[0].1, "360,000,000（3.6 亿）");
        assert_eq!(d[4].1, "增加");
    }

    #[test]
    fn a_range_shows_both_ends() {
        let mut f = figure();
        f.value = 30000.0;
        f.value_max = Some(50000.0);
        assert_eq!(details(Lang::Zh, &f)[0].1, "30,000–50,000（3–5 万）");
    }

    #[test]
    fn missing_unit_is_said() {
        let mut f = figure();
        f.unit = None;
        f.value = 12.0;
        let d = details(Lang::En, &f);
        assert_eq!(d[0].1, "12");
        assert_eq!(d[1].1, "(no unit)");
    }

    #[test]
    fn title_joins_everything() {
        let s = title(Lang::En, &figure());
        assert!(
            s.starts_with("Value: 360,000,000 · Unit: 元 · Kind: money"),
            "{s}"
        );
        assert!(s.contains("Measures: 固定资产投资"));
    }
}
