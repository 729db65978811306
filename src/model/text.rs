//! Trip settings as text, one codec for every door and the catalog: camera clocks ("+01:03:10",
//! "Europe/Berlin", "trip"), clock shifts ("-3h30m") and the hour a day starts ("04:00").
//! Parsing and formatting only; whether a zone name exists is the timeline's to say.

use super::CameraClock;
use crate::{Error, Result};
use jiff::civil::Time;
use jiff::tz::Offset;
use jiff::SignedDuration;

const CLOCK_HINT: &str = "use a UTC offset such as +01:03:10 or -05:00, a zone such as \
                          Europe/Berlin (add +3m for a clock 3 minutes fast), or trip";

/// "trip", "trip+3m", "+01:03:10", "-05:00", "Europe/Berlin", "Europe/Berlin-1m30s": the
/// stored and typed form of a camera clock. Offsets carry seconds only when set.
pub fn format_clock(clock: &CameraClock) -> String {
    let drift = |ahead: SignedDuration| {
        if ahead.is_zero() {
            String::new()
        } else {
            format_shift(ahead)
        }
    };
    match clock {
        CameraClock::Trip { ahead } => format!("trip{}", drift(*ahead)),
        CameraClock::Fixed { offset } => format_offset(offset.seconds()),
        CameraClock::Zone { name, ahead } => format!("{name}{}", drift(*ahead)),
    }
}

/// A camera clock for people: "the trip's time", "the trip's time, 3 min fast",
/// "UTC+01:03:10", "Europe/Berlin time, 1 min 30 s slow".
pub fn clock_for_people(clock: &CameraClock) -> String {
    let drift = |ahead: SignedDuration| {
        let secs = ahead.as_secs();
        if secs == 0 {
            return String::new();
        }
        let abs = secs.unsigned_abs();
        let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
        let mut parts = Vec::new();
        if h > 0 {
            parts.push(format!("{h} h"));
        }
        if m > 0 {
            parts.push(format!("{m} min"));
        }
        if s > 0 {
            parts.push(format!("{s} s"));
        }
        let way = if secs > 0 { "fast" } else { "slow" };
        format!(", {} {way}", parts.join(" "))
    };
    match clock {
        CameraClock::Trip { ahead } => format!("the trip's time{}", drift(*ahead)),
        CameraClock::Fixed { offset } => format!("UTC{}", format_offset(offset.seconds())),
        CameraClock::Zone { name, ahead } => format!("{name} time{}", drift(*ahead)),
    }
}

/// Parses what [`format_clock`] writes, and also "UTC+01:03", "UTC", "+0100" and "+1". A
/// zone name is taken as written (trimmed): the caller checks that it exists. A trailing
/// shift ("+3m", "-1m30s") after "trip" or a zone name is how far the clock runs fast.
pub fn parse_clock(text: &str) -> Result<CameraClock> {
    let invalid = || Error::InvalidInput {
        what: "camera clock",
        value: text.to_string(),
        hint: CLOCK_HINT,
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(invalid());
    }
    let upper = trimmed.to_ascii_uppercase();
    if upper == "UTC" || upper == "Z" {
        return Ok(CameraClock::Fixed {
            offset: Offset::UTC,
        });
    }
    let offset_text = upper.strip_prefix("UTC").unwrap_or(&upper);
    if offset_text.starts_with(['+', '-']) {
        let secs = parse_offset(offset_text).ok_or_else(invalid)?;
        let offset = Offset::from_seconds(secs).map_err(|_| invalid())?;
        return Ok(CameraClock::Fixed { offset });
    }
    // "trip" or a zone, then an optional drift: the last '+' or '-' that starts a shift.
    let (base, ahead) = split_drift(trimmed);
    let ahead = ahead.unwrap_or(SignedDuration::ZERO);
    if base.eq_ignore_ascii_case("trip") {
        return Ok(CameraClock::Trip { ahead });
    }
    let valid_name = base
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
    if !valid_name || !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(invalid());
    }
    Ok(CameraClock::Zone {
        name: base.to_string(),
        ahead,
    })
}

