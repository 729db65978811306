//! Dates and times written into file names by phones and apps (`PXL_20220517_143022123`,
//! `Screenshot 2022-05-17 at 14.30.22`, `IMG-20220517-WA0007`, …). Pure string work: the name
//! is a wall clock in an unknown zone, and nothing here looks at the file.

use jiff::civil::{Date, Time};

/// Years accepted from a name: digital photos, not serial numbers that happen to parse.
const YEARS: std::ops::RangeInclusive<i16> = 1990..=2100;

/// The first valid date in `name`, with the time of day when it follows the date.
///
/// Recognises a compact `YYYYMMDD` (a run of exactly 8 digits, or 14+ digits starting with
/// `YYYYMMDDHHMMSS`) or `YYYY-MM-DD` (also `_` or `.`), then optionally a separator (`_`, `-`,
/// ` `, `T`, `.` or ` at `) and `HHMMSS` (milliseconds may follow) or `HH.MM.SS` (also `-`,
/// `:` or `_`). Out-of-range values are not dates; a bad time keeps the date alone.
pub fn date_from_name(name: &str) -> Option<(Date, Option<Time>)> {
    let b = name.as_bytes();
    (0..b.len())
        .filter(|&i| b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()))
        .find_map(|i| date_at(&b[i..]))
        .map(|(date, rest)| (date, time_after(rest)))
}

/// Length of the digit run at the start of `b`.
fn digit_run(b: &[u8]) -> usize {
    b.iter().take_while(|c| c.is_ascii_digit()).count()
}

/// The number in `b` (all ASCII digits, checked by the caller).
fn number(b: &[u8]) -> i16 {
    b.iter().fold(0, |n, &d| n * 10 + i16::from(d - b'0'))
}

fn date(y: &[u8], m: &[u8], d: &[u8]) -> Option<Date> {
    let year = number(y);
    if !YEARS.contains(&year) {
        return None;
    }
    Date::new(year, number(m) as i8, number(d) as i8).ok()
}

/// A date at the start of `b` and what follows it.
fn date_at(b: &[u8]) -> Option<(Date, &[u8])> {
    let run = digit_run(b);
    if run == 8 || run >= 14 {
        return Some((date(&b[0..4], &b[4..6], &b[6..8])?, &b[8..]));
    }
    if run == 4 && b.len() >= 10 {
        let sep = b[4];
        let separated = matches!(sep, b'-' | b'_' | b'.')
            && b[7] == sep
            && digit_run(&b[5..]) == 2
            && digit_run(&b[8..]) == 2;
        if separated {
            return Some((date(&b[0..4], &b[5..7], &b[8..10])?, &b[10..]));
        }
    }
    None
}

/// A time of day right after the date (after one separator).
fn time_after(rest: &[u8]) -> Option<Time> {
    let rest = if rest.first().is_some_and(u8::is_ascii_digit) {
        rest // YYYYMMDDHHMMSS
    } else {
        [&b" at "[..], b"_at_", b"-at-", b"_", b"-", b" ", b"T", b"."]
            .iter()
            .find_map(|sep| rest.strip_prefix(*sep))?
    };
    let run = digit_run(rest);
    let (h, m, s) = if (6..=9).contains(&run) {
        (&rest[0..2], &rest[2..4], &rest[4..6])
    } else if run == 2 && rest.len() >= 8 {
        let sep = rest[2];
        let separated = matches!(sep, b'.' | b'-' | b':' | b'_')
            && rest[5] == sep
            && digit_run(&rest[3..]) == 2
            && digit_run(&rest[6..]) == 2;
        if !separated {
            return None;
        }
        (&rest[0..2], &rest[3..5], &rest[6..8])
    } else {
        return None;
    };
    Time::new(number(h) as i8, number(m) as i8, number(s) as i8, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    #[test]
    fn names() {
        let d = date(2022, 5, 17);
        let t = Some(time(14, 30, 22, 0));
        type Want = Option<(Date, Option<Time>)>;
        let cases: &[(&str, Want)] = &[
            ("PXL_20220517_143022123.jpg", Some((d, t))),
            ("PXL_20220517_143022123.MP.jpg", Some((d, t))),
            ("IMG_20220517_143022.jpg", Some((d, t))),
            ("IMG_20220517_143022_HDR.jpg", Some((d, t))),
            ("20220517_143022.jpg", Some((d, t))),
            ("VID_20220517_143022.mp4", Some((d, t))),
            ("Screenshot_20220517-143022.png", Some((d, t))),
            ("Screenshot_20220517-143022_Chrome.png", Some((d, t))),
            ("Screenshot 2022-05-17 at 14.30.22.png", Some((d, t))),
            ("Screenshot_2022-05-17-14-30-22.png", Some((d, t))),
            (
                "Screenshot_2022-05-17-14-30-22-123_com.app.jpg",
                Some((d, t)),
            ),
            ("signal-2022-05-17-143022.jpg", Some((d, t))),
            ("signal-2022-05-17-14-30-22-123.jpg", Some((d, t))),
            ("2022-05-17 14:30:22.jpg", Some((d, t))),
            ("2022-05-17T14.30.22.jpg", Some((d, t))),
            ("20220517143022.jpg", Some((d, t))),
            ("IMG-20220517-WA0007.jpg", Some((d, None))),
            ("2022-05-17.jpg", Some((d, None))),
            ("DSC_20220517.JPG", Some((d, None))),
            ("IMG_20220517_1430.jpg", Some((d, None))),
            ("IMG_20220517_253022.jpg", Some((d, None))), // hour 25: date alone
            ("IMG_20221317_143022.jpg", None),            // month 13
            ("IMG_20220230_143022.jpg", None),            // 30 February
            ("IMG_19850517_143022.jpg", None),            // before digital photos
            ("IMG_21010517_143022.jpg", None),
            ("IMG_1234.JPG", None),
            ("DSCN0010.jpg", None),
            ("1652797822123.jpg", None), // Unix milliseconds, not a date
            ("photo.jpg", None),
            ("", None),
            ("x123420220517_143022", None), // date inside a longer number
            ("trip 1 2022-05-17", Some((d, None))),
        ];
        for (name, want) in cases {
            assert_eq!(date_from_name(name), *want, "{name:?}");
        }
    }
}
