//! The working-day calendar of Dutch law, for complaint deadlines.
//!
//! A day is a working day (werkdag) unless it is a Saturday or Sunday, an
//! algemeen erkende feestdag of art. 3 Algemene termijnenwet, a day equated with
//! one by royal decree (gelijkgestelde dag, art. 3 lid 3), or one of the
//! organisation's own closing days. Everything here is pure: no I/O, no clock.
//!
//! [`Calendar`] precomputes a bitmap of working days for the years around now,
//! so the hot query, [`Calendar::is_working_day`], is a bit test without
//! allocation; other years are answered arithmetically.

mod decrees;
mod holidays;

use std::sync::{Arc, OnceLock};

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};

pub use decrees::{
    SHIPPED_DECREE_YEARS, SHIPPED_DECREES, equated_days_by_pattern, shipped_equated_days,
};
pub use holidays::{Holiday, easter_sunday, holidays};

/// How an organisation's calendar deviates from the shipped national one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CalendarConfig {
    /// Equated days from a decree newer than the shipped table: for every year that
    /// appears in this list, the list replaces the shipped/computed equated days of that year.
    #[serde(default)]
    pub equated_days: Vec<Date>,
    /// The organisation's own closing days (e.g. between Christmas and New Year).
    #[serde(default)]
    pub closing_days: Vec<Date>,
}

/// What kind of day a date is, for counting terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// Werkdag: counts towards a term of working days.
    Working,
    /// Zaterdag of zondag.
    Weekend,
    /// Algemeen erkende feestdag. Reported even when it falls in a weekend.
    Holiday(Holiday),
    /// Gelijkgestelde dag: equated with a holiday by royal decree (art. 3 lid 3
    /// Atw), from the configuration, the shipped decrees or the pattern.
    Equated,
    /// Sluitingsdag: one of the organisation's own closing days.
    Closing,
}

impl DayKind {
    /// Whether a day of this kind counts as a working day.
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::Working)
    }
}

/// First and last year of the precomputed bitmap. Queries outside it are still
/// answered, just arithmetically.
const CACHE_FIRST_YEAR: i16 = 1900;
const CACHE_LAST_YEAR: i16 = 2200;

/// One bit per day of the year (bit `doy - 1`), set for working days.
type YearBits = [u64; 6];

/// A working-day calendar: the national rules plus a [`CalendarConfig`].
///
/// Cloning is cheap (the precomputed data is shared).
#[derive(Clone)]
pub struct Calendar {
    inner: Arc<Inner>,
}

struct Inner {
    /// The configuration as given, for `Calendar::config` and `Debug`.
    config: CalendarConfig,
    /// Configured equated days, sorted and deduplicated.
    equated: Vec<Date>,
    /// Years for which the configured equated days replace the national ones.
    equated_years: Vec<i16>,
    /// Configured closing days, sorted and deduplicated.
    closing: Vec<Date>,
    /// Working-day bitmap for `CACHE_FIRST_YEAR..=CACHE_LAST_YEAR`; `None`
    /// entries (never expected) fall back to the arithmetic path.
    bits: Vec<Option<YearBits>>,
}

