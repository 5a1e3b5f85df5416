//! `cargo xtask bench`: every figure with its baseline and ratio, and the budgets checked.
//! Performance is measured here, never asserted in tests.

use std::path::Path;
use std::process::Command;

use crate::csp::ConnectSources;
use crate::package;
use crate::procs::{run, start_sim};
use crate::setup::Workspace;

/// The whole console's budget (gzip, every file of the site: the main wasm, every chunk, JS,
/// CSS, HTML). The first download's (200 KB) is checked in the browser, by `bench.mjs`.
const CONSOLE_BUDGET: u64 = 350 * 1024;
/// JS package wasm budget (gzip).
const PACKAGE_BUDGET: u64 = 150 * 1024;

fn gzip_size(file: &Path) -> Result<u64, String> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(file)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

/// Prints per-file sizes and checks the two size budgets; false when one is over.
fn sizes(ws: &Workspace, npm: &Path) -> Result<bool, String> {
    let mut total = 0;
    let mut files: Vec<_> = std::fs::read_dir(ws.root.join("dist"))
        .map_err(|e| format!("dist: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    // The shared chunks (`chunk_<n>`, code two pages use) are many and small: one line.
    let (mut shared, mut shared_raw, mut shared_count) = (0, 0, 0);
    for f in &files {
        let raw = f.metadata().map(|m| m.len()).unwrap_or(0);
        let gz = gzip_size(f)?;
        total += gz;
        let name = f.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with("chunk_") {
            (shared, shared_raw, shared_count) = (shared + gz, shared_raw + raw, shared_count + 1);
            continue;
        }
        println!("bench size {name}: {} raw, {} gzip", kb(raw), kb(gz));
    }
    println!(
        "bench size {shared_count} shared chunks (chunk_*.wasm): {} raw, {} gzip",
        kb(shared_raw),
        kb(shared)
    );
    let console_ok = total <= CONSOLE_BUDGET;
    println!(
        "bench whole console (gzip, every file): {} | baseline budget: {} | ratio {:.2} | {}",
        kb(total),
        kb(CONSOLE_BUDGET),
        total as f64 / CONSOLE_BUDGET as f64,
        verdict(console_ok)
    );
    let wasm = package::package_dir(npm).join("kibana_connectors_bg.wasm");
    let (raw, gz) = (
        wasm.metadata().map(|m| m.len()).unwrap_or(0),
        gzip_size(&wasm)?,
    );
    let package_ok = gz <= PACKAGE_BUDGET;
    println!(
        "bench JS package wasm: {} raw, {} gzip | baseline budget: {} | ratio {:.2} | {}",
        kb(raw),
        kb(gz),
        kb(PACKAGE_BUDGET),
        gz as f64 / PACKAGE_BUDGET as f64,
        verdict(package_ok)
    );
    Ok(console_ok && package_ok)
}

/// Runs a benchmark that prints its own figures: shows them, and says whether every budget
/// among them held (no `FAIL`); Err when it could not run or failed.
fn figures(mut cmd: Command, what: &str) -> Result<bool, String> {
    let out = cmd.output().map_err(|e| format!("{what}: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    if !out.status.success() {
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
        return Err(format!("{what} failed"));
    }
    Ok(!text.contains("FAIL"))
}

/// Runs every benchmark; Err when one cannot run, Ok(false) when a budget is missed.
pub fn run_all(ws: &Workspace) -> Result<bool, String> {
    ws.step("set-up: checking tools");
    ws.ensure_rust()?;
    ws.ensure_browser()?;
    ws.ensure_npm()?;
    ws.step("release builds: kibana-sim, the console (trunk), the JS package");
    run(&mut ws.cargo(&[
        "build",
        "--locked",
        "--release",
        "-p",
        "kibana-sim",
        "--example",
        "load",
        "--bin",
        "kibana-sim",
    ]))?;
    let sim_bin = ws.target_dir().join("release/kibana-sim");
    ws.step("plan of 10,000 connectors against 50 spaces (native, release)");
    let plan_ok = figures(
        ws.cargo(&[
            "run",
            "--locked",
            "--release",
            "-p",
            "kibana-connectors",
            "--example",
            "plan_scale",
        ]),
        "the plan benchmark",
    )?;
    let npm = package::build(ws)?;
    ws.build_console_bundle(true, &ws.root.join("dist"), &ConnectSources::AnyHttp)?;

    ws.step("sizes");
    let sizes_ok = sizes(ws, &npm)?;

    ws.step("browser: first download, console start, client overhead, bulk execute, apply, inventory at scale");
    let mut node = ws.cmd("node");
    node.current_dir(ws.root.join("tests/e2e"))
        .arg("bench.mjs")
        .env("SIM_BIN", &sim_bin)
        .env("DIST_DIR", ws.root.join("dist"))
        .env("NPM_DIR", &npm);
    let browser_ok = figures(node, "node bench.mjs")?;

    ws.step("kibana-sim: load (8 clients, 5 s per operation) and memory at 10,000 connectors");
    let sim = start_sim(&sim_bin, &["--port", "0", "--admin"])?;
    let load = ws.target_dir().join("release/examples/load");
    run(Command::new(load)
        .arg(&sim.url)
        .args(["8", "5"])
        .arg(sim.pid().to_string()))?;
    Ok(sizes_ok && browser_ok && plan_ok)
}

/// `cargo xtask soak`: `clients` clients of mixed operations for `seconds` against a release
/// sim keeping its data on disk; fails on any error or lost or duplicated connector.
pub fn soak(ws: &Workspace, clients: u32, seconds: u32) -> Result<(), String> {
    ws.step("set-up: checking tools");
    ws.ensure_rust()?;
    ws.step("release build: kibana-sim and the soak client");
    run(&mut ws.cargo(&[
        "build",
        "--locked",
        "--release",
        "-p",
        "kibana-sim",
        "--example",
        "soak",
        "--bin",
        "kibana-sim",
    ]))?;
    let data = ws.target_dir().join("soak-data");
    let _ = std::fs::remove_dir_all(&data);
    let data_arg = data.to_string_lossy().to_string();
    let sim = start_sim(
        &ws.target_dir().join("release/kibana-sim"),
        &["--port", "0", "--data-dir", &data_arg],
    )?;
    ws.step(&format!(
        "soak: {clients} clients for {seconds} s (SQLite on disk)"
    ));
    run(Command::new(ws.target_dir().join("release/examples/soak"))
        .arg(&sim.url)
        .arg(clients.to_string())
        .arg(seconds.to_string()))
}
