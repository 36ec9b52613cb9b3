//! Strict JSON request bodies on the API. The operations' own parsers are lenient: they take a
//! number or `true` where text is expected (and store it as text), skip properties they do not
//! know and keep the last of two equal keys. So before an operation sees its body, the body is
//! read once and held against the schema the OpenAPI document gives for it: a value of the wrong
//! type, a property the schema does not have, a key that comes twice, a missing required
//! property or a `date-time` that is not RFC 3339 is refused with 422, naming the field
//! (`members.0.email`), and nothing is stored.
//!
//! Only the shape is checked here. Value rules (lengths, ranges, formats) stay with the services,
//! which say in the caller's words what is wrong.

use std::borrow::Cow;
use std::fmt;

use poem::{Endpoint, IntoResponse, Request, Response};
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::api::Methods;
use crate::error::{AppError, FieldErrors, Msg};

/// Checks the JSON body of an API request against its operation's schema (see the module
/// documentation); other requests pass untouched.
pub async fn apply<E: Endpoint>(
    ep: E,
    mut req: Request,
    methods: &Methods,
) -> poem::Result<Response> {
    let Some(body) = methods.json_body(req.method().as_str(), req.uri().path()) else {
        return ep.call(req).await.map(IntoResponse::into_response);
    };
    let is_json = req
        .headers()
        .get(poem::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !is_json {
        // The operation refuses other media types itself (415).
        return ep.call(req).await.map(IntoResponse::into_response);
    }
    // A body over its limit fails here; the limit layer around this one answers 413 for it.
    let bytes = req.take_body().into_bytes().await?;
    if let Some(errors) = problems(&bytes, body.schema, body.read, &methods.components) {
        return Err(AppError::Invalid(errors).into());
    }
    req.set_body(bytes);
    ep.call(req).await.map(IntoResponse::into_response)
}

/// What is wrong with `body` for `schema`, if anything. Top-level properties that `schema` does
/// not have but `read` (the resource as GET answers it) does are sent-back read-only values and
/// pass. A body that is not JSON at all is left to the operation, whose parser says where it
/// stops.
pub fn problems(
    body: &[u8],
    schema: &Value,
    read: Option<&Value>,
    components: &Value,
) -> Option<FieldErrors> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = match de.deserialize_any(Strict) {
        Ok(Parsed::Value(v)) => v,
        Ok(Parsed::Duplicate(path)) => {
            return Some(FieldErrors(vec![(
                Cow::Owned(path),
                Msg::new("valid-json-duplicate"),
            )]));
        }
        Err(_) => return None,
    };
    let mut errors = Vec::new();
    check(&value, schema, components, "", &mut errors);
    if let Some(read) = read.map(|r| resolve(r, components)) {
        errors.retain(|(field, msg)| {
            !(msg.id == "valid-json-unknown"
                && !field.contains('.')
                && read["properties"].get(field.as_ref()).is_some())
        });
    }
    (!errors.is_empty()).then_some(FieldErrors(errors))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The schema `$ref` points at (`#/components/schemas/X`).
fn resolve<'a>(schema: &'a Value, components: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap_or_default();
            &components["schemas"][name]
        }
        None => schema,
    }
}