impl std::fmt::Debug for Calendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Calendar")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Calendar {
    /// Builds a calendar from `config`. This precomputes a few hundred years
    /// and takes well under a millisecond; keep the result around rather than
    /// building one per query.
    pub fn new(config: &CalendarConfig) -> Calendar {
        let mut equated = config.equated_days.clone();
        equated.sort();
        equated.dedup();
        let mut equated_years: Vec<i16> = equated.iter().map(|d| d.year()).collect();
        equated_years.dedup();
        let mut closing = config.closing_days.clone();
        closing.sort();
        closing.dedup();
        let mut inner = Inner {
            config: config.clone(),
            equated,
            equated_years,
            closing,
            bits: Vec::new(),
        };
        inner.bits = (CACHE_FIRST_YEAR..=CACHE_LAST_YEAR)
            .map(|year| inner.year_bits(year))
            .collect();
        Calendar {
            inner: Arc::new(inner),
        }
    }

    /// The national calendar without local changes; the same as
    /// `Calendar::new(&CalendarConfig::default())`, built once and shared.
    pub fn dutch() -> Calendar {
        static DUTCH: OnceLock<Calendar> = OnceLock::new();
        DUTCH
            .get_or_init(|| Calendar::new(&CalendarConfig::default()))
            .clone()
    }

    /// The configuration this calendar was built from.
    pub fn config(&self) -> &CalendarConfig {
        &self.inner.config
    }

    /// What kind of day `d` is. When several apply, a holiday wins over the
    /// weekend, which wins over an equated day, which wins over a closing day.
    pub fn day_kind(&self, d: Date) -> DayKind {
        self.inner.day_kind(d)
    }

    /// Whether `d` is a working day. A bit test for years in the cache.
    pub fn is_working_day(&self, d: Date) -> bool {
        match self.cached_bits(d.year()) {
            Some(bits) => bit(bits, day_index(d)),
            None => self.inner.day_kind(d).is_working(),
        }
    }

    /// The equated days (gelijkgestelde dagen) of `year` in this calendar:
    /// the configured ones if the configuration names that year, else the
    /// shipped decree's if it covers the year, else the pattern's.
    pub fn equated_days(&self, year: i16) -> Vec<Date> {
        self.inner.equated_in_year(year)
    }

    /// `d` itself if it is a working day, else the first working day after it.
    /// Saturates at [`Date::MAX`] if no working day follows.
    pub fn next_working_day_on_or_after(&self, d: Date) -> Date {
        let mut d = d;
        while !self.is_working_day(d) {
            match d.tomorrow() {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        d
    }

    /// Due date for a term of `n` working days counted from receipt on `received`.
    /// The day of receipt does not count; receipt on a non-working day counts as
    /// receipt on the next working day. n = 0 gives that (effective) receipt day.
    pub fn add_working_days(&self, received: Date, n: u32) -> Date {
        let mut d = self.next_working_day_on_or_after(received);
        for _ in 0..n {
            match d.tomorrow() {
                Ok(next) => d = self.next_working_day_on_or_after(next),
                Err(_) => break,
            }
        }
        d
    }

    /// Due date for a term of `n` weeks from receipt: the same weekday n weeks after the
    /// effective receipt day (as above); if that is not a working day, the next working day.
    pub fn add_weeks(&self, received: Date, n: u32) -> Date {
        let start = self.next_working_day_on_or_after(received);
        let end = add_days(start, i64::from(n) * 7);
        self.next_working_day_on_or_after(end)
    }

    /// Working days after `from` up to and including `to` (0 if to <= from): how many
    /// working days a step took, or how many working days late it is.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let Ok(mut start) = from.tomorrow() else {
            return 0;
        };
        let mut count = 0;
        while start <= to {
            let year_end = start.last_of_year();
            let end = year_end.min(to);
            let (lo, hi) = (day_index(start), day_index(end));
            count += match self.cached_bits(start.year()) {
                Some(bits) => i64::from(count_bits(bits, lo, hi)),
                // Outside the cache, one year's bitmap is still far cheaper
                // than classifying its days one by one.
                None => match self.inner.year_bits(start.year()) {
                    Some(bits) => i64::from(count_bits(&bits, lo, hi)),
                    None => self.count_slowly(start, end),
                },
            };
            match end.tomorrow() {
                Ok(next) if end < to => start = next,
                _ => break,
            }
        }
        count
    }

    fn cached_bits(&self, year: i16) -> Option<&YearBits> {
        let index = usize::try_from(year.checked_sub(CACHE_FIRST_YEAR)?).ok()?;
        self.inner.bits.get(index)?.as_ref()
    }

    /// Counts working days in `start..=end` day by day (outside the cache).
    fn count_slowly(&self, start: Date, end: Date) -> i64 {
        let mut count = 0;
        let mut d = start;
        loop {
            if self.inner.day_kind(d).is_working() {
                count += 1;
            }
            match d.tomorrow() {
                Ok(next) if d < end => d = next,
                _ => return count,
            }
        }
    }
}

