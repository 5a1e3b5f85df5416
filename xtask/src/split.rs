//! Splits the console's release wasm into a main module and chunks fetched on navigation, at
//! the `#[wasm_split]` functions of `web/src/lazy.rs`, as `cargo leptos --split` does: the
//! build links with `--emit-relocs` (and `--cfg console_split`, which turns the split
//! functions on), [`split`] runs `wasm_split_cli_support` on cargo's output before
//! wasm-bindgen, and [`link_chunks`] gives every chunk a content-hashed name and
//! Subresource Integrity inside the loader the splitter writes.
//!
//! Trunk does not split yet (trunk#1022), so `cargo xtask console`'s dev build stays one wasm.

use std::path::{Path, PathBuf};

/// The rustflags a splittable build adds to `.cargo/config.toml`'s: relocations kept in the
/// linked wasm (the splitter moves code and data by them) and the cfg that turns the split
/// functions on.
pub const RUSTFLAGS: &str = "-Clink-args=--emit-relocs --cfg console_split";

/// The loader's file name as the split wasm imports it; renamed when hashed.
pub const LINK_NAME: &str = "./__wasm_split.js";

/// What [`split`] wrote.
#[derive(Debug)]
pub struct Split {
    /// The main module, for wasm-bindgen.
    pub main: PathBuf,
    /// The chunks (`split_<name>.wasm`, `chunk_<n>.wasm`), in the splitter's order.
    pub chunks: Vec<PathBuf>,
    /// The loader (JavaScript) the main module imports to fetch chunks.
    pub loader: PathBuf,
}

/// Splits `wasm` into `dir`; `glue` is the module path of wasm-bindgen's JS as the loader
/// imports it (relative to the loader).
pub fn split(wasm: &Path, dir: &Path, glue: &str) -> Result<Split, String> {
    let input = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let main = dir.join("main.wasm");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = dir;
    options.main_out_path = &main;
    options.link_name = LINK_NAME;
    options.main_module = glue;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("wasm-split of {}: {e:#}", wasm.display()))?;
    if split.split_modules.is_empty() {
        return Err(format!(
            "wasm-split of {}: no split points (was it built with `{RUSTFLAGS}`?)",
            wasm.display()
        ));
    }
    Ok(Split {
        main,
        chunks: split.split_modules,
        loader: dir.join(LINK_NAME),
    })
}

/// A chunk as the site serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedChunk {
    /// The splitter's file name (`split_rotate.wasm`).
    pub original: String,
    /// The site's file name (`split_rotate-3f9c….wasm`).
    pub name: String,
    /// `sha384-…` of its bytes.
    pub integrity: String,
}

/// The loader's text with every chunk fetched under its site name and with its integrity
/// (the browser refuses a chunk whose bytes differ). Every chunk must be fetched exactly
/// once in `loader`, else the splitter's output changed shape and this is an error.
pub fn link_chunks(loader: &str, chunks: &[LinkedChunk]) -> Result<String, String> {
    let mut out = loader.to_string();
    for chunk in chunks {
        let fetch = format!("fetch(new URL(\"./{}\", import.meta.url))", chunk.original);
        if out.matches(&fetch).count() != 1 {
            return Err(format!(
                "the wasm-split loader does not fetch {} exactly once as `{fetch}`",
                chunk.original
            ));
        }
        out = out.replace(
            &fetch,
            &format!(
                "fetch(new URL(\"./{}\", import.meta.url), {{ integrity: \"{}\" }})",
                chunk.name, chunk.integrity
            ),
        );
    }
    if out.contains(".wasm\", import.meta.url))") {
        return Err("the wasm-split loader fetches a chunk it did not write".into());
    }
    Ok(out)
}

/// `text` with the one `from` replaced by `to`; an error naming `what` when `from` is not
/// there exactly once (wasm-bindgen's or the splitter's output changed shape).
pub fn replace_once(text: &str, from: &str, to: &str, what: &str) -> Result<String, String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!(
            "{what}: expected `{from}` once, found it {n} times"
        )),
    }
}

/// `text` with every `from` replaced by `to`; an error naming `what` when there is none.
pub fn replace_all(text: &str, from: &str, to: &str, what: &str) -> Result<String, String> {
    if text.contains(from) {
        Ok(text.replace(from, to))
    } else {
        Err(format!("{what}: expected `{from}`, found none"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER: &str = r#"import { initSync } from "./kibana-console.js";
const __chunk_1 = makeLoad(() => {
    const src = fetch(new URL("./chunk_1.wasm", import.meta.url));
}, []);
export const __wasm_split_load_rotate = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_rotate.wasm", import.meta.url));
}, [__chunk_1]));
"#;

    fn chunk(original: &str, name: &str) -> LinkedChunk {
        LinkedChunk {
            original: original.into(),
            name: name.into(),
            integrity: format!("sha384-{name}"),
        }
    }

    #[test]
    fn every_chunk_is_fetched_by_its_hashed_name_with_integrity() {
        let out = link_chunks(
            LOADER,
            &[
                chunk("chunk_1.wasm", "chunk_1-aa.wasm"),
                chunk("split_rotate.wasm", "split_rotate-bb.wasm"),
            ],
        )
        .unwrap();
        assert!(out.contains(
            r#"fetch(new URL("./split_rotate-bb.wasm", import.meta.url), { integrity: "sha384-split_rotate-bb.wasm" })"#
        ));
        assert!(out.contains(r#"new URL("./chunk_1-aa.wasm""#));
        assert!(!out.contains("\"./split_rotate.wasm\""));
    }

    #[test]
    fn a_chunk_left_unlinked_or_missing_is_an_error() {
        let err = link_chunks(LOADER, &[chunk("chunk_1.wasm", "chunk_1-aa.wasm")]).unwrap_err();
        assert!(err.contains("did not write"), "{err}");
        let err = link_chunks(LOADER, &[chunk("split_other.wasm", "x.wasm")]).unwrap_err();
        assert!(err.contains("split_other.wasm exactly once"), "{err}");
    }

    #[test]
    fn replacing_refuses_a_text_of_another_shape() {
        assert_eq!(replace_once("a-b", "-", "+", "t").unwrap(), "a+b");
        assert!(
            replace_once("ab", "-", "+", "t")
                .unwrap_err()
                .contains("0 times")
        );
        assert!(
            replace_once("a--b", "-", "+", "t")
                .unwrap_err()
                .contains("2 times")
        );
        assert_eq!(replace_all("a--b", "-", "+", "t").unwrap(), "a++b");
        assert!(
            replace_all("ab", "-", "+", "t")
                .unwrap_err()
                .contains("found none")
        );
    }
}
