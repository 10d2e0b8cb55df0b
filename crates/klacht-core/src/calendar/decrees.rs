//! Gelijkgestelde dagen: days equated with an algemeen erkende feestdag by
//! royal decree under art. 3 lid 3 Algemene termijnenwet.
//!
//! The government issues such a decree every three years, naming the bridge
//! days ("brugdagen") of the coming three years. The decrees follow a steady
//! pattern, which we use for years no shipped decree covers; for the years a
//! published decree covers, its list is authoritative.

use jiff::civil::{Date, Weekday};

use super::holidays::{Holiday, holiday_on};

/// The years [`SHIPPED_DECREES`] covers. For these years the table, not the
/// pattern, says which days are equated (an empty list is an answer too).
pub const SHIPPED_DECREE_YEARS: &[i16] = &[2017, 2018, 2019, 2023, 2024, 2025, 2026, 2027, 2028];

/// Every day equated by a published decree for one of the
/// [`SHIPPED_DECREE_YEARS`], sorted.
///
/// A decree's citation title lists all of its days, so the titles quoted below
/// are complete lists.
pub const SHIPPED_DECREES: &[Date] = &[
    // "Besluit van 24 oktober 2016, nr. 2016001827, houdende gelijkstelling van
    // 28 april en 26 mei 2017, 11 mei en 24 en 31 december 2018 en 31 mei en
    // 27 december 2019 met een algemeen erkende feestdag", Stcrt. 2016;
    // wetten.overheid.nl BWBR0038666.
    Date::constant(2017, 4, 28),
    Date::constant(2017, 5, 26),
    Date::constant(2018, 5, 11),
    Date::constant(2018, 12, 24),
    Date::constant(2018, 12, 31),
    Date::constant(2019, 5, 31),
    Date::constant(2019, 12, 27),
    // "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024,
    // 27 december 2024 en 30 mei 2025 met een algemeen erkende feestdag"
    // (title as quoted by sterfgeval.nl, vraag 70745, 4 October 2025).
    Date::constant(2023, 4, 28),
    Date::constant(2023, 5, 19),
    Date::constant(2024, 5, 10),
    Date::constant(2024, 12, 27),
    Date::constant(2025, 5, 30),
    // "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027,
    // 28 april 2028 en 26 mei 2028 met een algemeen erkende feestdag"
    // (same source). Note: it does NOT equate Monday 4 May 2026 (5 May is a
    // Tuesday) nor Monday 26 April 2027 (King's Day is a Tuesday), which the
    // pattern would.
    Date::constant(2026, 1, 2),
    Date::constant(2026, 5, 15),
    Date::constant(2027, 5, 7),
    Date::constant(2028, 4, 28),
    Date::constant(2028, 5, 26),
];

/// The shipped decree days falling in `year`, or `None` when no shipped decree
/// covers that year.
pub fn shipped_equated_days(year: i16) -> Option<Vec<Date>> {
    SHIPPED_DECREE_YEARS.contains(&year).then(|| {
        SHIPPED_DECREES
            .iter()
            .copied()
            .filter(|d| d.year() == year)
            .collect()
    })
}

/// Whether a shipped decree covers `d`'s year, and if so whether it equates `d`.
pub(crate) fn shipped_equated(d: Date) -> Option<bool> {
    SHIPPED_DECREE_YEARS
        .contains(&d.year())
        .then(|| SHIPPED_DECREES.binary_search(&d).is_ok())
}

/// The days of `year` that the customary pattern of the decrees equates with a
/// holiday, sorted:
///
/// * the Friday after Ascension Day;
/// * the Monday before New Year's Day, King's Day, 5 May or Christmas Day when
///   that day is a Tuesday (for New Year's Day this is 31 December of the
///   *previous* year, so `year`'s list holds 31 December when 1 January of the
///   next year is a Tuesday);
/// * the Friday after New Year's Day, King's Day, 5 May or Boxing Day when that
///   day is a Thursday;
/// * 6 May when Ascension Day is 7 May (the day between two holidays).
///
/// Days that already are holidays are left out. Empty for years jiff cannot
/// represent.
pub fn equated_days_by_pattern(year: i16) -> Vec<Date> {
    let mut days: Vec<Date> = pattern_candidates(year)
        .into_iter()
        .flatten()
        .filter(|d| holiday_on(*d).is_none())
        .collect();
    days.sort();
    days.dedup();
    days
}

