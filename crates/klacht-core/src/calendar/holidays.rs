//! Algemeen erkende feestdagen: the holidays of art. 3 lid 1 and 2 of the
//! Algemene termijnenwet (Atw).
//!
//! The rules are applied proleptically: every year gets today's list (King's
//! Day on 27 April, 5 May every year), also years before the Atw existed or
//! before King's Day replaced Queen's Day. Complaint deadlines only ever
//! concern recent dates; the other years merely need an answer that does not
//! panic.

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

/// One of the holidays of art. 3 Algemene termijnenwet.
///
/// Whit Sunday and Easter Sunday are not listed: they are Sundays anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    /// Nieuwjaarsdag, 1 January.
    NewYearsDay,
    /// Goede Vrijdag: not in art. 3 lid 1, but equated with those days by lid 2.
    GoodFriday,
    /// Tweede Paasdag.
    EasterMonday,
    /// Koningsdag: 27 April, or 26 April when the 27th is a Sunday.
    KingsDay,
    /// Bevrijdingsdag, "de vijfde mei": a holiday for the Atw every year, not
    /// only in lustrum years (those only matter for collective agreements).
    LiberationDay,
    /// Hemelvaartsdag, the Thursday 39 days after Easter Sunday.
    AscensionDay,
    /// Tweede Pinksterdag, 50 days after Easter Sunday.
    WhitMonday,
    /// Eerste Kerstdag, 25 December.
    ChristmasDay,
    /// Tweede Kerstdag, 26 December.
    BoxingDay,
}

impl Holiday {
    /// Every holiday, in calendar order.
    pub const ALL: [Holiday; 9] = [
        Holiday::NewYearsDay,
        Holiday::GoodFriday,
        Holiday::EasterMonday,
        Holiday::KingsDay,
        Holiday::LiberationDay,
        Holiday::AscensionDay,
        Holiday::WhitMonday,
        Holiday::ChristmasDay,
        Holiday::BoxingDay,
    ];

    /// The Dutch name, as used in letters and in the law.
    pub fn name_nl(&self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "Nieuwjaarsdag",
            Holiday::GoodFriday => "Goede Vrijdag",
            Holiday::EasterMonday => "Tweede Paasdag",
            Holiday::KingsDay => "Koningsdag",
            Holiday::LiberationDay => "Bevrijdingsdag",
            Holiday::AscensionDay => "Hemelvaartsdag",
            Holiday::WhitMonday => "Tweede Pinksterdag",
            Holiday::ChristmasDay => "Eerste Kerstdag",
            Holiday::BoxingDay => "Tweede Kerstdag",
        }
    }

    /// The English name.
    pub fn name_en(&self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "New Year's Day",
            Holiday::GoodFriday => "Good Friday",
            Holiday::EasterMonday => "Easter Monday",
            Holiday::KingsDay => "King's Day",
            Holiday::LiberationDay => "Liberation Day",
            Holiday::AscensionDay => "Ascension Day",
            Holiday::WhitMonday => "Whit Monday",
            Holiday::ChristmasDay => "Christmas Day",
            Holiday::BoxingDay => "Boxing Day",
        }
    }

    /// The date of this holiday in `year`; `None` only when the year lies
    /// outside the range jiff supports (-9999..=9999).
    pub fn date_in(&self, year: i16) -> Option<Date> {
        let from_easter = |days: i16| easter_sunday(year).and_then(|e| shift_in_year(e, days));
        match self {
            Holiday::NewYearsDay => Date::new(year, 1, 1).ok(),
            Holiday::GoodFriday => from_easter(-2),
            Holiday::EasterMonday => from_easter(1),
            Holiday::KingsDay => kings_day(year),
            Holiday::LiberationDay => Date::new(year, 5, 5).ok(),
            Holiday::AscensionDay => from_easter(39),
            Holiday::WhitMonday => from_easter(50),
            Holiday::ChristmasDay => Date::new(year, 12, 25).ok(),
            Holiday::BoxingDay => Date::new(year, 12, 26).ok(),
        }
    }
}

/// All holidays of `year`, sorted by date.
///
/// Ascension Day can fall on 5 May (Easter on 27 March, as in 2008); the date
/// is then listed twice, once for each holiday. Empty for years jiff cannot
/// represent.
pub fn holidays(year: i16) -> Vec<(Date, Holiday)> {
    let mut list: Vec<(Date, Holiday)> = Holiday::ALL
        .iter()
        .filter_map(|h| h.date_in(year).map(|d| (d, *h)))
        .collect();
    list.sort();
    list
}

/// Easter Sunday (Eerste Paasdag) of `year` in the Gregorian calendar.
///
/// Uses `computus` for the years it supports (1583..=9999) and the same
/// algorithm with Euclidean division for earlier years, so that every year jiff
/// supports gets a date. `None` outside -9999..=9999.
pub fn easter_sunday(year: i16) -> Option<Date> {
    let (month, day) = match computus::gregorian(i32::from(year)) {
        Ok(e) => (i8::try_from(e.month).ok()?, i8::try_from(e.day).ok()?),
        Err(_) => proleptic_easter(i32::from(year)),
    };
    Date::new(year, month, day).ok()
}

