//! Trip settings as text, one codec for every door and the catalog: camera clock shifts
//! ("-3h30m") and the hour a day starts ("04:00"). Parsing and formatting only.

use crate::{Error, Result};
use jiff::civil::Time;
use jiff::SignedDuration;

const SHIFT_HINT: &str = "use hours and minutes such as -3h30m, +6h or 90m";
const DAY_START_HINT: &str = "use a time of day such as 04:00";

/// "-3h30m", "+6h", "+45m", "+1h0m30s"; zero is "0m". Positive shifts carry a "+" so the
/// direction is always visible. Sub-second parts are dropped (shifts are typed in minutes).
pub fn format_shift(by: SignedDuration) -> String {
    let secs = by.as_secs();
    if secs == 0 {
        return "0m".to_string();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    let mut out = String::from(sign);
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 || (h > 0 && s > 0) {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// An optional sign, then hours, minutes and seconds, each optional but in that order and at
/// least one: "-3h30m", "+6h", "90m", "-0h45m", "30s"; a bare "0" is no shift. Spaces around
/// the text are ignored.
pub fn parse_shift(text: &str) -> Result<SignedDuration> {
    let invalid = || Error::InvalidInput {
        what: "clock shift",
        value: text.to_string(),
        hint: SHIFT_HINT,
    };
    let trimmed = text.trim();
    if matches!(trimmed, "0" | "+0" | "-0") {
        return Ok(SignedDuration::ZERO);
    }
    let (negative, mut rest) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let mut secs: i64 = 0;
    let mut units = ['h', 'm', 's'].as_slice();
    let mut parts = 0;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return Err(invalid());
        }
        let value: i64 = rest[..digits].parse().map_err(|_| invalid())?;
        let unit = rest[digits..]
            .chars()
            .next()
            .map(|c| c.to_ascii_lowercase())
            .ok_or_else(invalid)?;
        let at = units.iter().position(|u| *u == unit).ok_or_else(invalid)?;
        let scale = [3600, 60, 1][3 - units.len() + at];
        units = &units[at + 1..];
        secs += value * scale;
        parts += 1;
        rest = &rest[digits + 1..];
    }
    if parts == 0 {
        return Err(invalid());
    }
    Ok(SignedDuration::from_secs(if negative {
        -secs
    } else {
        secs
    }))
}

/// "04:00" or "4:00" (also "04:00:00") → the local time at which a new day starts.
pub fn parse_day_start(text: &str) -> Result<Time> {
    let trimmed = text.trim();
    ["%H:%M", "%H:%M:%S"]
        .iter()
        .find_map(|format| Time::strptime(format, trimmed).ok())
        .ok_or_else(|| Error::InvalidInput {
            what: "day start",
            value: text.to_string(),
            hint: DAY_START_HINT,
        })
}

/// "04:00"; seconds only when set ("04:00:30").
pub fn format_day_start(time: Time) -> String {
    if time.second() == 0 {
        format!("{:02}:{:02}", time.hour(), time.minute())
    } else {
        format!(
            "{:02}:{:02}:{:02}",
            time.hour(),
            time.minute(),
            time.second()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: i64, m: i64) -> SignedDuration {
        SignedDuration::from_secs(h * 3600 + m * 60)
    }

    #[test]
    fn formats_shifts() {
        let cases = [
            (hm(-3, -30), "-3h30m"),
            (hm(6, 0), "+6h"),
            (hm(0, 45), "+45m"),
            (hm(0, -45), "-45m"),
            (hm(1, 30), "+1h30m"),
            (hm(0, 0), "0m"),
            (SignedDuration::from_secs(3630), "+1h0m30s"),
            (SignedDuration::from_secs(-30), "-30s"),
            (hm(49, 0), "+49h"),
        ];
        for (by, want) in cases {
            assert_eq!(format_shift(by), want, "{by:?}");
            assert_eq!(parse_shift(want).unwrap(), by, "{want} round-trips");
        }
    }

    #[test]
    fn parses_shifts() {
        let cases: &[(&str, Option<SignedDuration>)] = &[
            ("-3h30m", Some(hm(-3, -30))),
            ("+6h", Some(hm(6, 0))),
            ("6h", Some(hm(6, 0))),
            ("90m", Some(hm(1, 30))),
            ("-0h45m", Some(hm(0, -45))),
            ("45m", Some(hm(0, 45))),
            (" -3H30M ", Some(hm(-3, -30))),
            ("0m", Some(hm(0, 0))),
            ("0", Some(hm(0, 0))),
            ("-0", Some(hm(0, 0))),
            ("1h0m30s", Some(SignedDuration::from_secs(3630))),
            ("", None),
            ("+", None),
            ("-", None),
            ("3", None),
            ("h", None),
            ("3x", None),
            ("3h-30m", None),
            ("30m3h", None),
            ("3h3h", None),
            ("1.5h", None),
            ("3h 30m", None),
            ("--3h", None),
            ("9999999999h", None),
            ("three hours", None),
        ];
        for (text, want) in cases {
            match (parse_shift(text), want) {
                (Ok(got), Some(want)) => assert_eq!(got, *want, "{text:?}"),
                (Err(Error::InvalidInput { what, value, .. }), None) => {
                    assert_eq!((what, value.as_str()), ("clock shift", *text));
                }
                (got, want) => panic!("{text:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn parses_day_starts() {
        let cases: &[(&str, Option<(i8, i8)>)] = &[
            ("04:00", Some((4, 0))),
            ("4:00", Some((4, 0))),
            ("00:00", Some((0, 0))),
            ("05:30", Some((5, 30))),
            ("23:59", Some((23, 59))),
            ("04:00:00", Some((4, 0))),
            ("24:00", None),
            ("04:60", None),
            ("4", None),
            ("four", None),
            ("", None),
        ];
        for (text, want) in cases {
            match (parse_day_start(text), want) {
                (Ok(got), Some((h, m))) => {
                    assert_eq!(got, Time::constant(*h, *m, 0, 0), "{text:?}");
                }
                (Err(Error::InvalidInput { what, .. }), None) => assert_eq!(what, "day start"),
                (got, want) => panic!("{text:?}: got {got:?}, want {want:?}"),
            }
        }
        assert_eq!(format_day_start(Time::constant(4, 0, 0, 0)), "04:00");
        assert_eq!(format_day_start(Time::constant(0, 0, 0, 0)), "00:00");
        assert_eq!(format_day_start(Time::constant(4, 0, 30, 0)), "04:00:30");
    }
}