/// Whether the pattern equates `d`. Allocation-free.
pub(crate) fn is_equated_by_pattern(d: Date) -> bool {
    pattern_candidates(d.year()).contains(&Some(d)) && holiday_on(d).is_none()
}

/// The pattern's days for `year`, unsorted, possibly with duplicates. Every rule
/// is phrased as "this date, if it has this weekday", which keeps all of them
/// inside `year` and needs no fallible date arithmetic.
fn pattern_candidates(year: i16) -> [Option<Date>; 10] {
    let on = |month: i8, day: i8, weekday: Weekday| {
        Date::new(year, month, day)
            .ok()
            .filter(|d| d.weekday() == weekday)
    };
    let ascension = Holiday::AscensionDay.date_in(year);
    let after_ascension = ascension.and_then(|a| a.tomorrow().ok());
    let six_may = ascension
        .filter(|a| a.month() == 5 && a.day() == 7)
        .and_then(|_| Date::new(year, 5, 6).ok());
    [
        // Friday after Ascension Day.
        after_ascension,
        // Wednesday 6 May between 5 May and Ascension Day on 7 May.
        six_may,
        // Monday 31 December before New Year's Day on a Tuesday.
        on(12, 31, Weekday::Monday),
        // Friday 2 January after New Year's Day on a Thursday.
        on(1, 2, Weekday::Friday),
        // King's Day on a Tuesday can only be 27 April (26 April is used only
        // when the 27th is a Sunday, making the 26th a Saturday).
        on(4, 26, Weekday::Monday),
        on(4, 28, Weekday::Friday),
        // 5 May on a Tuesday or a Thursday.
        on(5, 4, Weekday::Monday),
        on(5, 6, Weekday::Friday),
        // Christmas Day on a Tuesday, Boxing Day on a Thursday.
        on(12, 24, Weekday::Monday),
        on(12, 27, Weekday::Friday),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn table_is_sorted_and_consistent_with_its_years() {
        assert!(SHIPPED_DECREES.windows(2).all(|w| w[0] < w[1]));
        assert!(SHIPPED_DECREE_YEARS.windows(2).all(|w| w[0] < w[1]));
        for d in SHIPPED_DECREES {
            assert!(SHIPPED_DECREE_YEARS.contains(&d.year()), "{d}");
            assert!(holiday_on(*d).is_none(), "{d} is already a holiday");
            assert!(
                !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday),
                "{d} is a weekend day"
            );
        }
    }

    #[test]
    fn atw_3_3_shipped_days_literal() {
        let by_year = |y| shipped_equated_days(y).expect("covered");
        assert_eq!(by_year(2017), [date(2017, 4, 28), date(2017, 5, 26)]);
        assert_eq!(
            by_year(2018),
            [date(2018, 5, 11), date(2018, 12, 24), date(2018, 12, 31)]
        );
        assert_eq!(by_year(2019), [date(2019, 5, 31), date(2019, 12, 27)]);
        assert_eq!(by_year(2023), [date(2023, 4, 28), date(2023, 5, 19)]);
        assert_eq!(by_year(2024), [date(2024, 5, 10), date(2024, 12, 27)]);
        assert_eq!(by_year(2025), [date(2025, 5, 30)]);
        assert_eq!(by_year(2026), [date(2026, 1, 2), date(2026, 5, 15)]);
        assert_eq!(by_year(2027), [date(2027, 5, 7)]);
        assert_eq!(by_year(2028), [date(2028, 4, 28), date(2028, 5, 26)]);
        assert_eq!(shipped_equated_days(2022), None);
        assert_eq!(shipped_equated_days(2029), None);
        assert_eq!(shipped_equated(date(2026, 5, 4)), Some(false));
        assert_eq!(shipped_equated(date(2026, 5, 15)), Some(true));
        assert_eq!(shipped_equated(date(2030, 5, 31)), None);
    }

    /// Where the published decrees and the pattern agree, and the two places
    /// where they do not.
    #[test]
    fn atw_3_3_pattern_versus_published_decrees() {
        for year in [2017, 2018, 2019, 2023, 2024, 2025, 2028] {
            assert_eq!(
                Some(equated_days_by_pattern(year)),
                shipped_equated_days(year),
                "{year}"
            );
        }
        // 5 May 2026 is a Tuesday and King's Day 2027 a Tuesday: the pattern
        // bridges the Monday before, the 2026–2028 decree does not.
        assert_eq!(
            equated_days_by_pattern(2026),
            [date(2026, 1, 2), date(2026, 5, 4), date(2026, 5, 15)]
        );
        assert_eq!(
            equated_days_by_pattern(2027),
            [date(2027, 4, 26), date(2027, 5, 7)]
        );
    }

    #[test]
    fn atw_3_3_pattern_outside_the_table() {
        // 2029: Ascension 10 May; Christmas Day and 1 January 2030 on a Tuesday.
        assert_eq!(
            equated_days_by_pattern(2029),
            [date(2029, 5, 11), date(2029, 12, 24), date(2029, 12, 31)]
        );
        // 2030: Ascension 30 May; Boxing Day on a Thursday.
        assert_eq!(
            equated_days_by_pattern(2030),
            [date(2030, 5, 31), date(2030, 12, 27)]
        );
        // 2020: 5 May on a Tuesday, Ascension 21 May.
        assert_eq!(
            equated_days_by_pattern(2020),
            [date(2020, 5, 4), date(2020, 5, 22)]
        );
        // 2021: King's Day on a Tuesday, Ascension 13 May.
        assert_eq!(
            equated_days_by_pattern(2021),
            [date(2021, 4, 26), date(2021, 5, 14)]
        );
        // 2022: 5 May on a Thursday, Ascension 26 May.
        assert_eq!(
            equated_days_by_pattern(2022),
            [date(2022, 5, 6), date(2022, 5, 27)]
        );
        // 2054: New Year's Day on a Thursday; Ascension on Thursday 7 May, so
        // 5 May is a Tuesday: Monday 4, Wednesday 6 and Friday 8 May.
        assert_eq!(
            equated_days_by_pattern(2054),
            [
                date(2054, 1, 2),
                date(2054, 5, 4),
                date(2054, 5, 6),
                date(2054, 5, 8)
            ]
        );
        // 2016: Ascension on 5 May itself; the Friday after is 6 May.
        assert_eq!(equated_days_by_pattern(2016), [date(2016, 5, 6)]);
    }

    #[test]
    fn pattern_days_are_weekdays_and_lookup_agrees_with_list() {
        for year in 1900..=2200 {
            let list = equated_days_by_pattern(year);
            for d in &list {
                assert_eq!(d.year(), year);
                assert!(!matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday));
                assert!(is_equated_by_pattern(*d));
            }
            let mut d = date(year, 1, 1);
            while d.year() == year {
                assert_eq!(is_equated_by_pattern(d), list.contains(&d), "{d}");
                d = d.tomorrow().expect("in range");
            }
        }
    }

    #[test]
    fn pattern_never_panics_at_the_extremes() {
        for year in [-9999, -1, 0, 1, 1582, 1583, 9998, 9999] {
            let _ = equated_days_by_pattern(year);
        }
        assert!(equated_days_by_pattern(i16::MAX).is_empty());
        assert!(!is_equated_by_pattern(Date::MAX));
        let _ = is_equated_by_pattern(Date::MIN);
    }
}
