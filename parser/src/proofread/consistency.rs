//! Consistency checks: one county unit named two ways in the same issue,
//! and a footer field with no name after it.

use super::doc::{Doc, FindingKind, Part, Raw};

/// Names of one unit, full and abbreviated (without the 县/区/市 before
/// them): the standard forms of county bureaus.
const UNITS: &[&[&str]] = &[
    &[
        "发改委",
        "发展改革委",
        "发展和改革委员会",
        "发展和改革委",
        "发展改革委员会",
    ],
    &["发改局", "发展和改革局", "发展改革局"],
    &["教体局", "教育体育局", "教育和体育局"],
    &["人社局", "人力资源和社会保障局", "人力资源社会保障局"],
    &["住建局", "住房和城乡建设局", "住房城乡建设局"],
    &["卫健委", "卫生健康委", "卫生健康委员会", "卫生和健康委员会"],
    &["市场监管局", "市场监督管理局"],
    &["自规局", "自然资源和规划局"],
    &["应急局", "应急管理局"],
    &["退役军人局", "退役军人事务局"],
    &["工信局", "工业和信息化局", "工业信息化局"],
    &["交通局", "交通运输局"],
    &["城管局", "城市管理局"],
    &["审批局", "行政审批服务局"],
    &["医保局", "医疗保障局"],
    &["文广旅局", "文化广电和旅游局", "文化广电旅游局"],
    &["文广体旅局", "文化广电体育和旅游局"],
    &["科技局", "科学技术局"],
    &["粮储局", "粮食和物资储备局"],
    &["机关事务局", "机关事务管理局"],
    &["大数据局", "政务服务和大数据管理局"],
    &["民宗局", "民族宗教事务局"],
    &["残联", "残疾人联合会"],
    &["工商联", "工商业联合会"],
    &["科协", "科学技术协会"],
    &["妇联", "妇女联合会"],
];

pub(crate) fn check(doc: &Doc, out: &mut Vec<Raw>) {
    unit_names(doc, out);
    empty_fields(doc, out);
}

fn unit_names(doc: &Doc, out: &mut Vec<Raw>) {
    let variants: Vec<(usize, Vec<char>)> = {
        let mut v: Vec<(usize, Vec<char>)> = UNITS
            .iter()
            .enumerate()
            .flat_map(|(g, names)| names.iter().map(move |n| (g, n.chars().collect())))
            .collect();
        v.sort_by_key(|(_, n)| std::cmp::Reverse(n.len()));
        v
    };
    // Characters a name can start with: the cheap test before the table.
    let mut firsts: Vec<char> = variants.iter().map(|(_, n)| n[0]).collect();
    firsts.sort_unstable();
    firsts.dedup();
    // (group, prefix, variant index in its group) → occurrences.
    let mut seen: Vec<(usize, char, usize, usize, usize)> = Vec::new();
    for seg in &doc.segments {
        let s = &doc.chars[seg.start..seg.end];
        // Only where 县 区 市 stand (noted when the text was read).
        for i in doc.cues.units_in(seg) {
            let prefix = s[i];
            // 省市县 lists, 市县 pairs: the prefix must start the name.
            let rest = &s[i + 1..];
            if rest
                .first()
                .is_none_or(|c| firsts.binary_search(c).is_err())
            {
                continue;
            }
            for (g, name) in &variants {
                if rest.len() >= name.len() && rest[..name.len()] == name[..] {
                    let index = UNITS[*g]
                        .iter()
                        .position(|n| n.chars().eq(name.iter().copied()))
                        .unwrap_or(0);
                    seen.push((
                        *g,
                        prefix,
                        index,
                        seg.start + i,
                        seg.start + i + 1 + name.len(),
                    ));
                    break;
                }
            }
        }
    }
    let mut groups: Vec<(usize, char)> = seen.iter().map(|x| (x.0, x.1)).collect();
    groups.sort();
    groups.dedup();
    for (g, prefix) in groups {
        let here: Vec<_> = seen.iter().filter(|x| x.0 == g && x.1 == prefix).collect();
        let mut counts: Vec<(usize, usize, usize)> = Vec::new(); // (variant, count, first)
        for x in &here {
            match counts.iter_mut().find(|c| c.0 == x.2) {
                Some(c) => c.1 += 1,
                None => counts.push((x.2, 1, x.3)),
            }
        }
        if counts.len() < 2 {
            continue;
        }
        // The form used most (the first used on a tie) is the house form.
        let main = counts
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|c| c.0)
            .unwrap_or(0);
        let main_name = format!("{prefix}{}", UNITS[g][main]);
        for x in here.iter().filter(|x| x.2 != main) {
            let name = format!("{prefix}{}", UNITS[g][x.2]);
            out.push(Raw::new(
                FindingKind::UnitName,
                x.3,
                x.4,
                format!("同一单位两种写法：“{name}”与“{main_name}”"),
                format!("one unit named two ways: “{name}” and “{main_name}”"),
            ));
        }
    }
}

/// Footer labels that must be followed by a name (or a list, for 报送发).
const FIELDS: &[&str] = &[
    "责任编辑",
    "编辑",
    "审核",
    "签发",
    "校对",
    "撰稿",
    "核稿",
    "审稿",
    "主编",
    "本期发",
    "报送",
    "抄送",
    "报",
    "送",
    "发",
];

fn empty_fields(doc: &Doc, out: &mut Vec<Raw>) {
    for seg in doc.segments.iter().filter(|s| s.part == Part::Other) {
        let s = &doc.chars[seg.start..seg.end];
        let mut i = 0;
        while i < s.len() {
            // A label starts the line or follows spaces or markdown bold.
            let at_start = s[..i]
                .iter()
                .all(|c| c.is_whitespace() || *c == '*' || *c == '>')
                || s[i - 1] == ' '
                || s[i - 1] == '　'
                || s[i - 1] == '*';
            if !at_start {
                i += 1;
                continue;
            }
            // The one-character keys 报 送 发 only at the start of a line.
            let line_start = s[..i].iter().all(|c| c.is_whitespace() || *c == '*');
            let Some(label) = FIELDS.iter().find(|f| {
                let len = f.chars().count();
                (len > 1 || line_start)
                    && s.len() > i + len
                    && s[i..i + len].iter().copied().eq(f.chars())
            }) else {
                i += 1;
                continue;
            };
            let len = label.chars().count();
            let mut j = i + len;
            while j < s.len() && s[j] == '*' {
                j += 1;
            }
            if j >= s.len() || !matches!(s[j], '：' | ':') {
                i += len;
                continue;
            }
            let colon = j;
            j += 1;
            while j < s.len() && (s[j].is_whitespace() || s[j] == '*') {
                j += 1;
            }
            // Nothing after the colon, or straight on to the next label.
            let rest: String = s[j..].iter().take(6).collect();
            let next_label = FIELDS.iter().any(|f| {
                rest.starts_with(f)
                    && rest[f.len()..]
                        .trim_start_matches('*')
                        .starts_with(['：', ':'])
            });
            if j >= s.len() || next_label {
                out.push(Raw::new(
                    FindingKind::EmptyField,
                    seg.start + i,
                    seg.start + colon + 1,
                    format!("“{label}”后缺少内容"),
                    format!("nothing after “{label}”"),
                ));
            }
            i = colon + 1;
        }
    }
}
