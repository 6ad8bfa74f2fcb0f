//! Reading the API's answers with serde_json, where every record is a JSON object.
//!
//! serde_json reads a struct from an object or from an array of its fields in order (its
//! compact form), so each struct's decoder came with a second one for arrays. No API the
//! console reads sends a record as an array, and those second decoders were about a sixth of
//! the console's decoding code: 119 KB of 2,253 raw, 16 KB brotli of the whole console
//! (`bench-weight`, 2026-12-05). [`Objects`] hands serde_json's deserializer on with a struct
//! read as a map, at every depth, so the array form is never built (the one place it cannot
//! reach is a struct variant of an enum, which serde_json reads itself; the model has none).
//! Everything else is serde_json's own reading, unchanged.
//!
//! A record sent as an array is then an answer that cannot be read ("invalid type: sequence,
//! expected struct …"), like any other wrong type. That includes `[]` where the documents say
//! an object, which serde_json's array form had read as a record of defaults: the documents are
//! the contract, and no answer of theirs or of the twin's is such an array. Error bodies
//! (`policy::classify`) and the gateway's `auth/me` are read by serde_json as they are.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use std::fmt;

/// `text` read as `T`, its records as JSON objects only (serde_json's `from_str` otherwise:
/// the whole text, nothing but whitespace after the value).
pub fn from_str<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Objects(&mut de))?;
    de.end()?;
    Ok(value)
}

/// A `T` read through [`Objects`], for serde_json's `StreamDeserializer`, which deserializes
/// its items itself.
pub struct Object<T>(pub T);

impl<'de, T: de::Deserialize<'de>> de::Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(Objects(d)).map(Object)
    }
}

/// A deserializer that reads structs as maps, and hands every value inside on the same way.
pub struct Objects<D>(pub D);

/// The same visitor, with what it is given to read further wrapped in [`Objects`].
struct Wrap<V>(V);

/// A seed that deserializes through [`Objects`].
struct Seed<S>(S);

struct Map<A>(A);
struct Seq<A>(A);
struct Enum<A>(A);
struct Variant<A>(A);

macro_rules! forward {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method(Wrap(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<D> {
    type Error = D::Error;

    forward!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Wrap(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Wrap(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Wrap(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Wrap(visitor))
    }

    /// The point of [`Objects`]: a struct is read as a map, never as an array.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Wrap(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Wrap(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! visit {
    ($($method:ident($ty:ty)),*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    visit!(
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(Vec<u8>)
    );

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Objects(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Objects(d))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Seq(seq))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Map(map))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Enum(data))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Objects(d))
    }
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for Seq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Map<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Seed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self::Variant), A::Error> {
        self.0.variant_seed(Seed(seed)).map(|(value, variant)| (value, Variant(variant)))
    }
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for Variant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Wrap(visitor))
    }
}

#[cfg(test)]
mod tests {
    use super::{from_str, Object};
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Line {
        offer_id: String,
        quantity: Option<u32>,
        #[serde(default)]
        tags: Vec<String>,
        status: Kind,
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        a: u8,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Kind {
        #[serde(rename = "1000")]
        Done,
        Other(String),
    }

    #[test]
    fn records_are_read_from_objects_as_serde_json_reads_them() {
        let text = r#"{"offerId":"65304479CA01A12","quantity":3,"tags":["a","b"],"status":"1000","inner":{"a":7},"extra":[1,{"x":null}]}"#;
        let ours: Line = from_str(text).expect("an object");
        let theirs: Line = serde_json::from_str(text).expect("an object");
        assert_eq!(ours, theirs);
        let other = r#"{"offerId":"x","status":{"Other":"9"},"inner":null}"#;
        assert_eq!(from_str::<Line>(other).ok(), serde_json::from_str::<Line>(other).ok());
        assert_eq!(
            from_str::<Vec<Inner>>(r#" [ {"a":1}, {"a":2} ] "#).expect("a list"),
            vec![Inner { a: 1 }, Inner { a: 2 }]
        );
        let value: serde_json::Value = from_str(r#"{"a":[1,{"b":true}]}"#).expect("any JSON");
        assert_eq!(value, serde_json::json!({ "a": [1, { "b": true }] }));
    }

    #[test]
    fn a_record_sent_as_an_array_or_followed_by_more_is_not_read() {
        // serde_json's compact form of a struct: an array of its fields.
        assert!(serde_json::from_str::<Inner>("[7]").is_ok());
        let e = from_str::<Inner>("[7]").expect_err("not an object");
        assert!(e.to_string().contains("invalid type: sequence"), "{e}");
        assert!(from_str::<Line>(r#"{"offerId":"x","status":"1000","inner":[7]}"#).is_err(), "nested too");
        assert!(from_str::<Inner>(r#"{"a":1} {"a":2}"#).is_err(), "trailing characters");
        assert!(from_str::<Inner>(r#"{"a":300}"#).is_err(), "out of range");
    }

    #[test]
    fn a_stream_reads_each_item_through_objects() {
        let mut stream = serde_json::Deserializer::from_str(r#"{"a":1} [2]"#).into_iter::<Object<Inner>>();
        assert_eq!(stream.next().and_then(Result::ok).map(|o| o.0), Some(Inner { a: 1 }));
        assert!(matches!(stream.next(), Some(Err(_))), "an array is not a record");
    }
}
