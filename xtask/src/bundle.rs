//! The console's release bundle: which toolchain builds it, and Trunk (the dev server) set up
//! for it.
//!
//! The small bundle needs the pinned nightly: the standard library rebuilt for size with panics
//! that abort at once (`-Zbuild-std`, about 31 KB gzip less, which is what keeps the bundle under
//! its 350 KB budget). That needs three things a new machine lacks: the toolchain with
//! `rust-src`, the standard library's *own* dependencies (resolved from the sysroot's
//! `library/Cargo.lock`, which no `cargo fetch` of this workspace covers, and Trunk builds
//! `--offline`), and a build-std that works with them. [`BundleToolchain::choose`] gets all
//! three or says, in one line, why the bundle is built with stable instead.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::csp::ConnectSources;
use crate::procs::{output, run};
use crate::setup::Workspace;
use crate::{site, split};

/// The pinned nightly for two jobs stable cannot do: the console's release bundle (above) and
/// cargo-fuzz. Everything else, the console's tests and debug builds included, uses stable.
pub const NIGHTLY: &str = "nightly-2026-05-20";

/// Which release build of the console: the site `cargo xtask` assembles, split into chunks,
/// or one wasm for Trunk's dev server (Trunk cannot split). Each has its own target
/// directory, since their flags differ and would otherwise rebuild each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleBuild {
    /// Split at the lazy pages (`--cfg console_split`, relocations kept).
    Split,
    /// One wasm, the lazy pages plain calls.
    Whole,
}

impl ConsoleBuild {
    /// The target directory under `target/` for `toolchain`'s build.
    fn target_dir(self, ws: &Workspace, nightly: bool) -> PathBuf {
        ws.target_dir().join(match (self, nightly) {
            (ConsoleBuild::Split, true) => "bundle",
            (ConsoleBuild::Whole, true) => "bundle-dev",
            (ConsoleBuild::Split, false) => "bundle-stable",
            // Trunk on stable builds where it always has.
            (ConsoleBuild::Whole, false) => "",
        })
    }

    /// Rustflags added to `.cargo/config.toml`'s wasm32 ones.
    fn rustflags(self) -> &'static str {
        match self {
            ConsoleBuild::Split => split::RUSTFLAGS,
            ConsoleBuild::Whole => "",
        }
    }
}

/// What builds the console's release bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleToolchain {
    /// The pinned nightly with std rebuilt for size (the shipped bundle).
    Nightly,
    /// Stable, because the nightly bundle could not be built; `reason` says why, in one line.
    Stable {
        /// The first error that stopped the nightly path.
        reason: String,
    },
}

/// Cargo's build of the console exactly as Trunk 0.21 runs it (`src/pipelines/rust/mod.rs`,
/// `cargo_build`), so a build made here is reused by Trunk instead of being redone.
const CONSOLE_BUILD: &[&str] = &[
    "build",
    "--target=wasm32-unknown-unknown",
    "--manifest-path",
    "web/Cargo.toml",
    "--release",
    "--offline",
    "--locked",
    "--bin",
    "kibana-console",
];

impl BundleToolchain {
    /// Installs the nightly when missing, fetches the standard library's dependencies, and
    /// builds the console with build-std once; any failure picks stable and prints why.
    /// Idempotent: on a machine that has everything, the three steps take a few seconds.
    pub fn choose(ws: &Workspace, build: ConsoleBuild) -> Self {
        match nightly_bundle_ready(ws, build) {
            Ok(()) => BundleToolchain::Nightly,
            Err(reason) => {
                println!(
                    "xtask: console bundle built with stable (about 31 KB gzip larger): {reason}"
                );
                BundleToolchain::Stable { reason }
            }
        }
    }

    /// Sets up `trunk` (build or serve) for this toolchain: the whole-wasm build.
    pub fn trunk(&self, ws: &Workspace, args: &[&str]) -> Command {
        let mut c = ws.cmd("trunk");
        c.args(args);
        if *self == BundleToolchain::Nightly {
            nightly_env(ws, &mut c, ConsoleBuild::Whole);
        }
        c
    }
}

/// The environment of the nightly build: its own target directory (stable builds keep theirs),
/// std rebuilt, `panic=immediate-abort` (no panic messages or unwinding code in the wasm; the
/// console shows errors as values and never relies on a panic message).
fn nightly_env(ws: &Workspace, c: &mut Command, build: ConsoleBuild) {
    c.env("RUSTUP_TOOLCHAIN", NIGHTLY)
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .env("CARGO_TARGET_DIR", build.target_dir(ws, true))
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        // Cargo appends these to `.cargo/config.toml`'s wasm32 rustflags
        // (`--cfg erase_components` stays from there).
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            format!(
                "-Zunstable-options -Cpanic=immediate-abort {}",
                build.rustflags()
            )
            .trim_end(),
        );
}