fn check(
    value: &Value,
    schema: &Value,
    components: &Value,
    path: &str,
    errors: &mut Vec<(Cow<'static, str>, Msg)>,
) {
    let schema = resolve(schema, components);
    if value.is_null() && schema["nullable"].as_bool() == Some(true) {
        return;
    }
    if let Some(parts) = schema["allOf"].as_array() {
        for part in parts {
            check(value, part, components, path, errors);
        }
        return;
    }
    let field = || Cow::Owned(path.to_string());
    let wrong = |id: &'static str, errors: &mut Vec<(Cow<'static, str>, Msg)>| {
        errors.push((field(), Msg::new(id)));
    };
    match schema["type"].as_str() {
        Some("string") if !value.is_string() => wrong("valid-json-string", errors),
        // What poem reads into a `DateTime`: RFC 3339 only, and no leap second (which chrono
        // takes but writes back as `…:60`, an instant no client reads).
        Some("string")
            if schema["format"] == "date-time"
                && !value.as_str().is_some_and(|v| {
                    chrono::DateTime::parse_from_rfc3339(v)
                        .is_ok_and(|t| !crate::time::is_leap_second(t.time()))
                }) =>
        {
            wrong("valid-json-date-time", errors)
        }
        Some("integer") if !(value.is_i64() || value.is_u64()) => {
            wrong("valid-json-integer", errors)
        }
        Some("number") if !value.is_number() => wrong("valid-json-number", errors),
        Some("boolean") if !value.is_boolean() => wrong("valid-json-boolean", errors),
        Some("array") => match value.as_array() {
            None => wrong("valid-json-array", errors),
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    check(
                        item,
                        &schema["items"],
                        components,
                        &join(path, &i.to_string()),
                        errors,
                    );
                }
            }
        },
        Some("object") => match value.as_object() {
            None => wrong("valid-json-object", errors),
            Some(map) => check_object(map, schema, components, path, errors),
        },
        _ => {}
    }
}

