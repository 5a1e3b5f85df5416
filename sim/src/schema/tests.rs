use super::*;
use serde_json::json;

fn index_schema() -> Vec<Field> {
    vec![
        req("index", string()),
        default("refresh", Ty::Bool, json!(false)),
        nullable("executionTimeField", string()),
    ]
}

#[test]
fn defaults_are_filled() {
    let out = check_object(
        &index_schema(),
        json!({"index": "i"}).as_object().unwrap(),
        "",
    )
    .unwrap();
    assert_eq!(
        Value::Object(out),
        json!({"index": "i", "refresh": false, "executionTimeField": null})
    );
}

#[test]
fn type_mismatch_message_matches_kibana() {
    let err = check_object(
        &index_schema(),
        json!({"index": 666}).as_object().unwrap(),
        "",
    )
    .unwrap_err();
    assert_eq!(
        err,
        "[index]: expected value of type [string] but got [number]"
    );
}

#[test]
fn unknown_key_message() {
    let err = check_object(
        &index_schema(),
        json!({"index": "i", "foo": 1}).as_object().unwrap(),
        "",
    )
    .unwrap_err();
    assert_eq!(err, "[foo]: definition for this key is missing");
}

#[test]
fn blank_strings_are_found_recursively() {
    let v = json!({"a": {"b": ["x", "  "]}});
    assert_eq!(
        find_blank_string(&v, "request body.config").unwrap(),
        "[request body.config.a.b]: value '' is not valid"
    );
}

#[test]
fn literal_lists_alternatives() {
    let err = check(
        &Ty::Literal(&["post", "put"]),
        Some(&json!("get")),
        "method",
    )
    .unwrap_err();
    assert!(
        err.starts_with(
            "[method]: types that failed validation:\n- [method.0]: expected value to equal [post]"
        ),
        "{err}"
    );
}
