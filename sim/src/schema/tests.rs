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
    .unwrap_err()
    .to_string();
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
    .unwrap_err()
    .to_string();
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
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with(
            "[method]: types that failed validation:\n- [method.0]: expected value to equal [post]"
        ),
        "{err}"
    );
}

/// `oneOf` inside `oneOf`: the inner alternatives are indented and keep their own paths, with
/// the inner index after the inner union's path (`connector_types/servicenow_sir.ts @
/// 84bb7d13`: `- [3.subActionParams.comments]: ...\n - [subActionParams.comments.0.0.commentId]`).
#[test]
fn nested_unions_print_as_kibana_does() {
    let comments = vec![nullable(
        "comments",
        Ty::Arr(Box::new(Ty::Obj(vec![req("commentId", string())])), None),
    )];
    let top = check_object(
        &comments,
        json!({"comments": [{}]}).as_object().unwrap(),
        "",
    )
    .unwrap_err();
    assert_eq!(
        top.to_string(),
        "[comments]: types that failed validation:\n- [comments.0.0.commentId]: expected value of type [string] but got [undefined]\n- [comments.1]: expected value to equal [null]"
    );
    let outer = SchemaError::union(
        "",
        vec![at("kind", "expected value to equal [a]".into()), top],
    );
    assert_eq!(
        outer.to_string(),
        "types that failed validation:\n- [0.kind]: expected value to equal [a]\n- [1.comments]: types that failed validation:\n - [comments.0.0.commentId]: expected value of type [string] but got [undefined]\n - [comments.1]: expected value to equal [null]"
    );
}