impl Inner {
    /// The arithmetic path; the bitmap is a memo of this.
    fn day_kind(&self, d: Date) -> DayKind {
        if let Some(h) = holidays::holiday_on(d) {
            DayKind::Holiday(h)
        } else if matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            DayKind::Weekend
        } else if self.is_equated(d) {
            DayKind::Equated
        } else if self.closing.binary_search(&d).is_ok() {
            DayKind::Closing
        } else {
            DayKind::Working
        }
    }

    fn is_equated(&self, d: Date) -> bool {
        if self.equated_years.binary_search(&d.year()).is_ok() {
            self.equated.binary_search(&d).is_ok()
        } else if let Some(shipped) = decrees::shipped_equated(d) {
            shipped
        } else {
            decrees::is_equated_by_pattern(d)
        }
    }

    fn equated_in_year(&self, year: i16) -> Vec<Date> {
        if self.equated_years.binary_search(&year).is_ok() {
            in_year(&self.equated, year).to_vec()
        } else if let Some(shipped) = shipped_equated_days(year) {
            shipped
        } else {
            equated_days_by_pattern(year)
        }
    }

    /// The working-day bitmap of `year`, built from the lists rather than day
    /// by day: weekdays first, then every non-working day cleared.
    fn year_bits(&self, year: i16) -> Option<YearBits> {
        let jan1 = Date::new(year, 1, 1).ok()?;
        let first_weekday = usize::try_from(jan1.weekday().to_monday_zero_offset()).ok()?;
        let days = usize::try_from(jan1.days_in_year()).ok()?;
        let mut bits: YearBits = [0; 6];
        for i in (0..days).filter(|i| (first_weekday + i) % 7 < 5) {
            set_bit(&mut bits, i, true);
        }
        let feestdagen = holidays(year).into_iter().map(|(d, _)| d);
        let equated = self.equated_in_year(year);
        let closing = in_year(&self.closing, year);
        for d in feestdagen.chain(equated).chain(closing.iter().copied()) {
            set_bit(&mut bits, day_index(d), false);
        }
        Some(bits)
    }
}

/// The slice of a sorted list of dates that falls in `year`.
fn in_year(sorted: &[Date], year: i16) -> &[Date] {
    let start = sorted.partition_point(|d| d.year() < year);
    let end = sorted.partition_point(|d| d.year() <= year);
    sorted.get(start..end).unwrap_or_default()
}

/// Zero-based day of the year.
fn day_index(d: Date) -> usize {
    usize::try_from(d.day_of_year() - 1).unwrap_or(0)
}

fn bit(bits: &YearBits, i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

fn set_bit(bits: &mut YearBits, i: usize, on: bool) {
    if let Some(w) = bits.get_mut(i / 64) {
        if on {
            *w |= 1 << (i % 64);
        } else {
            *w &= !(1 << (i % 64));
        }
    }
}

/// Number of set bits with index in `lo..=hi`.
fn count_bits(bits: &YearBits, lo: usize, hi: usize) -> u32 {
    let mut total = 0;
    for (w, word) in bits.iter().enumerate() {
        let base = w * 64;
        if base > hi || base + 63 < lo {
            continue;
        }
        let from = lo.saturating_sub(base);
        let to = (hi - base).min(63);
        let width = to - from + 1;
        let mask = if width == 64 {
            u64::MAX
        } else {
            ((1u64 << width) - 1) << from
        };
        total += (word & mask).count_ones();
    }
    total
}

/// `d` plus `days` days, saturating at [`Date::MIN`] / [`Date::MAX`].
fn add_days(d: Date, days: i64) -> Date {
    match Span::new().try_days(days) {
        Ok(span) => d.saturating_add(span),
        Err(_) if days < 0 => Date::MIN,
        Err(_) => Date::MAX,
    }
}

/// POSIX rule for Dutch time since 1996 (EU rules), used when the system has
/// no tz database.
const AMSTERDAM_POSIX: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

fn amsterdam() -> &'static TimeZone {
    static TZ: OnceLock<TimeZone> = OnceLock::new();
    TZ.get_or_init(|| {
        TimeZone::get("Europe/Amsterdam")
            .or_else(|_| TimeZone::posix(AMSTERDAM_POSIX))
            .unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(1)))
    })
}

/// The civil date in Europe/Amsterdam of an instant.
///
/// Deadlines run on Dutch calendar days: a complaint received at 00:30 Dutch
/// time is received that day, even though it is still the previous day in UTC.
/// Falls back to the EU summer-time rule if no tz database is installed.
pub fn amsterdam_date(ts: Timestamp) -> Date {
    amsterdam().to_datetime(ts).date()
}

