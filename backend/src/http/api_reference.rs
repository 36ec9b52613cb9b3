//! The API reference page (`/api/reference`): the OpenAPI document, as the API serves it, drawn
//! as a plain server-rendered page in the layout every page uses (headings per tag, a table of
//! parameters and one of responses per operation), so that the reference reads with a screen
//! reader, a keyboard and on a phone. The operations' own texts are written in English; German
//! pages mark them so.

use std::sync::Arc;

use poem::handler;
use poem::web::Data;

use crate::error::AppError;
use crate::http::page::{Ctx, html};
use convene_frontend::api_reference::{ApiField, ApiGroup, ApiOperation, ApiReference};
use convene_frontend::{Lang, Localized, Template};
use serde_json::Value;

/// The API's OpenAPI document, shared with the page that draws it.
#[derive(Clone)]
pub struct ApiDocument(pub Arc<Value>);

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// GET /api/reference
#[handler]
pub async fn reference_get(ctx: Ctx, doc: Data<&ApiDocument>) -> Result<poem::Response, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let doc = &doc.0.0;
    let page = ApiReference {
        layout: ctx.layout_titled(t.msg("api-ref-title"), ""),
        intro: english(
            lang,
            doc["info"]["description"].as_str().unwrap_or_default(),
        )
        .paragraphs(),
        base: doc["servers"][0]["url"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        groups: groups(doc, lang),
    };
    Ok(html(page.render()?))
}

/// A text of the document (written in English) as a page in `lang` shows it.
fn english(lang: Lang, text: &str) -> Localized {
    Localized::pick(lang, "", text)
}

/// The operations grouped by their first tag, in the order of the document's tag list (untagged
/// ones last), each group in path order.
pub fn groups(doc: &Value, lang: Lang) -> Vec<ApiGroup> {
    let mut names: Vec<String> = doc["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str().map(str::to_string))
        .collect();
    let other = lang.tr().msg("api-ref-other");
    let mut groups: Vec<ApiGroup> = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let tag = op["tags"][0].as_str().map_or(other.clone(), str::to_string);
            if !names.contains(&tag) {
                names.push(tag.clone());
            }
            let operation = operation(lang, path, method, op);
            match groups.iter_mut().find(|g| g.name == tag) {
                Some(g) => g.operations.push(operation),
                None => groups.push(ApiGroup {
                    id: format!("tag-{}", anchor(&tag)),
                    name: tag,
                    operations: vec![operation],
                }),
            }
        }
    }
    groups.sort_by_key(|g| names.iter().position(|n| *n == g.name));
    for g in &mut groups {
        g.operations.sort_by(|a, b| {
            let order = |m: &str| METHODS.iter().position(|x| x.eq_ignore_ascii_case(m));
            (&a.path, order(&a.method)).cmp(&(&b.path, order(&b.method)))
        });
    }
    groups
}

fn operation(lang: Lang, path: &str, method: &str, op: &Value) -> ApiOperation {
    let parameters = op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| ApiField {
            name: p["name"].as_str().unwrap_or_default().to_string(),
            place: p["in"].as_str().unwrap_or_default().to_string(),
            kind: kind(&p["schema"]),
            required: p["required"].as_bool().unwrap_or(false),
            description: english(lang, p["description"].as_str().unwrap_or_default()),
        })
        .collect();
    let body = op["requestBody"]["content"]
        .as_object()
        .and_then(|c| c.values().next())
        .map(|c| kind(&c["schema"]));
    let responses = op["responses"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(code, r)| ApiField {
            name: code.clone(),
            place: String::new(),
            kind: r["content"]
                .as_object()
                .and_then(|c| c.values().next())
                .map(|c| kind(&c["schema"]))
                .unwrap_or_default(),
            required: false,
            description: english(lang, r["description"].as_str().unwrap_or_default()),
        })
        .collect();
    let id = op["operationId"]
        .as_str()
        .map(anchor)
        .unwrap_or_else(|| anchor(&format!("{method}{path}")));
    ApiOperation {
        id: format!("op-{id}"),
        method: method.to_ascii_uppercase(),
        path: path.to_string(),
        summary: english(lang, op["summary"].as_str().unwrap_or_default()),
        description: english(lang, op["description"].as_str().unwrap_or_default()).paragraphs(),
        parameters,
        body,
        responses,
    }
}

/// A schema in a few words: its type (and format), the referenced schema's name, or an array
/// of either.
fn kind(schema: &Value) -> String {
    if let Some(r) = schema["$ref"].as_str() {
        return r.rsplit('/').next().unwrap_or(r).to_string();
    }
    if let Some(all) = schema["allOf"].as_array()
        && let [one] = all.as_slice()
    {
        return kind(one);
    }
    match schema["type"].as_str() {
        Some("array") => format!("[{}]", kind(&schema["items"])),
        Some(t) => match schema["format"].as_str() {
            Some(f) => format!("{t} ({f})"),
            None => t.to_string(),
        },
        None => String::new(),
    }
}

/// An HTML id made of letters, digits and dashes.
fn anchor(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_grouped_by_tag_in_the_documents_order() {
        let doc = serde_json::json!({
            "tags": [{"name": "Events"}, {"name": "Calls"}],
            "paths": {
                "/calls": {"get": {"tags": ["Calls"], "operationId": "list_calls",
                    "summary": "List calls", "responses": {"200": {"description": "The calls",
                    "content": {"application/json": {"schema": {"type": "array",
                    "items": {"$ref": "#/components/schemas/Call"}}}}}}}},
                "/events/{slug}": {
                    "delete": {"tags": ["Events"], "operationId": "delete_event", "responses": {}},
                    "get": {"tags": ["Events"], "operationId": "get_event",
                        "parameters": [{"name": "slug", "in": "path", "required": true,
                            "schema": {"type": "string"}, "description": "The event's address"}],
                        "responses": {"404": {"description": "No such event"}}}
                },
                "/healthz": {"get": {"responses": {}}}
            }
        });
        let groups = groups(&doc, Lang::De);
        let names: Vec<_> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Events", "Calls", "Weitere"]);
        let events: Vec<_> = groups[0]
            .operations
            .iter()
            .map(|o| o.method.as_str())
            .collect();
        assert_eq!(events, ["GET", "DELETE"]);
        let get = &groups[0].operations[0];
        assert_eq!(get.id, "op-get-event");
        assert_eq!(get.parameters[0].kind, "string");
        assert!(get.parameters[0].required);
        assert_eq!(get.parameters[0].description.other, Some(Lang::En));
        assert_eq!(groups[1].operations[0].responses[0].kind, "[Call]");
        // An English page does not mark English texts.
        let en = super::groups(&doc, Lang::En);
        assert_eq!(en[0].operations[0].parameters[0].description.other, None);
    }
}
