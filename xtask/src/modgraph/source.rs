//! Reading a module's source as text: comments, strings and inline modules blanked, `use`
//! trees flattened, and the paths it names put in absolute form.

use std::collections::BTreeSet;

pub(super) fn parent_of(module: &str) -> String {
    match module.rsplit_once("::") {
        Some((parent, _)) => parent.to_string(),
        None => "crate".into(),
    }
}

pub(super) fn child(module: &str, name: &str) -> String {
    if module == "crate" {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

/// Replaces comments, string and char literals with spaces (lifetimes stay).
pub(super) fn strip_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            'raw: while j < chars.len() {
                if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break 'raw;
                }
                j += 1;
            }
            i = j;
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\''
            && (next == Some('\\') || chars.get(i + 2) == Some(&'\''))
            && next != Some('\'')
        {
            // A char literal: 'x' or '\n' / '\u{..}'.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Drops the bodies of inline modules (`mod tests { .. }`): their `super` is the file's own
/// module, so they cannot close a loop between files.
pub(super) fn without_inline_modules(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("mod ") {
        let word_start = at == 0 || !rest[..at].ends_with(is_ident);
        let after = &rest[at + 4..];
        let name_len = after.find(|c: char| !is_ident(c)).unwrap_or(after.len());
        let tail = after[name_len..].trim_start();
        if !word_start || name_len == 0 || !tail.starts_with('{') {
            out.push_str(&rest[..at + 4]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..at]);
        let open = rest.len() - tail.len();
        let mut depth = 0;
        let mut end = rest.len();
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

pub(super) fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits a `use` tree (`a::{b, c::d as e}`) into flat paths, each with its visible name.
pub(super) fn flatten_use_tree(tree: &str) -> Vec<(Vec<String>, String)> {
    fn walk(prefix: &[String], tree: &str, out: &mut Vec<(Vec<String>, String)>) {
        let tree = tree.trim();
        if tree.is_empty() {
            return;
        }
        if let Some(open) = tree.find('{') {
            let head: Vec<String> = tree[..open]
                .split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let mut base = prefix.to_vec();
            base.extend(head);
            for part in split_top_level(inner) {
                walk(&base, &part, out);
            }
            return;
        }
        let (path, alias) = match tree.split_once(" as ") {
            Some((p, a)) => (p.trim(), Some(a.trim().to_string())),
            None => (tree, None),
        };
        let mut full = prefix.to_vec();
        full.extend(
            path.split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from),
        );
        if full.last().is_some_and(|l| l == "self") {
            full.pop();
        }
        let name = alias.unwrap_or_else(|| full.last().cloned().unwrap_or_default());
        out.push((full, name));
    }
    let mut out = Vec::new();
    walk(&[], tree, &mut out);
    out
}

pub(super) fn split_top_level(s: &str) -> Vec<String> {
    let (mut parts, mut cur, mut depth) = (Vec::new(), String::new(), 0);
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    parts.push(cur);
    parts
}

/// The `use` statements of a module: (is it a re-export, the tree).
pub(super) fn use_statements(code: &str) -> Vec<(bool, String)> {
    use_statement_spans(code)
        .into_iter()
        .map(|(public, start, end)| (public, code[start..end].to_string()))
        .collect()
}

/// Where each `use` statement's tree is: (is it a re-export, start, end) in bytes.
pub(super) fn use_statement_spans(code: &str) -> Vec<(bool, usize, usize)> {
    let mut out = Vec::new();
    let text = code;
    let mut at = 0;
    while let Some(found) = text[at..].find("use ") {
        let start = at + found;
        at = start + 4;
        let before = text[..start].trim_end();
        let word_start = start == 0 || !text[..start].ends_with(is_ident);
        if !word_start {
            continue;
        }
        let public = before.ends_with("pub") || before.ends_with(')') && before.contains("pub(");
        let statement_start = before.is_empty()
            || before.ends_with([';', '{', '}', ']'])
            || before.ends_with("pub")
            || before.ends_with(')');
        if !statement_start {
            continue;
        }
        if let Some(end) = text[at..].find(';') {
            out.push((public, at, at + end));
            at += end;
        }
    }
    out
}

/// Absolute form of a path as written in `module`: `crate::`, `super::`, `self::`, a child
/// module's name, or `None` for anything else (external crates, locals, prelude).
pub(super) fn absolute(
    module: &str,
    segments: &[String],
    modules: &BTreeSet<String>,
) -> Option<Vec<String>> {
    let first = segments.first()?;
    let mut base = match first.as_str() {
        "crate" => "crate".to_string(),
        "self" => module.to_string(),
        "super" => parent_of(module),
        _ if modules.contains(&child(module, first)) => {
            let mut path = split_module(module);
            path.extend(segments.iter().cloned());
            return Some(path);
        }
        _ => return None,
    };
    let mut rest = &segments[1..];
    while rest.first().is_some_and(|s| s == "super") {
        base = parent_of(&base);
        rest = &rest[1..];
    }
    let mut path = split_module(&base);
    path.extend(rest.iter().cloned());
    Some(path)
}

pub(super) fn split_module(module: &str) -> Vec<String> {
    if module == "crate" {
        Vec::new()
    } else {
        module.split("::").map(String::from).collect()
    }
}

/// A module's re-exports: visible name → the absolute path it stands for.
pub(super) fn reexports_of(
    module: &str,
    code: &str,
    modules: &BTreeSet<String>,
) -> Vec<(String, Vec<String>)> {
    use_statements(code)
        .into_iter()
        .filter(|(public, _)| *public)
        .flat_map(|(_, tree)| flatten_use_tree(&tree))
        .filter_map(|(segments, name)| {
            absolute(module, &segments, modules).map(|path| (name, path))
        })
        .collect()
}

/// Every path `module` names that leads into the crate, in absolute form.
pub(super) fn paths_named(
    module: &str,
    code: &str,
    modules: &BTreeSet<String>,
) -> Vec<Vec<String>> {
    // A re-export exposes an item without using it: resolution follows it instead.
    let mut paths: Vec<Vec<String>> = use_statements(code)
        .into_iter()
        .filter(|(public, _)| !*public)
        .flat_map(|(_, tree)| flatten_use_tree(&tree))
        .filter_map(|(segments, _)| absolute(module, &segments, modules))
        .collect();
    // Paths in code (use statements blanked out): an identifier followed by `::`, not
    // itself after `::`.
    let mut code = code.to_string();
    for (_, start, end) in use_statement_spans(&code.clone()) {
        code.replace_range(start..end, &" ".repeat(end - start));
    }
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts_path = is_ident(chars[i])
            && (i == 0 || !is_ident(chars[i - 1]))
            && !(i >= 2 && chars[i - 1] == ':' && chars[i - 2] == ':');
        if !starts_path {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut j = i;
        loop {
            let s = j;
            while j < chars.len() && is_ident(chars[j]) {
                j += 1;
            }
            segments.push(chars[s..j].iter().collect::<String>());
            if chars.get(j) == Some(&':')
                && chars.get(j + 1) == Some(&':')
                && chars.get(j + 2).is_some_and(|c| is_ident(*c))
            {
                j += 2;
            } else {
                break;
            }
        }
        if segments.len() > 1
            && let Some(path) = absolute(module, &segments, modules)
        {
            paths.push(path);
        }
        i = j.max(i + 1);
    }
    paths
}
