//! `cargo xtask package`: the npm package of the core crate (feature `js`), one package for
//! every JavaScript runtime, and its tarball as `npm pack` makes it.
//!
//! wasm-bindgen's `--target web` output is the engine; two small entry points load it so that
//! nobody calls `init`: `node.js` (the `node` export condition) reads the `.wasm` beside it and
//! instantiates it synchronously, `index.js` (browsers and bundlers) awaits `init` on a
//! `new URL("….wasm", import.meta.url)`, the form Vite and webpack 5 emit as an asset. The
//! raw module stays reachable as `kibana-connectors/raw` for pages that host the `.wasm`
//! elsewhere.

use std::path::{Path, PathBuf};

use crate::procs::run;
use crate::setup::Workspace;

/// wasm-opt flags for the package (the console's are in index.html, `data-wasm-opt-params`).
const WASM_OPT_FLAGS: &[&str] = &["-Oz", "--converge", "--low-memory-unused"];

/// The package's name on npm.
pub const NAME: &str = "kibana-connectors";

/// The package's directory under `target/npm`.
pub fn package_dir(npm: &Path) -> PathBuf {
    npm.join(NAME)
}

/// The browsers' and bundlers' entry: the wasm fetched beside the module, then everything
/// exported. Top-level await keeps `import { Kibana }` usable on the next line.
const INDEX_JS: &str = r#"// Browsers and bundlers (Vite, webpack 5, Rollup): the .wasm is fetched beside this module
// (bundlers emit it as an asset from the `new URL` below) before anything is exported.
import init from "./kibana_connectors.js";

await init({ module_or_path: new URL("./kibana_connectors_bg.wasm", import.meta.url) });

export * from "./kibana_connectors.js";
"#;

/// Node's entry (and Bun's, Deno's with `node:` modules): the wasm read from disk and
/// compiled synchronously, since Node's `fetch` does not read `file:` URLs.
const NODE_JS: &str = r#"// Node.js 20+: the .wasm beside this file, read and instantiated before anything is exported.
import { readFileSync } from "node:fs";
import { initSync } from "./kibana_connectors.js";

initSync({ module: readFileSync(new URL("./kibana_connectors_bg.wasm", import.meta.url)) });

export * from "./kibana_connectors.js";
"#;

/// The entry points' declarations: the engine's API, already initialised.
const INDEX_D_TS: &str = r#"// The package's API, ready to use: the WebAssembly module is loaded by the entry point.
export * from "./kibana_connectors.js";
"#;

/// Builds `target/npm/kibana-connectors` and packs it; returns the root `target/npm`.
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
    let manifest = std::fs::read_to_string(ws.root.join("Cargo.toml"))
        .map_err(|e| format!("Cargo.toml: {e}"))?;
    let meta = Metadata {
        version: workspace_field(&manifest, "version")?,
        repository: workspace_field(&manifest, "repository")?,
    };
    let out = package_dir(&npm);
    let _ = std::fs::remove_dir_all(&npm);
    ws.step("wasm-bindgen --target web + wasm-opt -Oz");
    run(ws
        .cmd("wasm-bindgen")
        .args(["--target", "web", "--out-dir"])
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
    write(&out.join("index.js"), INDEX_JS)?;
    write(&out.join("node.js"), NODE_JS)?;
    write(&out.join("index.d.ts"), INDEX_D_TS)?;
    write(&out.join("package.json"), &package_json(&meta))?;
    for (from, to) in [
        ("core/js/README.md", "README.md"),
        ("core/js/cli.mjs", "cli.mjs"),
        ("LICENSE", "LICENSE"),
        ("CHANGELOG.md", "CHANGELOG.md"),
    ] {
        std::fs::copy(ws.root.join(from), out.join(to)).map_err(|e| format!("{from}: {e}"))?;
    }
    // wasm-bindgen's own package.json-less .gitignore would keep files out of the tarball.
    let _ = std::fs::remove_file(out.join(".gitignore"));
    ws.step("npm pack");
    let mut pack = ws.cmd("npm");
    pack.current_dir(&npm)
        .args(["pack", "--silent", "--pack-destination"])
        .arg(&npm)
        .arg(&out);
    run(&mut pack)?;
    println!(
        "xtask: npm package in {} and {}",
        out.display(),
        tarball(&npm, &meta.version).display()
    );
    Ok(npm)
}

