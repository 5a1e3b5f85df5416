//! The console's release site in `dist/`, assembled from the cargo build without Trunk:
//! wasm-split at the lazy pages (`split.rs`), wasm-bindgen, the pinned wasm-opt on the main
//! module and every chunk, content-hashed file names, Subresource Integrity on every asset
//! (chunks included, inside the split loader), and a page with no inline script (the boot
//! module is a file of its own). Trunk stays the dev server of `cargo xtask console`; the
//! tests, the benchmarks and the shipped bundle do not need it (it is about 13 CPU-minutes to
//! build on a new machine).
//!
//! The page is `index.html` at the root with its two `data-trunk` links replaced; what it
//! loads is what Trunk 0.21 would emit for them (`--target web`, `-Oz --converge
//! --low-memory-unused`, `modulepreload` and `preload` links with `integrity`) plus a
//! `modulepreload` of the split loader, and a Content-Security-Policy `<meta>` right after the
//! charset, before anything it governs.

use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::csp::{self, ConnectSources};
use crate::procs::run;
use crate::setup::Workspace;
use crate::split;

/// wasm-opt flags of the console, as `index.html`'s `data-wasm-opt="z"` and
/// `data-wasm-opt-params` ask Trunk for.
const WASM_OPT_FLAGS: &[&str] = &["-Oz", "--converge", "--low-memory-unused"];

/// A file of the site, named by its content.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The file name in the site, e.g. `kibana-console-3f9c….js`.
    pub name: String,
    /// `sha384-<base64>`, for `integrity`.
    pub integrity: String,
}

