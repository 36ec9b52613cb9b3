//! The OpenAPI document as clients read it: what poem-openapi renders from the operations, plus
//! what it cannot know.
//!
//! - Request bodies are read strictly (`super::strict_json`), so every object schema a body
//!   reaches says `additionalProperties: false`; an optional property may be sent as `null`
//!   (the same as leaving it out), so it says `nullable: true`.
//! - The value rules the services enforce (lengths, patterns, ranges, allowed values, date
//!   formats) are stated on the properties from [`RULES`], so a generated client or a fuzzer
//!   knows which values the server takes. The services stay where the rules are enforced, with
//!   messages in the caller's words; the API fuzzing step (`tests/fuzz-api.sh`) finds any rule
//!   written here that the server does not keep, or one it keeps that is missing here.
//! - Operations that anyone may call but that answer a signed-in caller more (organisers see
//!   drafts) say so: `security: [{}, {TokenAuth: []}, {SessionAuth: []}]`.

use serde_json::{Map, Value};

/// Schema, property, the JSON Schema keywords that state the server's rule for its values.
/// Only rules that hold whatever the other fields and the stored data are belong here (an end
/// after its start is checked, but not written here).
pub const RULES: &[(&str, &str, &str)] = &[];

/// The operations that answer everyone alike, whoever calls: every other operation without
/// its own security requirement reads the caller if there is one.
pub const ANONYMOUS_ONLY: &[&str] = &["list_calls", "verify_certificate"];

/// Refines `doc` (see the module documentation). Answers the entries of [`RULES`] that name no
/// property of the document: a rule for a renamed or removed field.
pub fn refine(doc: &mut Value) -> Vec<String> {
    let bodies = body_schemas(doc);
    for ops in doc["paths"].as_object_mut().into_iter().flatten() {
        for (_, op) in ops.1.as_object_mut().into_iter().flatten() {
            let Value::Object(op) = op else { continue };
            let anonymous_only = op
                .get("operationId")
                .and_then(Value::as_str)
                .is_some_and(|id| ANONYMOUS_ONLY.contains(&id));
            if !op.contains_key("security") && !anonymous_only {
                op.insert(
                    "security".into(),
                    serde_json::json!([{}, {"TokenAuth": []}, {"SessionAuth": []}]),
                );
            }
        }
    }
    let schemas = &mut doc["components"]["schemas"];
    for name in &bodies {
        shape(&mut schemas[name]);
    }
    let mut missed = Vec::new();
    for (schema, property, rule) in RULES {
        let target = &mut schemas[*schema]["properties"][*property];
        let (Value::Object(target), Ok(Value::Object(rule))) =
            (target, serde_json::from_str::<Value>(rule))
        else {
            missed.push(format!("{schema}.{property}"));
            continue;
        };
        if target.contains_key("$ref") {
            // Keywords beside a `$ref` are ignored by OpenAPI 3.0 readers.
            missed.push(format!("{schema}.{property} (a $ref)"));
            continue;
        }
        merge(target, rule);
    }
    missed
}

fn merge(target: &mut Map<String, Value>, rule: Map<String, Value>) {
    for (key, value) in rule {
        match (target.get_mut(&key), value) {
            (Some(Value::Object(inner)), Value::Object(value)) => merge(inner, value),
            (_, value) => {
                target.insert(key, value);
            }
        }
    }
}

/// States how [`super::strict_json`] reads a body object schema and the inline objects within
/// it: no properties beyond the listed ones (a map keeps its value schema), and an optional
/// property may be `null`.
fn shape(schema: &mut Value) {
    let Value::Object(map) = schema else { return };
    if map.contains_key("properties") && !map.contains_key("additionalProperties") {
        map.insert("additionalProperties".into(), Value::Bool(false));
    }
    let required: Vec<String> = map
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_str().map(str::to_string))
        .collect();
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = map.get_mut(key) {
            shape(inner);
        }
    }
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        for (name, prop) in props.iter_mut() {
            shape(prop);
            let Value::Object(prop) = prop else { continue };
            if required.contains(name) || prop.contains_key("nullable") {
                continue;
            }
            if let Some(target) = prop.remove("$ref") {
                // Keywords beside a `$ref` are ignored in OpenAPI 3.0: wrap it.
                prop.insert(
                    "allOf".into(),
                    Value::Array(vec![serde_json::json!({"$ref": target})]),
                );
            }
            prop.insert("nullable".into(), Value::Bool(true));
        }
    }
}