/// The anonymous Gregorian algorithm (Meeus/Jones/Butcher), written with
/// Euclidean division so that it also yields a valid 22 March..=25 April date
/// for years before 1583, including negative ones.
fn proleptic_easter(year: i32) -> (i8, i8) {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // n lies in 115..=147, so both values fit comfortably.
    ((n / 31) as i8, (n % 31 + 1) as i8)
}

/// Koningsdag: 27 April, moved to Saturday 26 April when the 27th is a Sunday.
fn kings_day(year: i16) -> Option<Date> {
    let d = Date::new(year, 4, 27).ok()?;
    if d.weekday() == Weekday::Sunday {
        Date::new(year, 4, 26).ok()
    } else {
        Some(d)
    }
}

/// `d` moved by `days` within its own year (the Easter-based holidays never
/// leave it), without fallible span arithmetic.
fn shift_in_year(d: Date, days: i16) -> Option<Date> {
    d.with().day_of_year(d.day_of_year() + days).build().ok()
}

/// The holiday on `d`, if any. Allocation-free: this is the slow path of
/// `Calendar::day_kind` and runs for every query outside the cached years.
///
/// When Ascension Day falls on 5 May, [`Holiday::LiberationDay`] is reported.
pub(crate) fn holiday_on(d: Date) -> Option<Holiday> {
    match (d.month(), d.day()) {
        (1, 1) => return Some(Holiday::NewYearsDay),
        (4, 26) if d.weekday() == Weekday::Saturday => return Some(Holiday::KingsDay),
        (4, 27) if d.weekday() != Weekday::Sunday => return Some(Holiday::KingsDay),
        (5, 5) => return Some(Holiday::LiberationDay),
        (12, 25) => return Some(Holiday::ChristmasDay),
        (12, 26) => return Some(Holiday::BoxingDay),
        // Easter-based holidays fall between 20 March and 14 June.
        (3..=6, _) => {}
        _ => return None,
    }
    let easter = easter_sunday(d.year())?;
    match d.day_of_year() - easter.day_of_year() {
        -2 => Some(Holiday::GoodFriday),
        1 => Some(Holiday::EasterMonday),
        39 => Some(Holiday::AscensionDay),
        50 => Some(Holiday::WhitMonday),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Holidays 2024–2030, worked out by hand from a printed calendar and the
    /// published Easter dates, not from this code.
    #[test]
    fn atw_3_holidays_2024_to_2030_literal() {
        use Holiday::*;
        let expected: [(i16, [(Date, Holiday); 9]); 7] = [
            (
                2024,
                [
                    (date(2024, 1, 1), NewYearsDay),
                    (date(2024, 3, 29), GoodFriday),
                    (date(2024, 4, 1), EasterMonday),
                    (date(2024, 4, 27), KingsDay), // Saturday: stays on the 27th
                    (date(2024, 5, 5), LiberationDay),
                    (date(2024, 5, 9), AscensionDay),
                    (date(2024, 5, 20), WhitMonday),
                    (date(2024, 12, 25), ChristmasDay),
                    (date(2024, 12, 26), BoxingDay),
                ],
            ),
            (
                2025,
                [
                    (date(2025, 1, 1), NewYearsDay),
                    (date(2025, 4, 18), GoodFriday),
                    (date(2025, 4, 21), EasterMonday),
                    (date(2025, 4, 26), KingsDay), // 27 April is a Sunday
                    (date(2025, 5, 5), LiberationDay),
                    (date(2025, 5, 29), AscensionDay),
                    (date(2025, 6, 9), WhitMonday),
                    (date(2025, 12, 25), ChristmasDay),
                    (date(2025, 12, 26), BoxingDay),
                ],
            ),
            (
                2026,
                [
                    (date(2026, 1, 1), NewYearsDay),
                    (date(2026, 4, 3), GoodFriday),
                    (date(2026, 4, 6), EasterMonday),
                    (date(2026, 4, 27), KingsDay),
                    (date(2026, 5, 5), LiberationDay),
                    (date(2026, 5, 14), AscensionDay),
                    (date(2026, 5, 25), WhitMonday),
                    (date(2026, 12, 25), ChristmasDay),
                    (date(2026, 12, 26), BoxingDay),
                ],
            ),
            (
                2027,
                [
                    (date(2027, 1, 1), NewYearsDay),
                    (date(2027, 3, 26), GoodFriday),
                    (date(2027, 3, 29), EasterMonday),
                    (date(2027, 4, 27), KingsDay),
                    (date(2027, 5, 5), LiberationDay),
                    (date(2027, 5, 6), AscensionDay),
                    (date(2027, 5, 17), WhitMonday),
                    (date(2027, 12, 25), ChristmasDay),
                    (date(2027, 12, 26), BoxingDay),
                ],
            ),
            (
                2028,
                [
                    (date(2028, 1, 1), NewYearsDay),
                    (date(2028, 4, 14), GoodFriday),
                    (date(2028, 4, 17), EasterMonday),
                    (date(2028, 4, 27), KingsDay),
                    (date(2028, 5, 5), LiberationDay),
                    (date(2028, 5, 25), AscensionDay),
                    (date(2028, 6, 5), WhitMonday),
                    (date(2028, 12, 25), ChristmasDay),
                    (date(2028, 12, 26), BoxingDay),
                ],
            ),
            (
                2029,
                [
                    (date(2029, 1, 1), NewYearsDay),
                    (date(2029, 3, 30), GoodFriday),
                    (date(2029, 4, 2), EasterMonday),
                    (date(2029, 4, 27), KingsDay),
                    (date(2029, 5, 5), LiberationDay),
                    (date(2029, 5, 10), AscensionDay),
                    (date(2029, 5, 21), WhitMonday),
                    (date(2029, 12, 25), ChristmasDay),
                    (date(2029, 12, 26), BoxingDay),
                ],
            ),
            (
                2030,
                [
                    (date(2030, 1, 1), NewYearsDay),
                    (date(2030, 4, 19), GoodFriday),
                    (date(2030, 4, 22), EasterMonday),
                    (date(2030, 4, 27), KingsDay),
                    (date(2030, 5, 5), LiberationDay),
                    (date(2030, 5, 30), AscensionDay),
                    (date(2030, 6, 10), WhitMonday),
                    (date(2030, 12, 25), ChristmasDay),
                    (date(2030, 12, 26), BoxingDay),
                ],
            ),
        ];
        for (year, days) in expected {
            assert_eq!(holidays(year), days.to_vec(), "holidays of {year}");
            for (d, h) in days {
                assert_eq!(holiday_on(d), Some(h), "{d}");
                assert_eq!(h.date_in(year), Some(d), "{h:?} {year}");
            }
        }
    }

    #[test]
    fn easter_sundays_2024_to_2030_literal() {
        let expected = [
            date(2024, 3, 31),
            date(2025, 4, 20),
            date(2026, 4, 5),
            date(2027, 3, 28),
            date(2028, 4, 16),
            date(2029, 4, 1),
            date(2030, 4, 21),
        ];
        for e in expected {
            assert_eq!(easter_sunday(e.year()), Some(e));
        }
    }

    #[test]
    fn kings_day_moves_to_saturday_only_when_27_april_is_sunday() {
        // 2025 and 2031: 27 April is a Sunday.
        assert_eq!(Holiday::KingsDay.date_in(2025), Some(date(2025, 4, 26)));
        assert_eq!(Holiday::KingsDay.date_in(2031), Some(date(2031, 4, 26)));
        assert_eq!(holiday_on(date(2025, 4, 27)), None);
        // 2030: 26 April is a Friday, King's Day is Saturday the 27th.
        assert_eq!(holiday_on(date(2030, 4, 26)), None);
        assert_eq!(holiday_on(date(2030, 4, 27)), Some(Holiday::KingsDay));
    }

    #[test]
    fn ascension_on_liberation_day_is_listed_twice() {
        // Easter 2016 was 27 March, so Ascension Day was Thursday 5 May 2016.
        let days = holidays(2016);
        assert_eq!(days.len(), 9);
        let on_5_may: Vec<Holiday> = days
            .iter()
            .filter(|(d, _)| *d == date(2016, 5, 5))
            .map(|(_, h)| *h)
            .collect();
        assert_eq!(on_5_may, [Holiday::LiberationDay, Holiday::AscensionDay]);
        assert_eq!(holiday_on(date(2016, 5, 5)), Some(Holiday::LiberationDay));
    }

    #[test]
    fn proleptic_easter_agrees_with_computus() {
        for year in 1583..=9999 {
            let c = computus::gregorian(year).expect("in range");
            let (m, d) = proleptic_easter(year);
            assert_eq!(
                (i64::from(m), i64::from(d)),
                (i64::from(c.month), i64::from(c.day)),
                "{year}"
            );
        }
    }

    #[test]
    fn every_jiff_year_has_nine_holidays_and_no_panic() {
        for year in -9999..=9999 {
            let days = holidays(year);
            assert_eq!(days.len(), 9, "{year}");
            for (d, h) in days {
                assert_eq!(d.year(), year);
                if !(h == Holiday::AscensionDay && d.month() == 5 && d.day() == 5) {
                    assert_eq!(holiday_on(d), Some(h), "{d}");
                }
            }
        }
        assert!(holidays(i16::MAX).is_empty());
        assert!(holidays(i16::MIN).is_empty());
        assert_eq!(easter_sunday(10_000), None);
    }

    #[test]
    fn names_are_distinct() {
        let nl: std::collections::HashSet<_> = Holiday::ALL.iter().map(|h| h.name_nl()).collect();
        let en: std::collections::HashSet<_> = Holiday::ALL.iter().map(|h| h.name_en()).collect();
        assert_eq!((nl.len(), en.len()), (9, 9));
        assert_eq!(Holiday::WhitMonday.name_nl(), "Tweede Pinksterdag");
        assert_eq!(Holiday::KingsDay.name_en(), "King's Day");
    }
}