/// The instant a day begins in Europe/Amsterdam (00:00 local time): where a report's period
/// starts and ends.
pub fn amsterdam_day_start(d: Date) -> Timestamp {
    amsterdam()
        .to_ambiguous_zoned(d.to_datetime(jiff::civil::Time::midnight()))
        .compatible()
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The civil date and time in Europe/Amsterdam of an instant: when something happened, as the
/// people in the office saw it on their clocks (the registration form, T20).
pub fn amsterdam_datetime(ts: Timestamp) -> jiff::civil::DateTime {
    amsterdam().to_datetime(ts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn dutch() -> Calendar {
        Calendar::dutch()
    }

    #[test]
    fn t05_acknowledgement_two_working_days_over_christmas() {
        // Receipt Tue 23 Dec 2025; 25 and 26 Dec are holidays, 27–28 a weekend.
        assert_eq!(
            dutch().add_working_days(date(2025, 12, 23), 2),
            date(2025, 12, 29)
        );
    }

    #[test]
    fn t06_five_working_days_over_kings_day() {
        // Receipt Wed 22 Apr 2026; King's Day is Monday 27 April.
        assert_eq!(
            dutch().add_working_days(date(2026, 4, 22), 5),
            date(2026, 4, 30)
        );
    }

    #[test]
    fn k12_4_four_weeks_ending_on_kings_day_move_to_next_working_day() {
        // Receipt Mon 30 Mar 2026; four weeks end on Mon 27 Apr, King's Day.
        assert_eq!(dutch().add_weeks(date(2026, 3, 30), 4), date(2026, 4, 28));
    }

    #[test]
    fn receipt_on_a_non_working_day_counts_from_the_next_working_day() {
        let cal = dutch();
        // Saturday 27 Dec 2025 → effective receipt Monday 29 Dec.
        assert_eq!(
            cal.add_working_days(date(2025, 12, 27), 0),
            date(2025, 12, 29)
        );
        assert_eq!(
            cal.add_working_days(date(2025, 12, 27), 2),
            date(2025, 12, 31)
        );
        // Received on Christmas Day 2025: effective Mon 29 Dec, +2 → Wed 31 Dec.
        assert_eq!(
            cal.add_working_days(date(2025, 12, 25), 2),
            date(2025, 12, 31)
        );
        // Received on the equated Friday after Ascension 2026 (15 May).
        assert_eq!(
            cal.add_working_days(date(2026, 5, 15), 1),
            date(2026, 5, 19)
        );
        // Four weeks from Saturday 7 March 2026: effective receipt Monday
        // 9 March, four weeks later Easter Monday 6 April, so Tuesday 7 April.
        assert_eq!(cal.add_weeks(date(2026, 3, 7), 4), date(2026, 4, 7));
    }

    #[test]
    fn day_kinds() {
        let cal = dutch();
        assert_eq!(
            cal.day_kind(date(2026, 4, 27)),
            DayKind::Holiday(Holiday::KingsDay)
        );
        assert_eq!(cal.day_kind(date(2026, 4, 25)), DayKind::Weekend);
        assert_eq!(cal.day_kind(date(2026, 5, 15)), DayKind::Equated);
        assert_eq!(cal.day_kind(date(2026, 5, 13)), DayKind::Working);
        // King's Day 2025 on Saturday 26 April is reported as the holiday.
        assert_eq!(
            cal.day_kind(date(2025, 4, 26)),
            DayKind::Holiday(Holiday::KingsDay)
        );
        // The shipped 2026 decree does not equate Monday 4 May 2026.
        assert_eq!(cal.day_kind(date(2026, 5, 4)), DayKind::Working);
        // Outside the table the pattern applies: 31 Dec 2029 (1 Jan 2030 is a
        // Tuesday) and 24 Dec 2029 (Christmas Day on a Tuesday).
        assert_eq!(cal.day_kind(date(2029, 12, 31)), DayKind::Equated);
        assert_eq!(cal.day_kind(date(2029, 12, 24)), DayKind::Equated);
        assert_eq!(cal.day_kind(date(2030, 5, 31)), DayKind::Equated);
        assert!(DayKind::Working.is_working());
        assert!(!DayKind::Closing.is_working());
    }

    #[test]
    fn atw_3_3_equated_days_of_the_default_calendar() {
        let cal = dutch();
        assert_eq!(
            cal.equated_days(2024),
            [date(2024, 5, 10), date(2024, 12, 27)]
        );
        assert_eq!(cal.equated_days(2025), [date(2025, 5, 30)]);
        assert_eq!(
            cal.equated_days(2026),
            [date(2026, 1, 2), date(2026, 5, 15)]
        );
        assert_eq!(cal.equated_days(2027), [date(2027, 5, 7)]);
        assert_eq!(
            cal.equated_days(2028),
            [date(2028, 4, 28), date(2028, 5, 26)]
        );
        assert_eq!(
            cal.equated_days(2029),
            [date(2029, 5, 11), date(2029, 12, 24), date(2029, 12, 31)]
        );
        assert_eq!(
            cal.equated_days(2030),
            [date(2030, 5, 31), date(2030, 12, 27)]
        );
        for d in SHIPPED_DECREES {
            assert!(!cal.is_working_day(*d), "{d}");
        }
    }

    #[test]
    fn configured_equated_days_replace_that_year_only() {
        let cal = Calendar::new(&CalendarConfig {
            equated_days: vec![date(2026, 5, 4)],
            closing_days: vec![],
        });
        assert_eq!(cal.equated_days(2026), [date(2026, 5, 4)]);
        assert_eq!(cal.day_kind(date(2026, 5, 4)), DayKind::Equated);
        // The shipped 2026 days no longer apply...
        assert_eq!(cal.day_kind(date(2026, 1, 2)), DayKind::Working);
        assert_eq!(cal.day_kind(date(2026, 5, 15)), DayKind::Working);
        // ...but other years keep theirs, and holidays stay holidays.
        assert_eq!(cal.day_kind(date(2027, 5, 7)), DayKind::Equated);
        assert_eq!(
            cal.day_kind(date(2026, 5, 14)),
            DayKind::Holiday(Holiday::AscensionDay)
        );
        // A configured year outside the table replaces the pattern too.
        let cal = Calendar::new(&CalendarConfig {
            equated_days: vec![date(2029, 12, 27)],
            closing_days: vec![],
        });
        assert_eq!(cal.equated_days(2029), [date(2029, 12, 27)]);
        assert!(cal.is_working_day(date(2029, 12, 24)));
        assert!(cal.is_working_day(date(2029, 5, 11)));
        assert!(!cal.is_working_day(date(2029, 12, 27)));
        // Same answers far outside the cached years.
        let cal = Calendar::new(&CalendarConfig {
            equated_days: vec![date(2300, 3, 1)],
            closing_days: vec![],
        });
        assert_eq!(cal.day_kind(date(2300, 3, 1)), DayKind::Equated);
        assert!(!cal.is_working_day(date(2300, 3, 1)));
    }

    #[test]
    fn closing_days_are_respected() {
        let cal = Calendar::new(&CalendarConfig {
            equated_days: vec![],
            closing_days: vec![date(2025, 12, 29), date(2025, 12, 30), date(2025, 12, 31)],
        });
        assert_eq!(cal.day_kind(date(2025, 12, 30)), DayKind::Closing);
        // The t05 example now runs into January: Wed 24 Dec, then (1 Jan a
        // holiday, Fri 2 Jan equated, 3–4 Jan a weekend) Mon 5 Jan.
        assert_eq!(
            cal.add_working_days(date(2025, 12, 23), 2),
            date(2026, 1, 5)
        );
        assert_eq!(
            cal.working_days_between(date(2025, 12, 23), date(2026, 1, 5)),
            2
        );
        // Closing days on holidays or weekends change nothing.
        let cal = Calendar::new(&CalendarConfig {
            equated_days: vec![],
            closing_days: vec![date(2025, 12, 25), date(2025, 12, 27)],
        });
        assert_eq!(
            cal.day_kind(date(2025, 12, 25)),
            DayKind::Holiday(Holiday::ChristmasDay)
        );
        assert_eq!(
            cal.add_working_days(date(2025, 12, 23), 2),
            date(2025, 12, 29)
        );
    }

    #[test]
    fn dutch_is_the_default_config() {
        let cal = dutch();
        assert_eq!(cal.config(), &CalendarConfig::default());
        let fresh = Calendar::new(&CalendarConfig::default());
        let mut d = date(2020, 1, 1);
        while d.year() < 2032 {
            assert_eq!(cal.day_kind(d), fresh.day_kind(d));
            d = d.tomorrow().expect("in range");
        }
        assert!(format!("{cal:?}").starts_with("Calendar"));
    }

    #[test]
    fn config_serde_defaults_and_round_trip() {
        let config: CalendarConfig = serde_json::from_str("{}").expect("empty config");
        assert_eq!(config, CalendarConfig::default());
        let config = CalendarConfig {
            equated_days: vec![date(2029, 12, 31)],
            closing_days: vec![date(2029, 12, 27), date(2029, 12, 28)],
        };
        let json = serde_json::to_string(&config).expect("serialise");
        assert_eq!(
            json,
            r#"{"equated_days":["2029-12-31"],"closing_days":["2029-12-27","2029-12-28"]}"#
        );
        assert_eq!(
            serde_json::from_str::<CalendarConfig>(&json).expect("parse"),
            config
        );
    }

    #[test]
    fn bitmap_agrees_with_arithmetic_path() {
        let cal = Calendar::new(&CalendarConfig {
            equated_days: vec![date(2026, 5, 4), date(1999, 12, 31)],
            closing_days: vec![date(2025, 12, 29), date(1900, 1, 2), date(2200, 12, 31)],
        });
        let mut d = date(CACHE_FIRST_YEAR, 1, 1);
        while d.year() <= CACHE_LAST_YEAR {
            assert_eq!(cal.is_working_day(d), cal.day_kind(d).is_working(), "{d}");
            d = d.tomorrow().expect("in range");
        }
    }

    #[test]
    fn working_days_between_basics() {
        let cal = dutch();
        assert_eq!(
            cal.working_days_between(date(2026, 4, 22), date(2026, 4, 30)),
            5
        );
        assert_eq!(
            cal.working_days_between(date(2026, 4, 30), date(2026, 4, 22)),
            0
        );
        assert_eq!(
            cal.working_days_between(date(2026, 4, 30), date(2026, 4, 30)),
            0
        );
        // Across a year boundary, and across the cache boundary.
        assert_eq!(
            cal.working_days_between(date(2025, 12, 23), date(2026, 1, 5)),
            5
        );
        let across = cal.working_days_between(date(2200, 12, 1), date(2201, 1, 31));
        let naive = naive_between(&cal, date(2200, 12, 1), date(2201, 1, 31));
        assert_eq!(across, naive);
    }

    #[test]
    fn extremes_do_not_panic() {
        let cal = dutch();
        for d in [Date::MIN, Date::MAX, date(1, 1, 1), date(0, 12, 31)] {
            let _ = cal.day_kind(d);
            let _ = cal.is_working_day(d);
            let _ = cal.next_working_day_on_or_after(d);
            let _ = cal.add_working_days(d, 10);
            let _ = cal.add_weeks(d, 10);
            let _ = cal.working_days_between(d, Date::MAX);
            let _ = cal.working_days_between(Date::MIN, d);
        }
        assert_eq!(cal.add_working_days(Date::MAX, u32::MAX), Date::MAX);
        assert_eq!(cal.add_weeks(date(2026, 1, 5), u32::MAX), Date::MAX);
        assert_eq!(cal.add_working_days(date(9999, 12, 1), 1_000), Date::MAX);
        assert!(cal.working_days_between(Date::MIN, Date::MAX) > 4_000_000);
        let _ = amsterdam_date(Timestamp::MIN);
        let _ = amsterdam_date(Timestamp::MAX);
    }

    #[test]
    fn no_panic_for_1900_to_2200() {
        let cal = dutch();
        for year in 1900..=2200 {
            let d = date(year, 12, 20);
            assert!(cal.is_working_day(cal.add_working_days(d, 10)));
            assert!(cal.is_working_day(cal.add_weeks(d, 3)));
        }
    }

    #[test]
    fn amsterdam_date_around_midnight_in_winter_and_summer() {
        let at = |s: &str| amsterdam_date(s.parse().expect("timestamp"));
        // Summer time (CEST, UTC+2) from 29 March 2026 02:00 CET.
        assert_eq!(at("2026-03-29T22:30:00Z"), date(2026, 3, 30));
        assert_eq!(at("2026-03-29T21:59:59Z"), date(2026, 3, 29));
        assert_eq!(at("2026-03-29T22:00:00Z"), date(2026, 3, 30));
        // Winter time (CET, UTC+1).
        assert_eq!(at("2025-12-31T22:59:59Z"), date(2025, 12, 31));
        assert_eq!(at("2025-12-31T23:00:00Z"), date(2026, 1, 1));
        // The night winter time starts (25 October 2026, 03:00 CEST → 02:00 CET).
        assert_eq!(at("2026-10-24T21:59:59Z"), date(2026, 10, 24));
        assert_eq!(at("2026-10-24T22:00:00Z"), date(2026, 10, 25));
        assert_eq!(at("2026-10-25T22:59:59Z"), date(2026, 10, 25));
        assert_eq!(at("2026-10-25T23:00:00Z"), date(2026, 10, 26));
    }

    #[test]
    fn posix_fallback_matches_the_tz_database() {
        let posix = TimeZone::posix(AMSTERDAM_POSIX).expect("valid POSIX TZ");
        let Ok(db) = TimeZone::get("Europe/Amsterdam") else {
            return; // No database here; amsterdam_date already uses the rule.
        };
        let mut ts: Timestamp = "2000-01-01T00:00:00Z".parse().expect("timestamp");
        let end: Timestamp = "2040-01-01T00:00:00Z".parse().expect("timestamp");
        while ts < end {
            assert_eq!(posix.to_datetime(ts), db.to_datetime(ts), "{ts}");
            ts = ts
                .checked_add(jiff::SignedDuration::from_mins(30 * 60 + 7))
                .expect("in range");
        }
    }

    fn naive_between(cal: &Calendar, from: Date, to: Date) -> i64 {
        let mut n = 0;
        let mut d = from;
        while d < to {
            d = d.tomorrow().expect("in range");
            if cal.day_kind(d).is_working() {
                n += 1;
            }
        }
        n
    }

    /// Dates 1990-01-01 ..= 2100-12-31.
    fn any_date() -> impl Strategy<Value = Date> {
        (0i64..40_541).prop_map(|n| add_days(date(1990, 1, 1), n))
    }

    proptest! {
        #[test]
        fn due_dates_are_working_days(r in any_date(), n in 0u32..60) {
            let cal = dutch();
            prop_assert!(cal.is_working_day(cal.add_working_days(r, n)));
            prop_assert!(cal.is_working_day(cal.add_weeks(r, n)));
            prop_assert!(cal.is_working_day(cal.next_working_day_on_or_after(r)));
        }

        #[test]
        fn more_days_or_later_receipt_never_gives_an_earlier_date(
            r in any_date(), n in 0u32..60, later in 0i64..30,
        ) {
            let cal = dutch();
            let r2 = add_days(r, later);
            prop_assert!(cal.add_working_days(r, n) < cal.add_working_days(r, n + 1));
            prop_assert!(cal.add_working_days(r, n) <= cal.add_working_days(r2, n));
            prop_assert!(cal.add_weeks(r, n) <= cal.add_weeks(r, n + 1));
            prop_assert!(cal.add_weeks(r, n) <= cal.add_weeks(r2, n));
        }

        #[test]
        fn non_working_receipt_equals_next_working_day_receipt(r in any_date(), n in 0u32..60) {
            let cal = dutch();
            let effective = cal.next_working_day_on_or_after(r);
            prop_assert!(effective >= r);
            let mut d = r;
            while d < effective {
                prop_assert!(!cal.is_working_day(d));
                d = d.tomorrow().expect("in range");
            }
            prop_assert_eq!(cal.add_working_days(r, n), cal.add_working_days(effective, n));
            prop_assert_eq!(cal.add_weeks(r, n), cal.add_weeks(effective, n));
        }

        #[test]
        fn working_days_between_inverts_add_working_days(r in any_date(), n in 0u32..60) {
            let cal = dutch();
            let received = cal.next_working_day_on_or_after(r);
            let due = cal.add_working_days(received, n);
            prop_assert_eq!(cal.working_days_between(received, due), i64::from(n));
        }

        #[test]
        fn weeks_due_is_at_least_n_weeks_later_and_a_working_day(r in any_date(), n in 0u32..60) {
            let cal = dutch();
            let due = cal.add_weeks(r, n);
            prop_assert!(due >= add_days(r, i64::from(n) * 7));
            prop_assert!(cal.is_working_day(due));
        }

        #[test]
        fn working_days_between_matches_counting_day_by_day(
            a in any_date(), span in 0i64..800,
        ) {
            let cal = dutch();
            let b = add_days(a, span);
            prop_assert_eq!(cal.working_days_between(a, b), naive_between(&cal, a, b));
        }
    }
}
