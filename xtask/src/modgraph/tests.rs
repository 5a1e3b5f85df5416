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