fn nightly_bundle_ready(ws: &Workspace, build: ConsoleBuild) -> Result<(), String> {
    ensure_nightly(ws)?;
    ensure_std_crates(ws)?;
    ws.step("cargo build of the console on the nightly (build-std, release)");
    // `cargo` through rustup's proxy, as Trunk runs it: `$CARGO` is the stable toolchain's own
    // binary, which would ignore RUSTUP_TOOLCHAIN.
    let mut cargo = ws.cmd("cargo");
    cargo.args(CONSOLE_BUILD);
    nightly_env(ws, &mut cargo, build);
    first_error_of(&mut cargo).map_err(|e| format!("build-std failed: {e}"))
}

/// The pinned nightly with `rust-src` (a few seconds from rustup's own servers).
pub fn ensure_nightly(ws: &Workspace) -> Result<(), String> {
    // Asking for an absent toolchain's components would make rustup install it on its own
    // (where auto-install is on) without rust-src; look at the toolchain list first.
    let present = output("rustup", &["toolchain", "list"])
        .is_some_and(|list| list.lines().any(|t| t.starts_with(NIGHTLY)));
    let installed = if present {
        output(
            "rustup",
            &["component", "list", "--installed", "--toolchain", NIGHTLY],
        )
        .unwrap_or_default()
    } else {
        String::new()
    };
    if installed.lines().any(|c| c.starts_with("rust-src")) {
        return Ok(());
    }
    ws.step(&format!(
        "rustup toolchain install {NIGHTLY} (minimal, rust-src)"
    ));
    let mut install = Command::new("rustup");
    install.args([
        "toolchain",
        "install",
        NIGHTLY,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
    ]);
    first_error_of(&mut install).map_err(|e| format!("{NIGHTLY} cannot be installed: {e}"))
}

/// Where `rust-src` keeps the standard library's workspace manifest, under the sysroot.
const LIBRARY_MANIFEST: &str = "lib/rustlib/src/rust/library/Cargo.toml";

fn nightly_sysroot() -> Option<PathBuf> {
    output("rustc", &[&format!("+{NIGHTLY}"), "--print", "sysroot"]).map(PathBuf::from)
}

/// Downloads the crates std depends on (`cargo fetch` of the sysroot's library workspace,
/// locked to its own Cargo.lock), so the `--offline` build-std finds them. Quick when present.
fn ensure_std_crates(ws: &Workspace) -> Result<(), String> {
    let manifest = nightly_sysroot()
        .map(|s| s.join(LIBRARY_MANIFEST))
        .ok_or_else(|| format!("{NIGHTLY} has no sysroot"))?;
    ws.step("cargo fetch: the standard library's dependencies (for build-std)");
    let mut fetch = ws.cmd("cargo");
    fetch
        .env("RUSTUP_TOOLCHAIN", NIGHTLY)
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .args(["fetch", "--locked", "--manifest-path"])
        .arg(&manifest);
    first_error_of(&mut fetch).map_err(|e| format!("std's dependencies cannot be fetched: {e}"))
}

/// Runs `cmd` with its output shown as usual; on failure returns the first `error` line it
/// printed (or its exit status), for a one-line reason.
fn first_error_of(cmd: &mut Command) -> Result<(), String> {
    let mut child = cmd
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let mut first_error = None;
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if first_error.is_none() && line.trim_start().starts_with("error") {
                first_error = Some(line.trim().to_string());
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(first_error.unwrap_or_else(|| format!("exit {status}")))
    }
}

impl Workspace {
    /// The console's release site in `out` (`dist/` is what the end-to-end tests and the
    /// benchmarks load; `cargo xtask dist` ships one): the release build, then
    /// [`site::assemble`] with a policy that connects to `connect`. Returns the toolchain it
    /// used; with `require_nightly` (the benchmarks, where a size regression must never pass
    /// unseen) the stable fallback is an error.
    pub fn build_console_bundle(
        &self,
        require_nightly: bool,
        out: &std::path::Path,
        connect: &ConnectSources,
    ) -> Result<BundleToolchain, String> {
        let toolchain = BundleToolchain::choose(self, ConsoleBuild::Split);
        let target_dir = match &toolchain {
            BundleToolchain::Stable { reason } if require_nightly => {
                return Err(format!(
                    "the console's size can only be measured on the nightly bundle: {reason}"
                ));
            }
            BundleToolchain::Stable { .. } => {
                self.step("cargo build of the console (stable, release, split)");
                let dir = ConsoleBuild::Split.target_dir(self, false);
                let mut cargo = self.cargo(CONSOLE_BUILD);
                cargo.env("CARGO_TARGET_DIR", &dir).env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                    ConsoleBuild::Split.rustflags(),
                );
                run(&mut cargo)?;
                dir
            }
            // `choose` has just built it.
            BundleToolchain::Nightly => ConsoleBuild::Split.target_dir(self, true),
        };
        site::assemble(self, &site::console_wasm(&target_dir), out, connect)?;
        Ok(toolchain)
    }
}