/// The first 8 bytes of `bytes`' SHA-384, in hex: the hash in a file name.
fn short_hash(bytes: &[u8]) -> String {
    Sha384::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `bytes` as `<stem>-<hash><ext>` in `dir`.
fn hashed(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<Asset, String> {
    named(dir, &format!("{stem}-{}{ext}", short_hash(bytes)), bytes)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// wasm-bindgen's JS as the split loader imports it before names are hashed.
const GLUE_BEFORE_HASHING: &str = "./kibana-console.js";

/// Assembles `out` from the console's release wasm (`wasm`, as cargo built it with
/// [`split::RUSTFLAGS`]), the page's policy letting it connect to `connect`.
pub fn assemble(
    ws: &Workspace,
    wasm: &Path,
    out: &Path,
    connect: &ConnectSources,
) -> Result<(), String> {
    let staging = ws.target_dir().join("site-staging");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| format!("{}: {e}", staging.display()))?;
    ws.step("wasm-split at the lazy pages, wasm-bindgen --target web, wasm-opt -Oz (the console)");
    let parts = split::split(wasm, &staging.join("split"), GLUE_BEFORE_HASHING)?;
    // The chunks reach the main module's stack pointer, table and memory through exports
    // wasm-bindgen would otherwise drop (cargo leptos --split passes the same).
    run(ws
        .cmd("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--keep-lld-exports",
            "--out-name",
            "kibana-console",
            "--out-dir",
        ])
        .arg(&staging)
        .arg(&parts.main))?;
    let optimise = |input: &Path| -> Result<Vec<u8>, String> {
        let output = input.with_extension("opt.wasm");
        run(ws
            .cmd("wasm-opt")
            .args(WASM_OPT_FLAGS)
            .arg(input)
            .arg("-o")
            .arg(&output))?;
        read(&output)
    };
    let main_wasm = optimise(&staging.join("kibana-console_bg.wasm"))?;

    // A fresh directory: stale hashed files would otherwise pile up.
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut chunks = Vec::new();
    for chunk in &parts.chunks {
        let original = chunk
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = original.trim_end_matches(".wasm");
        let asset = hashed(out, stem, ".wasm", &optimise(chunk)?)?;
        chunks.push(split::LinkedChunk {
            original,
            name: asset.name,
            integrity: asset.integrity,
        });
    }
    let wasm_asset = hashed(out, "kibana-console", "_bg.wasm", &main_wasm)?;
    let loader = split::link_chunks(
        &std::fs::read_to_string(&parts.loader)
            .map_err(|e| format!("{}: {e}", parts.loader.display()))?,
        &chunks,
    )?;
    let glue = std::fs::read_to_string(staging.join("kibana-console.js"))
        .map_err(|e| format!("kibana-console.js: {e}"))?;
    // The glue imports the loader and the loader imports the glue, so neither name can be
    // the hash of its own text: both take one build hash, of the main wasm, the glue, the
    // loader and (through the loader's names) every chunk.
    let build = short_hash(&[main_wasm.as_slice(), glue.as_bytes(), loader.as_bytes()].concat());
    let glue_name = format!("kibana-console-{build}.js");
    let loader_name = format!("split-{build}.js");
    // One `import * as importN from` per split function; the imports object's keys stay
    // the module name the wasm imports from.
    let glue = split::replace_all(
        &glue,
        &format!("from \"{}\"", split::LINK_NAME),
        &format!("from \"./{loader_name}\""),
        "wasm-bindgen's glue",
    )?;
    let loader = split::replace_once(
        &loader,
        &format!("\"{GLUE_BEFORE_HASHING}\""),
        &format!("\"./{glue_name}\""),
        "the wasm-split loader",
    )?;
    let glue = named(out, &glue_name, glue.as_bytes())?;
    let loader = named(out, &loader_name, loader.as_bytes())?;
    let css = hashed(out, "style", ".css", &read(&ws.root.join("web/style.css"))?)?;
    let boot_js = format!(
        "import init from '/{}';\nawait init({{ module_or_path: '/{}' }});\n",
        glue.name, wasm_asset.name
    );
    let boot = hashed(out, "boot", ".js", boot_js.as_bytes())?;
    let template = std::fs::read_to_string(ws.root.join("index.html"))
        .map_err(|e| format!("index.html: {e}"))?;
    let assets = Assets {
        css,
        glue,
        loader,
        wasm: wasm_asset,
        boot,
    };
    let page = page(&template, &assets, &csp::meta_tag(connect))?;
    std::fs::write(out.join("index.html"), page).map_err(|e| format!("index.html: {e}"))?;
    println!(
        "xtask: console site in {} ({} chunks fetched on navigation)",
        out.display(),
        chunks.len()
    );
    Ok(())
}

/// Writes `bytes` as `name` in `dir` (a name already unique to the build).
fn named(dir: &Path, name: &str, bytes: &[u8]) -> Result<Asset, String> {
    std::fs::write(dir.join(name), bytes).map_err(|e| format!("{name}: {e}"))?;
    Ok(Asset {
        name: name.to_string(),
        integrity: format!(
            "sha384-{}",
            base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
        ),
    })
}

/// What the page loads.
struct Assets {
    css: Asset,
    glue: Asset,
    /// The split loader, which the glue imports.
    loader: Asset,
    wasm: Asset,
    boot: Asset,
}

/// The page: the template's `data-trunk` links replaced by the assets, with integrity, and
/// `policy` (a `<meta>` line) after the charset.
fn page(template: &str, assets: &Assets, policy: &str) -> Result<String, String> {
    let Assets {
        css,
        glue,
        loader,
        wasm,
        boot,
    } = assets;
    let kept: Vec<&str> = template
        .lines()
        .filter(|l| !l.trim_start().starts_with("<link data-trunk"))
        .collect();
    if kept.len() + 2 != template.lines().count() {
        return Err(
            "index.html: expected exactly two `<link data-trunk ...>` lines (css and rust)".into(),
        );
    }
    let assets = format!(
        concat!(
            "  <link rel=\"stylesheet\" href=\"/{css}\" integrity=\"{css_i}\" />\n",
            "  <link rel=\"modulepreload\" href=\"/{glue}\" crossorigin=\"anonymous\" integrity=\"{glue_i}\" />\n",
            "  <link rel=\"modulepreload\" href=\"/{loader}\" crossorigin=\"anonymous\" integrity=\"{loader_i}\" />\n",
            "  <link rel=\"preload\" href=\"/{wasm}\" crossorigin=\"anonymous\" integrity=\"{wasm_i}\" as=\"fetch\" type=\"application/wasm\" />\n",
            "  <script type=\"module\" src=\"/{boot}\" crossorigin=\"anonymous\" integrity=\"{boot_i}\"></script>\n",
        ),
        css = css.name,
        css_i = css.integrity,
        glue = glue.name,
        glue_i = glue.integrity,
        loader = loader.name,
        loader_i = loader.integrity,
        wasm = wasm.name,
        wasm_i = wasm.integrity,
        boot = boot.name,
        boot_i = boot.integrity,
    );
    let mut out = String::new();
    for line in kept {
        if line.trim_start().starts_with("</head>") {
            out.push_str(&assets);
        }
        out.push_str(line);
        out.push('\n');
        if line.trim_start().starts_with("<meta charset") {
            out.push_str(policy);
        }
    }
    if !out.contains(&boot.name) {
        return Err("index.html: no `</head>` line to put the assets before".into());
    }
    if !out.contains(policy) {
        return Err("index.html: no `<meta charset` line to put the policy after".into());
    }
    Ok(out)
}

/// Where cargo puts the console's release wasm under a target directory.
pub fn console_wasm(target_dir: &Path) -> PathBuf {
    target_dir.join("wasm32-unknown-unknown/release/kibana-console.wasm")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(name: &str) -> Asset {
        Asset {
            name: name.into(),
            integrity: format!("sha384-{name}"),
        }
    }

    fn assets() -> Assets {
        Assets {
            css: asset("style-1.css"),
            glue: asset("kibana-console-2.js"),
            loader: asset("split-2.js"),
            wasm: asset("kibana-console-2_bg.wasm"),
            boot: asset("boot-3.js"),
        }
    }

    #[test]
    fn the_page_loads_every_asset_with_integrity_and_has_no_inline_script() {
        let template =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../index.html")).unwrap();
        let policy = csp::meta_tag(&ConnectSources::Origins(vec![]));
        let page = page(&template, &assets(), &policy).unwrap();
        // The policy comes before anything it governs.
        let at = |needle: &str| page.find(needle).unwrap();
        assert!(
            at("Content-Security-Policy") < at("<link rel=\"icon\""),
            "{page}"
        );
        assert!(at("Content-Security-Policy") < at("<script"), "{page}");
        assert!(!page.contains("data-trunk"), "{page}");
        for name in [
            "style-1.css",
            "kibana-console-2.js",
            "split-2.js",
            "kibana-console-2_bg.wasm",
            "boot-3.js",
        ] {
            assert!(
                page.contains(&format!("href=\"/{name}\" "))
                    || page.contains(&format!("src=\"/{name}\" ")),
                "{name} in {page}"
            );
            assert!(
                page.contains(&format!("integrity=\"sha384-{name}\"")),
                "{name}"
            );
        }
        // Every script has a src: no inline code for a strict CSP to allow.
        assert_eq!(
            page.matches("<script").count(),
            page.matches("<script type=\"module\" src=").count()
        );
    }

    #[test]
    fn a_template_without_the_trunk_links_is_refused() {
        let err = page("<html><head></head></html>", &assets(), "").unwrap_err();
        assert!(err.contains("two `<link data-trunk"), "{err}");
    }

    #[test]
    fn names_follow_the_content() {
        let dir = tempdir();
        let a = hashed(&dir, "x", ".js", b"one").unwrap();
        let b = hashed(&dir, "x", ".js", b"two").unwrap();
        let again = hashed(&dir, "x", ".js", b"one").unwrap();
        assert_ne!(a.name, b.name);
        assert_eq!(a.name, again.name);
        assert_eq!(a.integrity, again.integrity);
        assert!(a.integrity.starts_with("sha384-") && a.integrity.len() == 7 + 64);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempdir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-site-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
