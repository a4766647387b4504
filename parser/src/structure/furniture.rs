//! Web and WeChat page furniture that lands outside the bulletin — above
//! its masthead or below its footer — when a page is copied whole: a site's
//! banner and breadcrumbs, links to the previous and next article, the
//! site's own footer, WeChat's article chrome. Well understood, so it is
//! dropped as furniture (`DropReason::PageFurniture`) rather than raised as
//! a warning. Each rule is a named function; the line must be short and
//! made only of the furniture (a bulletin's own text never is).

/// The longest furniture line, in bytes (about 60 Chinese characters).
const MAX_BYTES: usize = 180;

/// `t`, a line above the masthead or below the footer, is page furniture.
pub fn is_web_furniture(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == ' ' || c == '\u{3000}');
    !t.is_empty()
        && t.len() <= MAX_BYTES
        && (links_to_other_articles(t)
            || site_footer(t)
            || site_banner(t)
            || navigation_bar(t)
            || wechat_chrome(t)
            || wechat_byline_time(t))
}

/// `上一篇：…`, `下一篇：…` (and 条): links to the neighbouring articles.
fn links_to_other_articles(t: &str) -> bool {
    ["上一篇", "下一篇", "上一条", "下一条"]
        .iter()
        .any(|k| t.starts_with(k))
}

/// The site's footer: who runs it, its codes and licences.
fn site_footer(t: &str) -> bool {
    const KEYS: [&str; 9] = [
        "主办单位",
        "承办单位",
        "网站标识码",
        "版权所有",
        "技术支持",
        "联系我们",
        "网站地图",
        "ICP备",
        "公网安备",
    ];
    KEYS.iter().any(|k| t.starts_with(k)) || t.contains("ICP备") || t.contains("网站标识码")
}

/// The site's name as a banner: `某县人民政府门户网站`, `某县人民政府网`.
fn site_banner(t: &str) -> bool {
    t.chars().count() <= 24
        && ["门户网站", "人民政府网", "政府网站", "政务网"]
            .iter()
            .any(|k| t.ends_with(k))
}

/// `首页 | 政务公开 | 政务服务 | 互动交流`: a site's menu, three or more
/// short entries between bars.
fn navigation_bar(t: &str) -> bool {
    let parts: Vec<&str> = t
        .split(['|', '｜'])
        .map(|p| p.trim_matches(|c: char| c == ' ' || c == '\u{3000}'))
        .collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().count() <= 8)
}

/// WeChat's chrome around an article: `听全文`, `预览时标签不可点`,
/// `写留言`, `阅读原文`, `阅读 2.1万`, `分享 收藏 赞 86 在看 23`,
/// `原创 某某发布 某某发布`.
fn wechat_chrome(t: &str) -> bool {
    const WHOLE: [&str; 7] = [
        "听全文",
        "预览时标签不可点",
        "写留言",
        "留言",
        "阅读原文",
        "点击上方蓝字关注我们",
        "微信扫一扫关注该公众号",
    ];
    if WHOLE.contains(&t) {
        return true;
    }
    if let Some(rest) = t.strip_prefix("原创") {
        return rest.starts_with([' ', '\u{3000}']) && rest.chars().count() <= 30;
    }
    // Counters: words of the toolbar and numbers (`阅读 2.1万`, `赞 86`).
    const WORDS: [&str; 7] = ["阅读", "分享", "收藏", "点赞", "赞", "在看", "转发"];
    let mut words = 0;
    for token in t.split([' ', '\u{3000}']).filter(|s| !s.is_empty()) {
        if WORDS.contains(&token) {
            words += 1;
        } else if !token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '万' | '+' | 'w' | 'W'))
        {
            return false;
        }
    }
    words > 0
}

/// `18:30 福建`: the time and place WeChat prints under an article's byline.
fn wechat_byline_time(t: &str) -> bool {
    let b = t.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) || b.get(digits) != Some(&b':') {
        return false;
    }
    let minutes = b[digits + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if minutes != 2 {
        return false;
    }
    let place = t[digits + 3..].trim_start_matches([' ', '\u{3000}']);
    place.chars().count() <= 6
        && place
            .chars()
            .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::is_web_furniture;

    #[test]
    fn furniture_of_invented_pages() {
        for t in [
            "上一篇：桐溪县政务信息（2024年第3期）",
            "下一篇：无",
            "主办单位：桐溪县人民政府办公室    网站标识码：3301990001",
            "版权所有：桐溪县人民政府",
            "桐溪县人民政府门户网站",
            "首页 | 政务公开 | 政务服务 | 互动交流",
            "首页｜新闻中心｜政务信息",
            "听全文",
            "预览时标签不可点",
            "写留言",
            "阅读 3.4万",
            "分享  收藏  赞 12  在看 5",
            "原创 桐溪发布 桐溪发布",
            "09:05 浙江",
            "21:40",
        ] {
            assert!(is_web_furniture(t), "{t}");
        }
    }

    #[test]
    fn bulletin_text_is_no_furniture() {
        for t in [
            "桐溪县政务信息",
            "桐溪县人民政府办公室",
            "县财政局：上一篇报道的项目已开工",
            "阅读推广活动覆盖 12 所学校",
            "收藏品展览吸引 3000 人次",
            "原创文艺作品评选揭晓",
            "10:30 在县会议中心召开推进会",
            "县委 | 县政府 | 县人大 联合开展督查",
            "本期发：县委常委，县人大常委会主任。",
            "（内部资料）",
        ] {
            assert!(!is_web_furniture(t), "{t}");
        }
    }
}
