//! Dates as a person reads them, in English, the same in the CLI, the app (served in the JSON the
//! app reads) and the exports: "Tue 17 May 2022", "16–19 May 2022". Fixed names, not the
//! system locale, so every door reads alike.

use jiff::civil::Date;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_LONG: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn month(date: Date) -> &'static str {
    MONTHS[(date.month() - 1) as usize]
}

fn weekday(date: Date) -> usize {
    (date.weekday().to_monday_one_offset() - 1) as usize
}

/// "17 May".
pub fn short_date(date: Date) -> String {
    format!("{} {}", date.day(), month(date))
}

/// "Tue 17 May".
pub fn weekday_date(date: Date) -> String {
    format!("{} {}", WEEKDAYS[weekday(date)], short_date(date))
}

/// "Tue 17 May 2022": a day heading.
pub fn long_date(date: Date) -> String {
    format!("{} {}", weekday_date(date), date.year())
}

/// "Tuesday 17 May 2022".
pub fn full_date(date: Date) -> String {
    format!(
        "{} {} {} {}",
        WEEKDAYS_LONG[weekday(date)],
        date.day(),
        MONTHS_LONG[(date.month() - 1) as usize],
        date.year()
    )
}

/// "17 May 2022", "16–19 May 2022", "30 Apr – 2 May 2022", "30 Dec 2022 – 2 Jan 2023".
pub fn date_range(first: Date, last: Date) -> String {
    if first == last {
        format!("{} {}", short_date(first), first.year())
    } else if first.year() != last.year() {
        format!(
            "{} {} – {} {}",
            short_date(first),
            first.year(),
            short_date(last),
            last.year()
        )
    } else if first.month() != last.month() {
        format!(
            "{} – {} {}",
            short_date(first),
            short_date(last),
            last.year()
        )
    } else {
        format!("{}–{} {}", first.day(), short_date(last), last.year())
    }
}

/// "Mon 6 – Thu 9 Nov", "Mon 30 Oct – Thu 2 Nov", "Tue 7 Nov": a conference's days.
pub fn weekday_range(first: Date, last: Date) -> String {
    let day = |d: Date| format!("{} {}", WEEKDAYS[weekday(d)], d.day());
    if first == last {
        weekday_date(first)
    } else if (first.year(), first.month()) == (last.year(), last.month()) {
        format!("{} – {} {}", day(first), day(last), month(last))
    } else {
        format!("{} – {}", weekday_date(first), weekday_date(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_read_like_a_person_writes_them() {
        assert_eq!(short_date(date(2022, 5, 7)), "7 May");
        assert_eq!(weekday_date(date(2022, 5, 17)), "Tue 17 May");
        assert_eq!(long_date(date(2022, 5, 17)), "Tue 17 May 2022");
        assert_eq!(long_date(date(2023, 1, 1)), "Sun 1 Jan 2023");
        assert_eq!(full_date(date(2022, 5, 17)), "Tuesday 17 May 2022");
        let cases = [
            ((2022, 5, 17), (2022, 5, 17), "17 May 2022"),
            ((2022, 5, 16), (2022, 5, 19), "16–19 May 2022"),
            ((2022, 4, 30), (2022, 5, 2), "30 Apr – 2 May 2022"),
            ((2022, 12, 30), (2023, 1, 2), "30 Dec 2022 – 2 Jan 2023"),
        ];
        for ((y1, m1, d1), (y2, m2, d2), want) in cases {
            assert_eq!(date_range(date(y1, m1, d1), date(y2, m2, d2)), want);
        }
        assert_eq!(
            weekday_range(date(2023, 11, 6), date(2023, 11, 9)),
            "Mon 6 – Thu 9 Nov"
        );
        assert_eq!(
            weekday_range(date(2023, 10, 30), date(2023, 11, 2)),
            "Mon 30 Oct – Thu 2 Nov"
        );
        assert_eq!(
            weekday_range(date(2023, 11, 7), date(2023, 11, 7)),
            "Tue 7 Nov"
        );
    }
}
