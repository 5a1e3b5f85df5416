//! `cargo xtask package`: the npm-ready JS package of the core crate (feature `js`), for
//! `--target web` (browsers and Node with explicit init) and `--target bundler`, each with its
//! package.json, README and TypeScript declarations, optimised with the pinned wasm-opt.

use std::path::{Path, PathBuf};

use crate::procs::run;
use crate::setup::Workspace;

/// The wasm-bindgen targets the package is built for.
pub const TARGETS: [&str; 2] = ["web", "bundler"];

/// wasm-opt flags for the package (the console's are in index.html, `data-wasm-opt-params`).
const WASM_OPT_FLAGS: &[&str] = &["-Oz", "--converge", "--low-memory-unused"];

/// Builds `target/npm/<target>` for every target; returns the root `target/npm`.
pub fn build(ws: &Workspace) -> Result<PathBuf, String> {
    ws.step("cargo build -p kibana-connectors --features js --release (wasm32)");
    run(&mut ws.cargo(&[
        "build",
        "--locked",
        "-p",
        "kibana-connectors",
        "--features",
        "js",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let target_dir = ws.target_dir();
    let wasm = target_dir.join("wasm32-unknown-unknown/release/kibana_connectors.wasm");
    let npm = target_dir.join("npm");
    let version = crate_version(&ws.root.join("Cargo.toml"))?;
    for target in TARGETS {
        let out = npm.join(target);
        let _ = std::fs::remove_dir_all(&out);
        ws.step(&format!("wasm-bindgen --target {target} + wasm-opt -Oz"));
        run(ws
            .cmd("wasm-bindgen")
            .args(["--target", target, "--out-dir"])
            .arg(&out)
            .arg(&wasm))?;
        let bg = out.join("kibana_connectors_bg.wasm");
        // --low-memory-unused is safe for Rust's output (the stack, not data, sits at address 0)
        // and with --converge saves ~1% of the gzip size.
        run(ws
            .cmd("wasm-opt")
            .args(WASM_OPT_FLAGS)
            .arg(&bg)
            .arg("-o")
            .arg(&bg))?;
        tidy_declarations(&out.join("kibana_connectors.d.ts"))?;
        write(&out.join("package.json"), &package_json(target, &version))?;
        let readme = std::fs::read_to_string(ws.root.join("core/js/README.md"))
            .map_err(|e| format!("core/js/README.md: {e}"))?;
        write(&out.join("README.md"), &readme)?;
    }
    println!("xtask: npm packages in {}", npm.display());
    Ok(npm)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn crate_version(workspace_toml: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(workspace_toml).map_err(|e| e.to_string())?;
    text.lines()
        .find_map(|l| {
            l.strip_prefix("version = \"")
                .map(|v| v.trim_end_matches('"').to_string())
        })
        .ok_or_else(|| "no version in [workspace.package]".into())
}

/// `InitOutput` lists the raw wasm exports, which wasm-bindgen types as `any`; nobody calls them,
/// so they become `unknown` and the public declarations carry no `any` at all.
fn tidy_declarations(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    // Only the web target declares InitOutput.
    let Some(start) = text.find("export interface InitOutput") else {
        return Ok(());
    };
    let end = start
        + text[start..]
            .find("\n}\n")
            .ok_or("unterminated InitOutput")?;
    let raw = text[start..end]
        .replace(": any", ": unknown")
        .replace("any)", "unknown)")
        .replace("any,", "unknown,")
        .replace("=> any", "=> unknown");
    write(path, &format!("{}{}{}", &text[..start], raw, &text[end..]))
}

fn package_json(target: &str, version: &str) -> String {
    let (main, side_effects) = match target {
        "bundler" => (
            "kibana_connectors.js",
            r#"["./kibana_connectors.js", "./snippets/*"]"#,
        ),
        _ => ("kibana_connectors.js", r#"["./snippets/*"]"#),
    };
    format!(
        r#"{{
  "name": "kibana-connectors",
  "version": "{version}",
  "description": "Typed client for Kibana's Connectors (Actions) and Spaces APIs, compiled from Rust to WebAssembly.",
  "license": "Apache-2.0",
  "type": "module",
  "main": "{main}",
  "module": "{main}",
  "types": "kibana_connectors.d.ts",
  "files": ["kibana_connectors_bg.wasm", "kibana_connectors.js", "kibana_connectors_bg.js", "kibana_connectors.d.ts", "kibana_connectors_bg.wasm.d.ts", "snippets", "README.md"],
  "sideEffects": {side_effects},
  "keywords": ["kibana", "connectors", "actions", "elastic", "wasm"]
}}
"#
    )
}
