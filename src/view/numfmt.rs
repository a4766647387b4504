//! Numbers for people and for markup.
//!
//! `<data value>` needs the plain machine form (`24877000000`, `3.5`); the
//! tooltip and the table want digit grouping and, in Chinese, the 万/亿 form
//! a county office reads at a glance (`248.77 亿`).

use crate::view::lang::Lang;

/// The shortest decimal that reads back as `v`, never in exponent notation:
/// `24877000000`, `3.5`, `0.25`. Non-finite values give an empty string.
pub fn plain_decimal(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v == 0.0 {
        return "0".to_string(); // not "-0"
    }
    // Rust's `Display` for f64 is shortest-round-trip and never uses an exponent.
    format!("{v}")
}

/// `24877000000` → `24,877,000,000`; `1234.5` → `1,234.5`.
pub fn grouped(v: f64) -> String {
    let plain = plain_decimal(v);
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(plain.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The value as a reader of `lang` says it: in Chinese large numbers in
/// 万/亿 (`248.77 亿`, `170 万`), otherwise grouped digits.
pub fn readable(lang: Lang, v: f64) -> String {
    if lang == Lang::Zh && v.is_finite() {
        let a = v.abs();
        if a >= 1.0e8 {
            return format!("{} 亿", trimmed(v / 1.0e8));
        }
        if a >= 1.0e4 {
            return format!("{} 万", trimmed(v / 1.0e4));
        }
    }
    grouped(v)
}

/// A value, or a range's two ends joined by an en dash, each end formatted
/// by `f`: `30,000–50,000`; in 万/亿 the shared word once (`3–5 万`).
pub fn span(v: f64, max: Option<f64>, f: impl Fn(f64) -> String) -> String {
    let lo = f(v);
    let Some(hi) = max.map(&f) else { return lo };
    for word in [" 万", " 亿"] {
        if let (Some(a), Some(b)) = (lo.strip_suffix(word), hi.strip_suffix(word)) {
            return format!("{a}–{b}{word}");
        }
    }
    format!("{lo}–{hi}")
}

/// Rounded to four decimals: `248.77000001` → `248.77`. Rounds in floating
/// point rather than formatting with a precision, which would pull a second
/// float formatter into the wasm.
fn trimmed(v: f64) -> String {
    grouped((v * 1.0e4).round() / 1.0e4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_join_their_ends_once() {
        assert_eq!(span(30000.0, Some(50000.0), grouped), "30,000–50,000");
        assert_eq!(
            span(30000.0, Some(50000.0), |v| readable(Lang::Zh, v)),
            "3–5 万"
        );
        assert_eq!(
            span(5000.0, Some(10000.0), |v| readable(Lang::Zh, v)),
            "5,000–1 万"
        );
        assert_eq!(span(3.5, None, grouped), "3.5");
    }

    #[test]
    fn plain_decimal_has_no_exponent_and_no_trailing_zeros() {
        assert_eq!(plain_decimal(24877000000.0), "24877000000");
        assert_eq!(plain_decimal(3.5), "3.5");
        assert_eq!(plain_decimal(1e21), "1000000000000000000000");
        assert_eq!(plain_decimal(0.000001), "0.000001");
        assert_eq!(plain_decimal(-0.0), "0");
        assert_eq!(plain_decimal(f64::NAN), "");
        assert_eq!(plain_decimal(11.22), "11.22");
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(24877000000.0), "24,877,000,000");
        assert_eq!(grouped(1234.5), "1,234.5");
        assert_eq!(grouped(999.0), "999");
        assert_eq!(grouped(-1000.0), "-1,000");
        assert_eq!(grouped(0.25), "0.25");
    }

    #[test]
    fn chinese_readers_get_wan_and_yi() {
        assert_eq!(readable(Lang::Zh, 24877000000.0), "248.77 亿");
        assert_eq!(readable(Lang::Zh, 1700000.0), "170 万");
        assert_eq!(readable(Lang::Zh, 65800000.0), "6,580 万");
        assert_eq!(readable(Lang::Zh, 9999.0), "9,999");
        assert_eq!(readable(Lang::En, 1700000.0), "1,700,000");
    }
}