/// The tarball `npm pack` writes for `version`.
pub fn tarball(npm: &Path, version: &str) -> PathBuf {
    npm.join(format!("{NAME}-{version}.tgz"))
}

/// What package.json takes from `[workspace.package]`.
struct Metadata {
    version: String,
    repository: String,
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A string field of `[workspace.package]` (`version = "0.1.0"`).
fn workspace_field(manifest: &str, field: &str) -> Result<String, String> {
    let section = manifest
        .split("[workspace.package]")
        .nth(1)
        .ok_or("Cargo.toml has no [workspace.package]")?;
    section
        .lines()
        .take_while(|l| !l.starts_with('['))
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            (key.trim() == field).then(|| value.trim().trim_matches('"').to_string())
        })
        .ok_or_else(|| format!("no {field} in [workspace.package]"))
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

fn package_json(meta: &Metadata) -> String {
    let Metadata {
        version,
        repository,
    } = meta;
    format!(
        r#"{{
  "name": "{NAME}",
  "version": "{version}",
  "description": "Typed client for Kibana's Connectors (Actions), Alerting rules and Spaces APIs, compiled from Rust to WebAssembly: browsers, bundlers and Node.js.",
  "license": "Apache-2.0",
  "repository": {{ "type": "git", "url": "git+{repository}.git" }},
  "homepage": "{repository}#readme",
  "bugs": {{ "url": "{repository}/issues" }},
  "type": "module",
  "engines": {{ "node": ">=20" }},
  "bin": {{ "{NAME}": "cli.mjs" }},
  "exports": {{
    ".": {{
      "types": "./index.d.ts",
      "node": "./node.js",
      "default": "./index.js"
    }},
    "./raw": {{
      "types": "./kibana_connectors.d.ts",
      "default": "./kibana_connectors.js"
    }},
    "./kibana_connectors_bg.wasm": "./kibana_connectors_bg.wasm",
    "./package.json": "./package.json"
  }},
  "main": "./node.js",
  "module": "./index.js",
  "types": "./index.d.ts",
  "files": ["index.js", "index.d.ts", "node.js", "cli.mjs", "kibana_connectors.js", "kibana_connectors.d.ts", "kibana_connectors_bg.wasm", "kibana_connectors_bg.wasm.d.ts", "snippets", "README.md", "LICENSE", "CHANGELOG.md"],
  "sideEffects": ["./index.js", "./node.js", "./snippets/*"],
  "keywords": ["kibana", "elastic", "elasticsearch", "connectors", "actions", "alerting", "spaces", "webassembly", "wasm", "api-client"]
}}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_fields_are_read_from_their_section_only() {
        let manifest = "[package]\nversion = \"9\"\n[workspace.package]\nedition = \"2024\"\nversion = \"0.3.1\"\nrepository = \"https://r.example/x\"\n[workspace.dependencies]\nrepository = \"no\"\n";
        assert_eq!(workspace_field(manifest, "version").unwrap(), "0.3.1");
        assert_eq!(
            workspace_field(manifest, "repository").unwrap(),
            "https://r.example/x"
        );
        assert!(workspace_field(manifest, "readme").is_err());
    }

    #[test]
    fn package_json_is_valid_and_resolves_node_before_the_default() {
        let text = package_json(&Metadata {
            version: "1.2.3".into(),
            repository: "https://r.example/x".into(),
        });
        // Conditions match in order: types first (TypeScript), node before the default.
        let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle}"));
        assert!(at(r#""types": "./index.d.ts""#) < at(r#""node": "./node.js""#));
        assert!(at(r#""node": "./node.js""#) < at(r#""default": "./index.js""#));
        assert!(text.contains(r#""version": "1.2.3""#));
        assert!(text.contains(r#""url": "git+https://r.example/x.git""#));
        assert!(text.contains(r#""bin": { "kibana-connectors": "cli.mjs" }"#));
        for file in ["index.js", "node.js", "cli.mjs", "index.d.ts", "LICENSE"] {
            assert!(text.contains(&format!("\"{file}\"")), "{file}");
        }
        // Braces balance (npm pack and the e2e tests parse it for real).
        assert_eq!(text.matches('{').count(), text.matches('}').count());
    }
}
