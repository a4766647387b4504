//! Numbers as bulletins print them: ASCII or full-width digits, thousands
//! separators, decimals, and Chinese numerals (一百二十三, 两千, 二○二三, 十余).

/// The value of one Chinese digit character, `〇○零` being zero and `两` two.
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'Ｏ' | 'О' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The multiplier of a Chinese place or magnitude character.
pub fn cn_multiplier(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        '万' | '萬' => 1.0e4,
        '亿' | '億' => 1.0e8,
        _ => return None,
    })
}

/// An ASCII or full-width decimal digit.
pub fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// True for any character that can be part of a Chinese numeral.
pub fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || cn_multiplier(c).is_some()
}

/// Reads a Chinese numeral such as `一百二十三`, `两千`, `十`, `三万五千`,
/// `一千零八`, a spoken one (`一万三` 13000, `两千四百五` 2450, `一万零十二`
/// 10012, `四万万`), one with a `点` decimal point (`三点五`, `十二点五`), or
/// a digit-by-digit one such as `二○二三`. Returns `None` for anything else
/// (including an empty string).
pub fn parse_cn_number(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    // `三点五`, `十二点零五`: the part after 点 is read digit by digit.
    if let Some((whole, frac)) = s.split_once('点') {
        let w = parse_cn_number(whole)?;
        // `三点五亿`: places after the decimals scale the whole number.
        let digits = frac.trim_end_matches(|c| cn_multiplier(c).is_some());
        let mag: f64 = frac[digits.len()..]
            .chars()
            .filter_map(cn_multiplier)
            .product();
        let frac = digits;
        let mut v = 0.0;
        let mut scale = 1.0;
        for c in frac.chars() {
            scale /= 10.0;
            v += f64::from(cn_digit(c)?) * scale;
        }
        // Rounded to the decimals written: 0.1 steps are not exact in binary.
        let k = frac.chars().count() as i32;
        if k == 0 || k > 6 {
            return None;
        }
        let p = 10f64.powi(k);
        return Some(((w + v) * p).round() * mag / p);
    }
    // Digit-by-digit (years, codes): only digits, no place characters.
    if s.chars().all(|c| cn_digit(c).is_some()) {
        if s.chars().count() == 1 {
            return cn_digit(s.chars().next()?).map(f64::from);
        }
        let mut v = 0.0;
        for c in s.chars() {
            v = v * 10.0 + f64::from(cn_digit(c)?);
        }
        return Some(v);
    }
    // Positional: sections separated by 亿 and 万, each with 千百十 places.
    let mut total = 0.0; // completed 亿/万 sections
    let mut section = 0.0; // within the current 万 section
    let mut digit: Option<f64> = None;
    let mut last_place = f64::INFINITY;
    // The place just written (digit-free since): a lone digit after it
    // counts one place lower (`一万三`, `三百五`); `零` in between cancels.
    let mut just_placed: Option<f64> = None;
    let mut zero = false;
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            // `零` only holds a place (`一千零八`), so a digit may follow it.
            if digit.is_some_and(|prev| prev != 0.0) && d != 0 {
                return None; // two digits in a row (`二三`) is not positional
            }
            if d == 0 {
                zero = true;
                just_placed = None;
            }
            digit = Some(f64::from(d));
        } else if let Some(m) = cn_multiplier(c) {
            if m >= 1.0e4 {
                let d = digit.take().unwrap_or(0.0);
                if section == 0.0 && d == 0.0 && just_placed == Some(1.0e4) && m == 1.0e4 {
                    total *= 1.0e4; // `四万万`: ten thousand ten-thousands
                    just_placed = Some(1.0e8);
                    continue;
                }
                section += d;
                if section == 0.0 && total == 0.0 {
                    section = 1.0; // `万` alone
                }
                if m == 1.0e8 {
                    total = (total + section) * m;
                } else {
                    if total > 0.0 && total < 1.0e8 {
                        return None; // `三万五万`
                    }
                    total += section * m;
                }
                section = 0.0;
                last_place = f64::INFINITY;
            } else {
                if m >= last_place {
                    return None; // `十百` is malformed
                }
                // `十二`: an implied one; `零十二`: as after nothing.
                let d = match digit.take() {
                    Some(0.0) | None => 1.0,
                    Some(d) => d,
                };
                section += d * m;
                last_place = m;
            }
            just_placed = Some(m);
            zero = false;
        } else {
            return None;
        }
    }
    if let (Some(d), Some(m), false) = (digit, just_placed, zero) {
        // `一万三`, `两千四百五`: the trailing digit is one place lower.
        if m >= 100.0 && d > 0.0 {
            return Some(total + section + d * m / 10.0);
        }
    }
    section += digit.unwrap_or(0.0);
    Some(total + section)
}

