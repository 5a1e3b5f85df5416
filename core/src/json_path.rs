//! Where in a JSON text a decoding error is, as a path like `[1].config.refresh`.
//!
//! serde_json reports a line and column; walking the text to that point gives the path. One
//! small, non-generic function does what wrapping every `Deserialize` impl would otherwise do
//! (that costs a second copy of the decoding code of every type in the wasm binary).

enum Frame {
    /// In an object; the key whose value is being read, once known.
    Object(Option<String>),
    /// In an array, at this index.
    Array(usize),
}

/// The byte offset of serde_json's 1-based `line` and `column` in `text`.
pub(crate) fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// The path of the value being read at byte `at` (`.` for the root).
pub(crate) fn path_at(text: &str, at: usize) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    let mut expecting_key = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= at {
            break;
        }
        match c {
            '{' => {
                stack.push(Frame::Object(None));
                expecting_key = true;
            }
            '[' => stack.push(Frame::Array(0)),
            '}' | ']' => {
                stack.pop();
                expecting_key = false;
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(key)) => {
                    *key = None;
                    expecting_key = true;
                }
                None => {}
            },
            '"' => {
                let mut s = String::new();
                let mut escaped = false;
                for (_, c) in chars.by_ref() {
                    match (escaped, c) {
                        (true, _) => {
                            s.push(c);
                            escaped = false;
                        }
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        (false, _) => s.push(c),
                    }
                }
                if expecting_key && let Some(Frame::Object(key)) = stack.last_mut() {
                    *key = Some(s);
                    expecting_key = false;
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
        }
    }
    if path.is_empty() { ".".into() } else { path }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let e = serde_json::from_str::<T>(text).unwrap_err();
        path_at(text, offset(text, e.line(), e.column()))
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct C {
        name: String,
        config: Inner,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        refresh: bool,
        tags: Vec<u8>,
    }

    #[test]
    fn type_errors_point_at_the_value() {
        let text = r#"[{"name":"a","config":{"refresh":false,"tags":[]}},{"name":"b","config":{"refresh":"no","tags":[]}}]"#;
        assert_eq!(path_of_error::<Vec<C>>(text), "[1].config.refresh");
        let text = r#"{"name":"a","config":{"refresh":true,"tags":[1,2,"x"]}}"#;
        assert_eq!(path_of_error::<C>(text), "config.tags[2]");
    }

    #[test]
    fn missing_fields_point_at_their_object_and_strings_may_hold_punctuation() {
        let text = r#"{"name":"a \"{[,]}\" b","config":{"tags":[]}}"#;
        assert_eq!(path_of_error::<C>(text), "config");
        let pretty =
            "{\n  \"name\": \"x\",\n  \"config\": {\n    \"refresh\": 3,\n    \"tags\": []\n  }\n}";
        assert_eq!(path_of_error::<C>(pretty), "config.refresh");
        assert_eq!(path_of_error::<C>("42"), ".");
    }
}
