//! The part of KQL (`@kbn/es-query`) the rules `_find` `filter` needs: `field:value`,
//! `field:"quoted value"`, `field:(a or b)`, `field:{ nested: expr }` over arrays of objects,
//! `and`, `or`, `not` and parentheses, with `*` wildcards in unquoted values. Fields are saved
//! object attribute paths, `alert.attributes.<name>`, as Kibana's UI writes them
//! (`connector_rules_list.tsx`: `alert.attributes.actions:{ actionRef: "preconfigured:<id>" }`).

use serde_json::Value;

/// A parsed filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Every part holds.
    And(Vec<Expr>),
    /// Some part holds.
    Or(Vec<Expr>),
    /// The part does not hold.
    Not(Box<Expr>),
    /// The field (a path) has a value matching the pattern.
    Match(String, Pattern),
    /// Some element of the field (an array of objects) satisfies the inner filter.
    Nested(String, Box<Expr>),
}

/// What a field's value is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    /// A value; `wildcard` when unquoted and holding `*`.
    Value {
        /// The text.
        text: String,
        /// Whether `*` matches any run of characters.
        wildcard: bool,
    },
    /// `(a or b)`.
    Any(Vec<Pattern>),
    /// `(a and b)`.
    All(Vec<Pattern>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Quoted(String),
    Colon,
    Open,
    Close,
    OpenBrace,
    CloseBrace,
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            ':' => {
                chars.next();
                tokens.push(Token::Colon);
            }
            '(' => {
                chars.next();
                tokens.push(Token::Open);
            }
            ')' => {
                chars.next();
                tokens.push(Token::Close);
            }
            '{' => {
                chars.next();
                tokens.push(Token::OpenBrace);
            }
            '}' => {
                chars.next();
                tokens.push(Token::CloseBrace);
            }
            '"' => {
                chars.next();
                let mut s = String::new();
                loop {
                    match chars.next() {
                        Some('\\') => s.extend(chars.next()),
                        Some('"') => break,
                        Some(ch) => s.push(ch),
                        None => return Err("unterminated quoted value".into()),
                    }
                }
                tokens.push(Token::Quoted(s));
            }
            _ => {
                let mut s = String::new();
                while let Some(&ch) = chars.peek() {
                    if ch.is_whitespace() || matches!(ch, ':' | '(' | ')' | '{' | '}' | '"') {
                        break;
                    }
                    if ch == '\\' {
                        chars.next();
                        s.extend(chars.next());
                        continue;
                    }
                    s.push(ch);
                    chars.next();
                }
                tokens.push(Token::Word(s));
            }
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

fn is_keyword(t: Option<&Token>, word: &str) -> bool {
    matches!(t, Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn expect(&mut self, want: &Token, what: &str) -> Result<(), String> {
        match self.next() {
            Some(t) if &t == want => Ok(()),
            Some(t) => Err(format!("Expected {what} but {t:?} found.")),
            None => Err(format!("Expected {what} but end of input found.")),
        }
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut parts = vec![self.and()?];
        while is_keyword(self.peek(), "or") {
            self.next();
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut parts = vec![self.not()?];
        while is_keyword(self.peek(), "and") {
            self.next();
            parts.push(self.not()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn not(&mut self) -> Result<Expr, String> {
        if is_keyword(self.peek(), "not") {
            self.next();
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Token::Open) => {
                let e = self.or()?;
                self.expect(&Token::Close, "\")\"")?;
                Ok(e)
            }
            Some(Token::Word(field)) => {
                self.expect(&Token::Colon, "\":\"")?;
                if self.peek() == Some(&Token::OpenBrace) {
                    self.next();
                    let inner = self.or()?;
                    self.expect(&Token::CloseBrace, "\"}\"")?;
                    return Ok(Expr::Nested(field, Box::new(inner)));
                }
                Ok(Expr::Match(field, self.pattern()?))
            }
            Some(t) => Err(format!("Expected field name but {t:?} found.")),
            None => Err("Expected field name but end of input found.".into()),
        }
    }

    fn pattern(&mut self) -> Result<Pattern, String> {
        match self.next() {
            Some(Token::Open) => {
                let mut values = vec![self.pattern()?];
                let mut all = false;
                loop {
                    if is_keyword(self.peek(), "or") {
                        self.next();
                    } else if is_keyword(self.peek(), "and") {
                        self.next();
                        all = true;
                    } else {
                        break;
                    }
                    values.push(self.pattern()?);
                }
                self.expect(&Token::Close, "\")\"")?;
                Ok(if all {
                    Pattern::All(values)
                } else {
                    Pattern::Any(values)
                })
            }
            Some(Token::Quoted(text)) => Ok(Pattern::Value {
                text,
                wildcard: false,
            }),
            Some(Token::Word(text)) => Ok(Pattern::Value {
                wildcard: text.contains('*'),
                text,
            }),
            Some(t) => Err(format!("Expected value but {t:?} found.")),
            None => Err("Expected value but end of input found.".into()),
        }
    }
}

/// Parses a KQL filter.
///
/// # Errors
/// A description of the syntax error.
pub fn parse(text: &str) -> Result<Expr, String> {
    let mut p = Parser {
        tokens: tokenize(text)?,
        at: 0,
    };
    let e = p.or()?;
    match p.peek() {
        None => Ok(e),
        Some(t) => Err(format!(
            "Expected \"and\", \"or\" or end of input but {t:?} found."
        )),
    }
}

/// Every field path the filter names, nested ones joined to their parent.
pub fn fields(e: &Expr) -> Vec<String> {
    match e {
        Expr::And(parts) | Expr::Or(parts) => parts.iter().flat_map(fields).collect(),
        Expr::Not(inner) => fields(inner),
        Expr::Match(f, _) => vec![f.clone()],
        Expr::Nested(f, _) => vec![f.clone()],
    }
}

fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    rest.is_empty()
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The values at a dotted path, arrays flattened.
fn values_at<'a>(root: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut current = vec![root];
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        let mut next = Vec::new();
        for v in current {
            match v {
                Value::Object(m) => next.extend(m.get(seg)),
                Value::Array(items) => next.extend(items.iter().filter_map(|i| i.get(seg))),
                _ => {}
            }
        }
        current = next;
    }
    current
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(items) => items.iter().collect::<Vec<_>>(),
            other => vec![other],
        })
        .collect()
}

fn pattern_matches(p: &Pattern, v: &Value) -> bool {
    match p {
        Pattern::Any(ps) => ps.iter().any(|p| pattern_matches(p, v)),
        Pattern::All(ps) => ps.iter().all(|p| pattern_matches(p, v)),
        Pattern::Value { text, wildcard } => scalar_text(v).is_some_and(|s| {
            if *wildcard {
                glob(text, &s)
            } else {
                &s == text
            }
        }),
    }
}

/// Whether a document (the rule's attributes under `prefix`) satisfies the filter.
pub fn matches(e: &Expr, doc: &Value, prefix: &str) -> bool {
    let path = |f: &str| f.strip_prefix(prefix).unwrap_or(f).to_string();
    match e {
        Expr::And(parts) => parts.iter().all(|p| matches(p, doc, prefix)),
        Expr::Or(parts) => parts.iter().any(|p| matches(p, doc, prefix)),
        Expr::Not(inner) => !matches(inner, doc, prefix),
        Expr::Match(f, p) => values_at(doc, &path(f))
            .iter()
            .any(|v| pattern_matches(p, v)),
        Expr::Nested(f, inner) => values_at(doc, &path(f))
            .iter()
            .any(|element| matches(inner, element, "")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({"tags": ["prod", "db"], "enabled": true, "name": "Disk full",
               "actions": [{"actionRef": "preconfigured:my-slack1", "actionTypeId": ".slack"},
                           {"actionRef": "action_1", "actionTypeId": ".index"}]})
    }

    #[test]
    fn fields_values_and_booleans() {
        let d = doc();
        for (filter, want) in [
            ("alert.attributes.tags:prod", true),
            ("alert.attributes.tags:\"db\"", true),
            ("alert.attributes.tags:(stage or db)", true),
            ("alert.attributes.tags:(stage and db)", false),
            (
                "alert.attributes.enabled:true and not alert.attributes.tags:stage",
                true,
            ),
            ("alert.attributes.name:Disk*", true),
            ("alert.attributes.actions.actionTypeId:.index", true),
            (
                "alert.attributes.actions:{ actionRef: \"preconfigured:my-slack1\" }",
                true,
            ),
            (
                "alert.attributes.actions:{ actionRef: \"system_action:x\" }",
                false,
            ),
            (
                "(alert.attributes.tags:x or alert.attributes.tags:prod) and alert.attributes.enabled:false",
                false,
            ),
        ] {
            let e = parse(filter).unwrap_or_else(|err| panic!("{filter}: {err}"));
            assert_eq!(matches(&e, &d, "alert.attributes."), want, "{filter}");
        }
    }

    #[test]
    fn syntax_errors_are_reported() {
        for bad in [
            "alert.attributes.tags:",
            "alert.attributes.tags:(a or",
            "(a:b",
            "a:b c",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
