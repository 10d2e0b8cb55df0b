//! Dates in a profile: a TOML date (`2025-01-01`) or a string (`"2025-01-01"`).

use jiff::civil::Date;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A date as written in a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct TomlDate(pub Date);

impl<'de> Deserialize<'de> for TomlDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize(d).map(TomlDate)
    }
}

/// For `#[serde(deserialize_with = "date::deserialize")]`.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    d.deserialize_any(DateVisitor)
}

/// For lists of dates.
pub fn deserialize_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Date>, D::Error> {
    Ok(Vec::<TomlDate>::deserialize(d)?
        .into_iter()
        .map(|t| t.0)
        .collect())
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date like 2025-01-31")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
        s.parse::<Date>()
            .map_err(|e| E::custom(format!("{s:?} is not a date like 2025-01-31 ({e})")))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
        let dt = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
        match (dt.date, dt.time) {
            (Some(_), None) if dt.offset.is_none() => self.visit_str(&dt.to_string()),
            _ => Err(de::Error::custom(format!(
                "{dt} has a time; expected a date like 2025-01-31"
            ))),
        }
    }
}