fn check_object(
    map: &Map<String, Value>,
    schema: &Value,
    components: &Value,
    path: &str,
    errors: &mut Vec<(Cow<'static, str>, Msg)>,
) {
    let properties = schema["properties"].as_object();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for name in &required {
        if map.get(*name).is_none_or(Value::is_null)
            && properties.is_some_and(|p| p[*name]["nullable"].as_bool() != Some(true))
        {
            errors.push((Cow::Owned(join(path, name)), Msg::new("valid-required")));
        }
    }
    for (key, value) in map {
        let inner = join(path, key);
        match properties.and_then(|p| p.get(key)) {
            // An optional property sent as null is the same as one left out; a required one was
            // named above.
            Some(_) if value.is_null() => {}
            Some(prop) => check(value, prop, components, &inner, errors),
            None => match &schema["additionalProperties"] {
                Value::Object(extra) => check(
                    value,
                    &Value::Object(extra.clone()),
                    components,
                    &inner,
                    errors,
                ),
                Value::Bool(true) => {}
                _ => errors.push((Cow::Owned(inner), Msg::new("valid-json-unknown"))),
            },
        }
    }
}

/// A JSON value, or the path of the first key that an object has twice.
enum Parsed {
    Value(Value),
    Duplicate(String),
}

/// Reads a JSON document like `serde_json::Value` does, but stops at a repeated key.
struct Strict;

impl<'de> Visitor<'de> for Strict {
    type Value = Parsed;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Parsed, E> {
        Ok(Parsed::Value(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Parsed, E> {
        Ok(Parsed::Value(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Parsed, E> {
        Ok(Parsed::Value(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Parsed, E> {
        Ok(Parsed::Value(Value::from(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Parsed, E> {
        Ok(Parsed::Value(Value::String(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Parsed, E> {
        Ok(Parsed::Value(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<Parsed, E> {
        Ok(Parsed::Value(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Parsed, E> {
        Ok(Parsed::Value(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Parsed, A::Error> {
        let mut items = Vec::new();
        let mut index = 0usize;
        while let Some(item) = seq.next_element_seed(StrictSeed)? {
            match item {
                Parsed::Value(v) => items.push(v),
                Parsed::Duplicate(p) => {
                    // Read the rest so the document is still checked for syntax.
                    while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                    return Ok(Parsed::Duplicate(join(&index.to_string(), &p)));
                }
            }
            index += 1;
        }
        Ok(Parsed::Value(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Parsed, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let value = access.next_value_seed(StrictSeed)?;
            let found = match value {
                Parsed::Duplicate(p) => Some(join(&key, &p)),
                Parsed::Value(_) if map.contains_key(&key) => Some(key.clone()),
                Parsed::Value(v) => {
                    map.insert(key, v);
                    None
                }
            };
            if let Some(path) = found {
                while access
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                return Ok(Parsed::Duplicate(path));
            }
        }
        Ok(Parsed::Value(Value::Object(map)))
    }
}

struct StrictSeed;

impl<'de> serde::de::DeserializeSeed<'de> for StrictSeed {
    type Value = Parsed;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Parsed, D::Error> {
        de.deserialize_any(Strict)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn components() -> Value {
        json!({"schemas": {
            "Member": {"type": "object", "required": ["email"],
                "properties": {"email": {"type": "string"}, "role": {"type": "string"}}},
            "Body": {"type": "object", "required": ["title"], "properties": {
                "title": {"type": "string"},
                "capacity": {"type": "integer"},
                "hidden": {"type": "boolean"},
                "note": {"type": "string", "nullable": true},
                "at": {"type": "string", "format": "date-time"},
                "members": {"type": "array", "items": {"$ref": "#/components/schemas/Member"}},
                "answers": {"type": "object", "additionalProperties": {"type": "string"}}
            }}
        }})
    }

    fn fields(body: &str) -> Vec<(String, &'static str)> {
        let schema = json!({"$ref": "#/components/schemas/Body"});
        let read = json!({"properties": {"status": {"type": "string"}}});
        problems(body.as_bytes(), &schema, Some(&read), &components())
            .map(|e| {
                e.0.into_iter()
                    .map(|(f, m)| (f.into_owned(), m.id))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn a_well_formed_body_passes() {
        assert!(
            fields(
                r#"{"title":"Panel","capacity":40,"hidden":false,"note":null,
            "members":[{"email":"a@b.de"}],"answers":{"q1":"ja"}}"#
            )
            .is_empty()
        );
        // Optional properties may be null or left out.
        assert!(fields(r#"{"title":"Panel","capacity":null}"#).is_empty());
        // What was read may be sent back: the read-only part is ignored.
        assert!(fields(r#"{"title":"Panel","status":"published"}"#).is_empty());
    }

    #[test]
    fn wrong_types_are_named_by_their_path() {
        assert_eq!(
            fields(r#"{"title":false,"capacity":"40","hidden":1,"members":[{"email":7}]}"#),
            vec![
                ("capacity".into(), "valid-json-integer"),
                ("hidden".into(), "valid-json-boolean"),
                ("members.0.email".into(), "valid-json-string"),
                ("title".into(), "valid-json-string"),
            ]
        );
        assert_eq!(
            fields(r#"{"title":"x","capacity":1.5}"#),
            vec![("capacity".into(), "valid-json-integer")]
        );
        assert_eq!(
            fields(r#"{"title":"x","answers":{"q1":["a"]}}"#),
            vec![("answers.q1".into(), "valid-json-string")]
        );
        assert_eq!(fields(r#"[1]"#), vec![("".into(), "valid-json-object")]);
        for at in ["2026-06-30T10:00", "2026-06-30T23:59:60Z", "morgen"] {
            assert_eq!(
                fields(&format!(r#"{{"title":"x","at":"{at}"}}"#)),
                vec![("at".into(), "valid-json-date-time")],
                "{at}"
            );
        }
        assert!(fields(r#"{"title":"x","at":"2026-06-30T10:00:00+02:00"}"#).is_empty());
    }

    #[test]
    fn unknown_properties_and_missing_required_ones_are_refused() {
        assert_eq!(
            fields(r#"{"title":"x","colour":"red","members":[{"email":"a@b.de","age":3}]}"#),
            vec![
                ("colour".into(), "valid-json-unknown"),
                ("members.0.age".into(), "valid-json-unknown")
            ]
        );
        assert_eq!(
            fields(r#"{"title":null}"#),
            vec![("title".into(), "valid-required")]
        );
        assert_eq!(
            fields(r#"{"members":[{}]}"#),
            vec![
                ("title".into(), "valid-required"),
                ("members.0.email".into(), "valid-required"),
            ]
        );
    }

    #[test]
    fn a_key_given_twice_is_refused() {
        assert_eq!(
            fields(r#"{"title":"a","title":"b"}"#),
            vec![("title".into(), "valid-json-duplicate")]
        );
        assert_eq!(
            fields(r#"{"title":"a","members":[{"email":"x"},{"email":"y","email":"z"}]}"#),
            vec![("members.1.email".into(), "valid-json-duplicate")]
        );
        // Not JSON at all: left to the operation's parser (400 with its position).
        assert!(fields(r#"{"title":"a","#).is_empty());
    }
}
