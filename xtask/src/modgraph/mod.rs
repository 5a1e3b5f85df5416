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

mod source;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use source::{
    child, paths_named, reexports_of, strip_comments_and_strings, without_inline_modules,
};

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