/// Reads an Arabic number (ASCII or full-width digits, `,` or `，` thousands
/// separators between digit groups, one decimal point `.` or `．`).
pub fn parse_arabic(s: &str) -> Option<f64> {
    // Read by hand rather than with `str::parse::<f64>`: that pulls ~10 KB
    // of float-parsing tables into the page's wasm. Below 2^53 with at most
    // 22 decimals, `mantissa / 10^k` is one correctly rounded division of two
    // exact numbers: the same value `parse` gives.
    let mut mantissa: u64 = 0;
    let mut exact = true;
    let mut approx = 0.0f64;
    let mut decimals: Option<i32> = None;
    let mut seen_digit = false;
    for c in s.chars() {
        if let Some(d) = ascii_digit(c) {
            seen_digit = true;
            if let Some(k) = decimals.as_mut() {
                *k += 1;
            }
            match mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(u64::from(d)))
            {
                Some(m) if m < (1 << 53) && exact => mantissa = m,
                _ => {
                    if exact {
                        approx = mantissa as f64;
                        exact = false;
                    }
                    approx = approx * 10.0 + f64::from(d);
                }
            }
        } else if c == '.' || c == '．' {
            if decimals.is_some() {
                return None; // two decimal points
            }
            decimals = Some(0);
        } else if c == ',' || c == '，' {
            // thousands separator: dropped
        } else {
            return None;
        }
    }
    if !seen_digit {
        return None;
    }
    let whole = if exact { mantissa as f64 } else { approx };
    let k = decimals.unwrap_or(0);
    Some(if k <= 22 {
        whole / 10f64.powi(k)
    } else {
        (0..k).fold(whole, |v, _| v / 10.0)
    })
}

/// An integer written either way: `39`, `３９`, `三十九`, `二十五`.
pub fn parse_integer(s: &str) -> Option<u64> {
    let s = s.trim();
    let v = parse_arabic(s).or_else(|| parse_cn_number(s))?;
    if v.fract() == 0.0 && (0.0..1.0e15).contains(&v) {
        Some(v as u64)
    } else {
        None
    }
}

/// The value of an Arabic digit, half- or full-width (`7`, `７`).
#[inline]
pub fn arabic_digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '０'..='９' => Some(c as u64 - '０' as u64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_cn_number("三"), Some(3.0));
        assert_eq!(parse_cn_number("十"), Some(10.0));
        assert_eq!(parse_cn_number("十二"), Some(12.0));
        assert_eq!(parse_cn_number("二十"), Some(20.0));
        assert_eq!(parse_cn_number("二十五"), Some(25.0));
        assert_eq!(parse_cn_number("一百二十三"), Some(123.0));
        assert_eq!(parse_cn_number("一千零八"), Some(1008.0));
        assert_eq!(parse_cn_number("两千"), Some(2000.0));
        assert_eq!(parse_cn_number("三万五千"), Some(35000.0));
        assert_eq!(parse_cn_number("十二万"), Some(120000.0));
        assert_eq!(parse_cn_number("一亿二千万"), Some(120_000_000.0));
        assert_eq!(parse_cn_number("二○二三"), Some(2023.0));
        assert_eq!(parse_cn_number("二〇二四"), Some(2024.0));
        assert_eq!(parse_cn_number("二零二二"), Some(2022.0));
        assert_eq!(parse_cn_number(""), None);
        assert_eq!(parse_cn_number("十百"), None);
        assert_eq!(parse_cn_number("三x"), None);
        assert_eq!(parse_cn_number("一万三"), Some(13000.0));
        assert_eq!(parse_cn_number("两千四百五"), Some(2450.0));
        assert_eq!(parse_cn_number("三百五"), Some(350.0));
        assert_eq!(parse_cn_number("一万零十二"), Some(10012.0));
        assert_eq!(parse_cn_number("一千零五"), Some(1005.0));
        assert_eq!(parse_cn_number("四万万"), Some(4.0e8));
        assert_eq!(parse_cn_number("三点五"), Some(3.5));
        assert_eq!(parse_cn_number("十二点五"), Some(12.5));
        assert_eq!(parse_cn_number("零点零五"), Some(0.05));
        assert_eq!(parse_cn_number("十五"), Some(15.0));
        assert_eq!(parse_cn_number("一亿三"), Some(130_000_000.0));
        assert_eq!(parse_cn_number("三点"), None);
        assert_eq!(parse_cn_number("三点五亿"), Some(350_000_000.0));
        assert_eq!(parse_cn_number("十二点三四万"), Some(123_400.0));
    }

    #[test]
    fn arabic_numbers() {
        assert_eq!(parse_arabic("1,234"), Some(1234.0));
        assert_eq!(parse_arabic("１２３"), Some(123.0));
        assert_eq!(parse_arabic("3.47"), Some(3.47));
        assert_eq!(parse_arabic("１２．５"), Some(12.5));
        assert_eq!(parse_arabic("."), None);
        assert_eq!(parse_arabic("1.2.3"), None);
        assert_eq!(parse_arabic("248.77"), Some(248.77));
        assert_eq!(parse_arabic("0.1"), Some(0.1));
        // Past 2^53 the value is close, not exact (no bulletin prints such a figure).
        let big = parse_arabic("12345678901234567890").unwrap();
        assert!((big / 12345678901234567890.0 - 1.0).abs() < 1e-12);
        for t in [
            "3.47",
            "440.55",
            "10.57",
            "0.005",
            "123456.789",
            "9007199254740993",
        ] {
            assert_eq!(parse_arabic(t), t.parse::<f64>().ok(), "{t}");
        }
        assert_eq!(parse_integer("第"), None);
        assert_eq!(parse_integer("三十九"), Some(39));
        assert_eq!(parse_integer(" 39 "), Some(39));
    }
}