/// The names of the component schemas that request bodies reach.
fn body_schemas(doc: &Value) -> Vec<String> {
    let mut found = Vec::new();
    for ops in doc["paths"].as_object().into_iter().flatten() {
        for op in ops.1.as_object().into_iter().flatten() {
            for (media, content) in op.1["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flatten()
            {
                if media.starts_with("application/json") {
                    reach(&content["schema"], doc, &mut found);
                }
            }
        }
    }
    found
}

fn reach(schema: &Value, doc: &Value, found: &mut Vec<String>) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap_or_default().to_string();
        if !found.contains(&name) {
            found.push(name.clone());
            reach(&doc["components"]["schemas"][&name], doc, found);
        }
        return;
    }
    for key in ["items", "additionalProperties"] {
        if schema[key].is_object() {
            reach(&schema[key], doc, found);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for part in schema[key].as_array().into_iter().flatten() {
            reach(part, doc, found);
        }
    }
    for prop in schema["properties"].as_object().into_iter().flatten() {
        reach(prop.1, doc, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "paths": {"/things": {"post": {"requestBody": {"content": {
                "application/json; charset=utf-8": {"schema": {"$ref": "#/components/schemas/In"}}
            }}}}},
            "components": {"schemas": {
                "In": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string"},
                    "part": {"$ref": "#/components/schemas/Part"},
                    "answers": {"type": "object", "additionalProperties": {"type": "string"}}
                }},
                "Part": {"type": "object", "properties": {"n": {"type": "integer"}}},
                "Out": {"type": "object", "properties": {"id": {"type": "integer"}}}
            }}
        })
    }

    #[test]
    fn bodies_are_closed_and_maps_keep_their_values() {
        let mut doc = doc();
        refine(&mut doc);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["In"]["additionalProperties"], false);
        assert_eq!(schemas["Part"]["additionalProperties"], false);
        assert_eq!(
            schemas["In"]["properties"]["answers"]["additionalProperties"],
            json!({"type": "string"})
        );
        assert!(schemas["Out"].get("additionalProperties").is_none());
        // Optional properties may be null; required ones may not.
        let props = &schemas["In"]["properties"];
        assert!(props["name"].get("nullable").is_none());
        assert_eq!(props["answers"]["nullable"], true);
        assert_eq!(
            props["part"],
            json!({"allOf": [{"$ref": "#/components/schemas/Part"}], "nullable": true})
        );
    }

    #[test]
    fn rules_merge_into_their_property() {
        let mut target = json!({"type": "string", "items": {"type": "string"}});
        let Value::Object(rule) = json!({"maxLength": 200, "items": {"enum": ["a", "b"]}}) else {
            unreachable!()
        };
        merge(target.as_object_mut().unwrap(), rule);
        assert_eq!(
            target,
            json!({"type": "string", "maxLength": 200,
                "items": {"type": "string", "enum": ["a", "b"]}})
        );
    }

    #[test]
    fn every_rule_is_json_with_known_keywords() {
        const KNOWN: &[&str] = &[
            "minLength",
            "maxLength",
            "pattern",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "enum",
            "format",
            "minItems",
            "maxItems",
            "uniqueItems",
            "items",
            "additionalProperties",
        ];
        for (schema, property, rule) in RULES {
            let rule: Value =
                serde_json::from_str(rule).unwrap_or_else(|e| panic!("{schema}.{property}: {e}"));
            for key in rule.as_object().unwrap().keys() {
                assert!(KNOWN.contains(&key.as_str()), "{schema}.{property}: {key}");
            }
        }
    }
}
