//! The module graph of each crate, and the check that it has no cycle: no module imports a
//! module that imports it back (directly or through others). Run by the lint tier.
//!
//! A module's imports are the paths its file names: `use` trees, and `crate::`, `super::`,
//! `self::` or child-module paths in code. A path is resolved to the module that *defines* the
//! item, following re-exports (`pub use a::B` in a parent is a way through, not an owner), so a
//! sibling importing `super::B` depends on `a`, not on the parent. `mod x;` declarations are
//! ownership, not imports. Comments and string literals are skipped. Inline modules (`mod tests
//! { .. }`) count as part of their file. This reads source text rather than compiling, which
//! is what keeps it to a second in CI; `cargo modules dependencies --acyclic` (crate
//! `cargo-modules`) answers the same question by compiling, for a second opinion.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One crate's modules (`crate`, `a`, `a::b`, ...) and what each imports.
#[derive(Debug, Default)]
pub struct ModuleGraph {
    /// Module → the modules it imports.
    pub edges: BTreeMap<String, BTreeSet<String>>,
}

/// A module's file, read and stripped of comments and strings.
struct Module {
    name: String,
    code: String,
}

impl ModuleGraph {
    /// Reads every `.rs` file under `src` (the crate root is `lib.rs` or `main.rs`).
    pub fn read(src: &Path) -> Result<Self, String> {
        let mut files = Vec::new();
        collect_files(src, &mut files)?;
        let mut modules = Vec::new();
        for file in &files {
            let rel = file.strip_prefix(src).map_err(|e| e.to_string())?;
            let text =
                std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
            modules.push(Module {
                name: module_name(rel),
                code: without_inline_modules(&strip_comments_and_strings(&text)),
            });
        }
        let names: BTreeSet<String> = modules.iter().map(|m| m.name.clone()).collect();
        let reexports: BTreeMap<String, Vec<(String, Vec<String>)>> = modules
            .iter()
            .map(|m| (m.name.clone(), reexports_of(&m.name, &m.code, &names)))
            .collect();
        let resolver = Resolver {
            modules: &names,
            reexports: &reexports,
        };
        let mut graph = ModuleGraph::default();
        for m in &modules {
            let mut targets = BTreeSet::new();
            for path in paths_named(&m.name, &m.code, &names) {
                let target = resolver.owner(&path, 0);
                if target != m.name {
                    targets.insert(target);
                }
            }
            graph.edges.insert(m.name.clone(), targets);
        }
        Ok(graph)
    }

    /// Every cycle, each as the modules on it (strongly connected components of more than one).
    pub fn cycles(&self) -> Vec<Vec<String>> {
        let nodes: Vec<&String> = self.edges.keys().collect();
        let index_of: BTreeMap<&String, usize> =
            nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let adjacency: Vec<Vec<usize>> = nodes
            .iter()
            .map(|n| {
                self.edges[*n]
                    .iter()
                    .filter_map(|t| index_of.get(t).copied())
                    .collect()
            })
            .collect();
        strongly_connected(&adjacency)
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let mut names: Vec<String> = c.iter().map(|&i| nodes[i].clone()).collect();
                names.sort();
                names
            })
            .collect()
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    Ok(())
}

/// `lib.rs` → `crate`, `a/mod.rs` and `a.rs` → `a`, `a/b.rs` → `a::b`.
fn module_name(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|l| l == "mod") {
        parts.pop();
    }
    if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
        parts.clear();
    }
    if parts.is_empty() {
        "crate".into()
    } else {
        parts.join("::")
    }
}

fn parent_of(module: &str) -> String {
    match module.rsplit_once("::") {
        Some((parent, _)) => parent.to_string(),
        None => "crate".into(),
    }
}