/// "Europe/Berlin+3m" → ("Europe/Berlin", +3 min); "Etc/GMT+5" stays whole (its "+5" has no
/// unit, so it is part of the name).
fn split_drift(text: &str) -> (&str, Option<SignedDuration>) {
    if let Some(at) = text.rfind(['+', '-']) {
        if at > 0 {
            if let Ok(ahead) = parse_shift(&text[at..]) {
                let has_unit = text[at..].chars().any(|c| c.is_ascii_alphabetic());
                if has_unit {
                    return (&text[..at], Some(ahead));
                }
            }
        }
    }
    (text, None)
}

/// "+01:03:10", "-05:00": seconds only when set.
fn format_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{s:02}")
    }
}

/// "+01:03:10", "-05:00", "+0100", "+01", "-5" → seconds east of UTC.
fn parse_offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let parts: Vec<&str> = if rest.contains(':') {
        rest.split(':').collect()
    } else if rest.len() == 4 {
        vec![&rest[..2], &rest[2..]]
    } else {
        vec![rest]
    };
    if parts.is_empty()
        || parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let value = |i: usize| parts.get(i).map_or(Some(0), |p| p.parse::<i32>().ok());
    let (h, m, s) = (value(0)?, value(1)?, value(2)?);
    if m > 59 || s > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + s))
}

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

    #[test]
    fn clocks_round_trip_and_read_like_people_write_them() {
        let secs = |s: i64| SignedDuration::from_secs(s);
        let fixed = |s: i32| CameraClock::Fixed {
            offset: Offset::from_seconds(s).unwrap(),
        };
        let zone = |name: &str, ahead: i64| CameraClock::Zone {
            name: name.into(),
            ahead: secs(ahead),
        };
        // (text, clock, canonical text, for people)
        let cases = [
            ("trip", CameraClock::default(), "trip", "the trip's time"),
            (
                " Trip+3m ",
                CameraClock::Trip { ahead: secs(180) },
                "trip+3m",
                "the trip's time, 3 min fast",
            ),
            ("+01:03:10", fixed(3790), "+01:03:10", "UTC+01:03:10"),
            ("UTC+01:03", fixed(3780), "+01:03", "UTC+01:03"),
            ("-05:00", fixed(-18000), "-05:00", "UTC-05:00"),
            ("-0500", fixed(-18000), "-05:00", "UTC-05:00"),
            ("utc-5", fixed(-18000), "-05:00", "UTC-05:00"),
            ("UTC", fixed(0), "+00:00", "UTC+00:00"),
            (
                "Europe/Berlin",
                zone("Europe/Berlin", 0),
                "Europe/Berlin",
                "Europe/Berlin time",
            ),
            (
                "America/Chicago-1m30s",
                zone("America/Chicago", -90),
                "America/Chicago-1m30s",
                "America/Chicago time, 1 min 30 s slow",
            ),
            (
                "Etc/GMT+5",
                zone("Etc/GMT+5", 0),
                "Etc/GMT+5",
                "Etc/GMT+5 time",
            ),
            (
                "Etc/GMT+5+2m",
                zone("Etc/GMT+5", 120),
                "Etc/GMT+5+2m",
                "Etc/GMT+5 time, 2 min fast",
            ),
        ];
        for (text, clock, canonical, people) in cases {
            assert_eq!(parse_clock(text).unwrap(), clock, "{text:?}");
            assert_eq!(format_clock(&clock), canonical, "{text:?}");
            assert_eq!(parse_clock(canonical).unwrap(), clock, "{canonical:?}");
            assert_eq!(clock_for_people(&clock), people, "{text:?}");
        }
        for bad in [
            "",
            "+",
            "+1:60",
            "+01:00:60",
            "+26:00",
            "+1:2:3:4",
            "+a",
            "3h",
            "Europe Berlin",
            "/etc",
        ] {
            match parse_clock(bad) {
                Err(Error::InvalidInput { what, .. }) => assert_eq!(what, "camera clock"),
                other => panic!("{bad:?}: {other:?}"),
            }
        }
    }

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
