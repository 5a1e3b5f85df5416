//! The fuzzing half of `cargo xtask soak`: each cargo-fuzz target in `fuzz/` for a bounded
//! time. cargo-fuzz needs a nightly toolchain (libFuzzer's coverage flags are unstable): the
//! pinned one, installed with rustup when missing.
//!
//! A crash is copied into `fuzz/regressions/<target>/`, which the stable test suites replay
//! (`kibana_connectors::fuzzing` and `sim/tests/fuzz_regressions.rs`), so committing it keeps
//! it as a regression test once fixed.

use std::path::Path;
use std::process::Command;

use crate::bundle::{NIGHTLY, ensure_nightly};
use crate::procs::run;
use crate::setup::Workspace;

/// The pinned cargo-fuzz.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// The targets, as named in `fuzz/Cargo.toml`.
const TARGETS: [&str; 2] = ["client_decode", "sim_request"];

/// A `cargo +nightly` command from `fuzz/`, free of the stable toolchain the xtask runs under.
fn nightly_cargo(ws: &Workspace, args: &[&str]) -> Command {
    let mut c = ws.cmd("cargo");
    c.current_dir(ws.root.join("fuzz"))
        .env_remove("CARGO")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("RUSTC")
        .arg(format!("+{NIGHTLY}"))
        .args(args);
    c
}

fn ensure_tools(ws: &Workspace) -> Result<(), String> {
    ensure_nightly(ws)?;
    let installed = ws
        .cmd("cargo")
        .args(["fuzz", "--version"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if installed.as_deref() != Some(&format!("cargo-fuzz {CARGO_FUZZ_VERSION}")) {
        ws.step(&format!("cargo install cargo-fuzz {CARGO_FUZZ_VERSION}"));
        run(&mut ws.cargo(&[
            "install",
            "--locked",
            "--force",
            &format!("cargo-fuzz@{CARGO_FUZZ_VERSION}"),
        ]))?;
    }
    Ok(())
}

/// Fuzzes each target for `seconds`; Err names the crash and where its input was kept.
pub fn run_targets(ws: &Workspace, seconds: u32) -> Result<(), String> {
    ensure_tools(ws)?;
    ws.step("cargo fuzz build (nightly, no sanitizer: the code under test has no unsafe)");
    // Debug assertions stay on (cargo fuzz's default), so overflows count as crashes.
    run(&mut nightly_cargo(
        ws,
        &["fuzz", "build", "-s", "none", "-O"],
    ))?;
    let mut crashes = Vec::new();
    for target in TARGETS {
        ws.step(&format!("fuzz {target} for {seconds} s"));
        let corpus = format!("corpus/{target}");
        let regressions = format!("regressions/{target}");
        std::fs::create_dir_all(ws.root.join("fuzz").join(&corpus))
            .map_err(|e| format!("fuzz/{corpus}: {e}"))?;
        let out = nightly_cargo(
            ws,
            &[
                "fuzz",
                "run",
                "-s",
                "none",
                "-O",
                target,
                &corpus,
                &regressions,
                "--",
                &format!("-max_total_time={seconds}"),
                "-print_final_stats=1",
            ],
        )
        .output()
        .map_err(|e| format!("cargo fuzz run {target}: {e}"))?;
        let log = String::from_utf8_lossy(&out.stderr);
        println!("{}", summary(target, &log));
        if !out.status.success() {
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            for line in tail.into_iter().rev() {
                eprintln!("  {line}");
            }
            crashes.push(keep_crash(ws, target, &log)?);
        }
    }
    if crashes.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzzing found {} crash(es); inputs kept as regression tests: {}. Fix, then commit them.",
            crashes.len(),
            crashes.join(", ")
        ))
    }
}

/// One line of figures from libFuzzer's log: runs, speed, coverage, corpus.
fn summary(target: &str, log: &str) -> String {
    let stat = |name: &str| {
        log.lines()
            .rev()
            .find_map(|l| l.strip_prefix(&format!("stat::{name}:")))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    let last_progress = log
        .lines()
        .rev()
        .find(|l| l.contains(" cov: "))
        .unwrap_or_default();
    let field = |name: &str| {
        last_progress
            .split_whitespace()
            .skip_while(|w| *w != name)
            .nth(1)
            .unwrap_or("?")
            .to_string()
    };
    format!(
        "fuzz {target}: {} runs, {} exec/s, coverage {} edges / {} features, corpus {}, peak rss {} MB",
        stat("number_of_executed_units"),
        stat("average_exec_per_sec"),
        field("cov:"),
        field("ft:"),
        field("corp:"),
        stat("peak_rss_mb"),
    )
}

/// Copies libFuzzer's crash input into the regression corpus; returns where it went.
fn keep_crash(ws: &Workspace, target: &str, log: &str) -> Result<String, String> {
    let written = log
        .lines()
        .find_map(|l| l.split("Test unit written to ").nth(1))
        .map(str::trim)
        .ok_or_else(|| format!("cargo fuzz run {target} failed without a crash input"))?;
    let from = ws.root.join("fuzz").join(written);
    let name = Path::new(written)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "crash".into());
    let to = ws.root.join("fuzz/regressions").join(target).join(&name);
    std::fs::copy(&from, &to).map_err(|e| format!("keeping {}: {e}", from.display()))?;
    Ok(to
        .strip_prefix(&ws.root)
        .unwrap_or(&to)
        .display()
        .to_string())
}