fn child(module: &str, name: &str) -> String {
    if module == "crate" {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

/// Replaces comments, string and char literals with spaces (lifetimes stay).
fn strip_comments_and_strings(text: &str) -> String {
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
fn without_inline_modules(code: &str) -> String {
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

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits a `use` tree (`a::{b, c::d as e}`) into flat paths, each with its visible name.
fn flatten_use_tree(tree: &str) -> Vec<(Vec<String>, String)> {
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

fn split_top_level(s: &str) -> Vec<String> {
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
fn use_statements(code: &str) -> Vec<(bool, String)> {
    use_statement_spans(code)
        .into_iter()
        .map(|(public, start, end)| (public, code[start..end].to_string()))
        .collect()
}

/// Where each `use` statement's tree is: (is it a re-export, start, end) in bytes.
fn use_statement_spans(code: &str) -> Vec<(bool, usize, usize)> {
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
fn absolute(module: &str, segments: &[String], modules: &BTreeSet<String>) -> Option<Vec<String>> {
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

fn split_module(module: &str) -> Vec<String> {
    if module == "crate" {
        Vec::new()
    } else {
        module.split("::").map(String::from).collect()
    }
}

/// A module's re-exports: visible name → the absolute path it stands for.
fn reexports_of(
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
fn paths_named(module: &str, code: &str, modules: &BTreeSet<String>) -> Vec<Vec<String>> {
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

struct Resolver<'a> {
    modules: &'a BTreeSet<String>,
    reexports: &'a BTreeMap<String, Vec<(String, Vec<String>)>>,
}

impl Resolver<'_> {
    /// The module that defines what `path` (absolute) names, through re-exports.
    fn owner(&self, path: &[String], depth: usize) -> String {
        let mut module = "crate".to_string();
        for (i, segment) in path.iter().enumerate() {
            let next = child(&module, segment);
            if self.modules.contains(&next) {
                module = next;
                continue;
            }
            if depth < 8
                && let Some((_, target)) = self
                    .reexports
                    .get(&module)
                    .and_then(|r| r.iter().find(|(name, _)| name == segment))
            {
                let mut through = target.clone();
                through.extend(path[i + 1..].iter().cloned());
                return self.owner(&through, depth + 1);
            }
            break;
        }
        module
    }
}

/// Tarjan's strongly connected components.
fn strongly_connected(adjacency: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct State<'a> {
        adjacency: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        components: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State<'_>, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in &s.adjacency[v] {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(iw) if s.on_stack[w] => s.low[v] = s.low[v].min(iw),
                _ => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            s.components.push(component);
        }
    }
    let n = adjacency.len();
    let mut s = State {
        adjacency,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        components: Vec::new(),
    };
    for v in 0..n {
        if s.index[v].is_none() {
            visit(&mut s, v);
        }
    }
    s.components
}

/// The crates whose module graphs must stay acyclic.
pub const CRATES: [&str; 4] = ["core/src", "web/src", "sim/src", "xtask/src"];

/// Checks every crate; Err lists each cycle with the imports that close it.
pub fn check(root: &Path) -> Result<(), String> {
    let mut problems = Vec::new();
    for krate in CRATES {
        let graph = ModuleGraph::read(&root.join(krate))?;
        for cycle in graph.cycles() {
            let links: Vec<String> = cycle
                .iter()
                .flat_map(|from| {
                    graph.edges[from]
                        .iter()
                        .filter(|to| cycle.contains(to))
                        .map(move |to| format!("{from} -> {to}"))
                })
                .collect();
            problems.push(format!("{krate}: {}", links.join(", ")));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "modules that import each other (directly or through others):\n  {}",
            problems.join("\n  ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph_of(files: &[(&str, &str)]) -> ModuleGraph {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("modgraph-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap_or(&dir)).unwrap_or_default();
            std::fs::write(&p, text).unwrap_or_default();
        }
        let g = ModuleGraph::read(&dir).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&dir);
        g
    }

    #[test]
    fn a_parent_and_child_that_use_each_other_are_a_cycle() {
        let g = graph_of(&[
            ("lib.rs", "mod a;"),
            (
                "a/mod.rs",
                "mod b;\npub fn helper() {}\nfn f() { b::run() }",
            ),
            ("a/b.rs", "use super::helper;\npub fn run() { helper() }"),
        ]);
        assert_eq!(g.cycles(), vec![vec!["a".to_string(), "a::b".to_string()]]);
    }

    #[test]
    fn a_reexport_is_a_way_through_not_an_owner() {
        let g = graph_of(&[
            ("lib.rs", "mod a;"),
            (
                "a/mod.rs",
                "mod b;\nmod c;\npub use c::Thing;\nfn f() { b::run() }",
            ),
            ("a/b.rs", "use super::Thing;\npub fn run() {}"),
            ("a/c.rs", "pub struct Thing;"),
        ]);
        assert!(g.cycles().is_empty(), "{:?}", g.edges);
        assert!(g.edges["a::b"].contains("a::c"), "{:?}", g.edges);
    }

    #[test]
    fn use_groups_crate_paths_and_three_module_rings_are_found() {
        let g = graph_of(&[
            ("lib.rs", "mod x; mod y; mod z;"),
            ("x.rs", "use crate::{y::Y, z};\npub struct X;"),
            ("y.rs", "pub struct Y; fn f() { let _ = crate::z::Z; }"),
            (
                "z.rs",
                "// use crate::x::X;\npub struct Z; const S: &str = \"crate::y::Y\";\nfn g() -> crate::x::X { crate::x::X }",
            ),
        ]);
        assert_eq!(
            g.cycles(),
            vec![vec!["x".to_string(), "y".to_string(), "z".to_string()]]
        );
    }

    #[test]
    fn the_workspace_crates_have_no_import_cycles() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap_or(Path::new("."));
        if let Err(e) = check(root) {
            panic!("{e}");
        }
    }

    #[test]
    fn comments_and_strings_name_nothing() {
        let g = graph_of(&[
            ("lib.rs", "mod x; mod y;"),
            ("x.rs", "use crate::y::Y;"),
            (
                "y.rs",
                "/// see crate::x::X\npub struct Y; fn f() { let _ = r#\"crate::x\"#; let _ = 'x'; }",
            ),
        ]);
        assert!(g.cycles().is_empty(), "{:?}", g.edges);
    }
}
