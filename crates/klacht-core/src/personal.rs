//! Personal data, kept apart from the event skeleton.
//!
//! A field that holds personal data (names, contact details, free text that may name people) is a
//! [`Personal<T>`]. It serialises as `{"$pii": value}`. The store splits such values out of an
//! event with [`split`] and keeps them in a separate table; the skeleton keeps `{"$pii": n}`, an
//! index into that list. Anonymisation deletes the list: [`join`] then yields `{"$erased": true}`
//! and the field reads as [`Personal::Erased`], while the timeline, counts and hash chain
//! (which covers the skeleton) stay intact (K8, T10).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

const PII: &str = "$pii";
const ERASED: &str = "$erased";

/// A value that is personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Personal<T> {
    Present(T),
    /// Removed by anonymisation.
    Erased,
}

impl<T> Personal<T> {
    pub fn new(value: T) -> Self {
        Personal::Present(value)
    }

    pub fn get(&self) -> Option<&T> {
        match self {
            Personal::Present(v) => Some(v),
            Personal::Erased => None,
        }
    }

    pub fn is_present(&self) -> bool {
        matches!(self, Personal::Present(_))
    }
}

impl<T: Serialize> Serialize for Personal<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Personal::Present(v) => map.serialize_entry(PII, v)?,
            Personal::Erased => map.serialize_entry(ERASED, &true)?,
        }
        map.end()
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Personal<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = Map::deserialize(deserializer)?;
        if let Some(v) = map.remove(PII) {
            return T::deserialize(v)
                .map(Personal::Present)
                .map_err(serde::de::Error::custom);
        }
        if map.contains_key(ERASED) {
            return Ok(Personal::Erased);
        }
        Err(serde::de::Error::custom(
            "expected personal data ($pii) or an erased marker",
        ))
    }
}

/// Moves every personal value out of `value`, leaving `{"$pii": index}` in its place.
/// Returns the list of personal values, in index order.
pub fn split(value: &mut Value) -> Vec<Value> {
    let mut out = Vec::new();
    split_into(value, &mut out);
    out
}

fn split_into(value: &mut Value, out: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            if map.len() == 1
                && let Some(v) = map.get_mut(PII)
            {
                let taken = std::mem::replace(v, Value::from(out.len()));
                out.push(taken);
                return;
            }
            for v in map.values_mut() {
                split_into(v, out);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| split_into(v, out)),
        _ => {}
    }
}

/// Puts personal values back into a skeleton made by [`split`]. With `None` (erased), or for an
/// index that is missing, the field becomes the erased marker.
pub fn join(skeleton: &mut Value, personal: Option<&[Value]>) {
    match skeleton {
        Value::Object(map) => {
            if map.len() == 1
                && let Some(idx) = map.get(PII)
            {
                let restored = idx
                    .as_u64()
                    .and_then(|i| personal.and_then(|p| p.get(usize::try_from(i).ok()?)))
                    .cloned();
                *map = match restored {
                    Some(v) => Map::from_iter([(PII.to_owned(), v)]),
                    None => Map::from_iter([(ERASED.to_owned(), Value::Bool(true))]),
                };
                return;
            }
            for v in map.values_mut() {
                join(v, personal);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| join(v, personal)),
        _ => {}
    }
}

/// Replaces personal-data markers with their plain values (erased ones with `null`), for
/// showing an event to someone allowed to see it.
pub fn plain(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.len() == 1 {
                if let Some(v) = map.get_mut(PII) {
                    let mut inner = v.take();
                    plain(&mut inner);
                    *value = inner;
                    return;
                }
                if map.contains_key(ERASED) {
                    *value = Value::Null;
                    return;
                }
            }
            map.values_mut().for_each(plain);
        }
        Value::Array(items) => items.iter_mut().for_each(plain),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Sample {
        kind: String,
        name: Personal<String>,
        notes: Vec<Personal<String>>,
    }

    #[test]
    fn t10_personal_data_splits_out_and_back() {
        let s = Sample {
            kind: "registered".into(),
            name: Personal::new("Jan Jansen".into()),
            notes: vec![Personal::new("belde op dinsdag".into())],
        };
        let mut v = serde_json::to_value(&s).expect("serialise");
        let pii = split(&mut v);
        assert_eq!(pii, vec![json!("Jan Jansen"), json!("belde op dinsdag")]);
        assert!(
            !v.to_string().contains("Jansen"),
            "the skeleton holds no personal data: {v}"
        );
        join(&mut v, Some(&pii));
        assert_eq!(serde_json::from_value::<Sample>(v).expect("back"), s);
    }

    #[test]
    fn t10_erased_personal_data_keeps_the_skeleton_readable() {
        let s = Sample {
            kind: "registered".into(),
            name: Personal::new("Jan Jansen".into()),
            notes: vec![],
        };
        let mut v = serde_json::to_value(&s).expect("serialise");
        split(&mut v);
        join(&mut v, None);
        let back: Sample = serde_json::from_value(v).expect("erased still parses");
        assert_eq!(back.kind, "registered");
        assert_eq!(back.name, Personal::Erased);
    }
}
