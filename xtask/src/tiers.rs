//! `cargo xtask test`: every tier, in order, each reporting its wall time.

use std::time::Instant;

use clap::ValueEnum;

use crate::csp::ConnectSources;
use crate::dist;
use crate::package;
use crate::procs::{self, start_sim};
use crate::setup::Workspace;
use crate::tools::{Tool, ToolBuilds};

/// One test tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Tier {
    /// cargo fmt --check and clippy -D warnings (native and wasm32).
    Lint,
    /// Native cargo test of the whole workspace.
    Native,
    /// wasm-bindgen-test of the core crate in headless Chromium against running sims, once per
    /// Kibana line the sim profiles (9.5, 9.2, 8.19).
    Wasm,
    /// Node/Playwright: the release-built console, the JS package in Chromium, the JS examples,
    /// and the TypeScript declarations.
    E2e,
}

/// Runs the given tiers (all when empty); fails on the first failing tier. `e2e_files`, when
/// not empty, narrows the e2e tier to those files.
pub fn run_tiers(only: &[Tier], e2e_files: &[String]) -> Result<(), String> {
    let ws = Workspace::new();
    let wanted = |t: Tier| only.is_empty() || only.contains(&t);
    let browser = wanted(Tier::Wasm) || wanted(Tier::E2e);
    ws.step("set-up: checking tools");
    let mut tools = ws.ensure_rust_tools_later()?;
    if browser {
        ws.ensure_browser()?;
    }
    if wanted(Tier::Native) {
        ws.ensure_python()?;
    }
    if wanted(Tier::E2e) {
        ws.ensure_npm()?;
        ws.ensure_nginx()?;
    }
    let mut timings = Vec::new();
    for tier in [Tier::Lint, Tier::Native, Tier::Wasm, Tier::E2e] {
        if !wanted(tier) {
            continue;
        }
        let t0 = Instant::now();
        let result = match tier {
            Tier::Lint => lint(&ws),
            Tier::Native => native(&ws, &mut tools),
            Tier::Wasm => wasm(&ws, &mut tools),
            Tier::E2e => e2e(&ws, &mut tools, e2e_files),
        };
        result.map_err(|e| format!("tier {tier:?} failed: {e}"))?;
        timings.push((tier, t0.elapsed()));
    }
    println!();
    for (tier, took) in &timings {
        println!("xtask: tier {tier:?} passed in {:.1}s", took.as_secs_f64());
    }
    Ok(())
}

fn lint(ws: &Workspace) -> Result<(), String> {
    ws.step("module graphs of core, web, sim and xtask: no import cycles");
    crate::modgraph::check(&ws.root)?;
    ws.step("cargo fmt --check");
    procs::run(&mut ws.cargo(&["fmt", "--all", "--", "--check"]))?;
    ws.step("cargo clippy (native) -D warnings");
    procs::run(&mut ws.cargo(&[
        "clippy",
        "--locked",
        "--workspace",
        "--all-targets",
        "--features",
        "kibana-connectors/fuzzing",
        "--",
        "-D",
        "warnings",
    ]))?;
    ws.step("cargo clippy (wasm32) -D warnings");
    procs::run(&mut ws.cargo(&[
        "clippy",
        "--locked",
        "-p",
        "kibana-connectors",
        "-p",
        "kibana-console",
        "--all-targets",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    ws.step("cargo doc of kibana-connectors as docs.rs builds it (wasm32, js) -D warnings");
    let mut doc = ws.cargo(&[
        "doc",
        "--locked",
        "--no-deps",
        "-p",
        "kibana-connectors",
        "--features",
        "js",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    doc.env("RUSTDOCFLAGS", "-D warnings");
    procs::run(&mut doc)?;
    ws.step("cargo clippy (wasm32, core with the js feature) -D warnings");
    procs::run(&mut ws.cargo(&[
        "clippy",
        "--locked",
        "-p",
        "kibana-connectors",
        "--features",
        "js",
        "--all-targets",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))
}

fn native(ws: &Workspace, _: &mut ToolBuilds) -> Result<(), String> {
    ws.step("cargo test --workspace (native)");
    procs::run(&mut ws.cargo(&["test", "--locked", "--workspace"]))?;
    ws.step("cargo publish --dry-run -p kibana-connectors (packaged, then built for wasm32)");
    // --allow-dirty: a working tree with edits packages what is there; CI's clone is clean.
    procs::run(&mut ws.cargo(&[
        "publish",
        "--dry-run",
        "--locked",
        "--allow-dirty",
        "-p",
        "kibana-connectors",
        "--target",
        "wasm32-unknown-unknown",
    ]))
}

/// The open sim's principals: the superuser, a reader (for 403s), and a connector reader
/// with no alerting privileges (for the rules 403).
const READER: &str = r#"sim.principals=[{username: elastic, password: changeme, superuser: true}, {username: reader, password: reader-pw, spaces: {"*": read}}, {username: norules, password: norules-pw, spaces: {"*": read}, rules: {}}]"#;

/// The Kibana lines the wasm tier runs the client against (`sim/README.md`): the default
/// first, then the older ones.
const WASM_PROFILES: [&str; 3] = ["9.5.0", "9.2.0", "8.19.0"];

fn wasm(ws: &Workspace, tools: &mut ToolBuilds) -> Result<(), String> {
    let bin = ws.build_sim_for_tests()?;
    // The test runner is wasm-bindgen-cli's.
    tools.wait(Tool::WasmBindgen)?;
    let closed = start_sim(&bin, &["--port", "0"])?;
    let other = start_sim(
        &bin,
        &["--port", "0", "--cors-origin", "http://elsewhere.example"],
    )?;
    // A second deployment on the oldest line, for work across deployments.
    let second = start_sim(
        &bin,
        &[
            "--port",
            "0",
            "--cors-origin",
            "*",
            "--kibana-version",
            "8.19.0",
        ],
    )?;
    for version in WASM_PROFILES {
        ws.step(&format!(
            "wasm-bindgen-test in headless Chromium against Kibana {version} (sim profile)"
        ));
        // The open sim is the one whose behaviour the tests read; a fresh one per line.
        let open = start_sim(
            &bin,
            &[
                "--port",
                "0",
                "--seed",
                "--admin",
                "--cors-origin",
                "*",
                "--kibana-version",
                version,
                "--set",
                READER,
            ],
        )?;
        let mut cmd = ws.cargo(&[
            "test",
            "--locked",
            "-p",
            "kibana-connectors",
            "--target",
            "wasm32-unknown-unknown",
        ]);
        cmd.env("KIBANA_SIM_URL", &open.url)
            .env("KIBANA_SIM_VERSION", version)
            .env("KIBANA_SIM_NOCORS_URL", &closed.url)
            .env("KIBANA_SIM_OTHER_ORIGIN_URL", &other.url)
            .env("KIBANA_SIM_SECOND_URL", &second.url)
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .env(
                "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                ws.root.join("core/webdriver.json"),
            )
            // The CORS doctor's no-cors probe is blocked under the runner's default COEP, which
            // no console page has; run without it so the tests see what users see.
            .env("WASM_BINDGEN_TEST_NO_ORIGIN_ISOLATION", "1");
        procs::run(&mut cmd).map_err(|e| format!("against Kibana {version}: {e}"))?;
    }
    Ok(())
}

fn e2e(ws: &Workspace, tools: &mut ToolBuilds, files: &[String]) -> Result<(), String> {
    let bin = ws.build_sim_for_tests()?;
    tools.wait(Tool::WasmBindgen)?;
    let npm = package::build(ws)?;
    ws.build_console_bundle(false, &ws.root.join("dist"), &ConnectSources::AnyHttp)?;
    // What `cargo xtask dist` ships for the same-origin proxy, for the nginx test.
    let deploy = dist::from_site(
        &ws.root.join("dist"),
        &ws.target_dir().join("deploy"),
        &ConnectSources::Origins(vec![]),
    )?;
    ws.step("end-to-end: console, JS package, examples, TypeScript (node --test)");
    let artifacts = ws.root.join("target/artifacts");
    let mut cmd = ws.cmd("node");
    cmd.current_dir(ws.root.join("tests/e2e"))
        .arg("--test")
        // Per test; the whole suite is bounded below as well.
        .arg("--test-timeout=180000")
        .env("SIM_BIN", &bin)
        .env("DIST_DIR", ws.root.join("dist"))
        .env("NPM_DIR", &npm)
        .env(
            "DEPLOY_DIR",
            deploy.public.parent().unwrap_or(&deploy.public),
        )
        .env("NGINX", crate::setup::NGINX)
        .env("ARTIFACTS_DIR", &artifacts)
        .args(files);
    procs::run_within(&mut cmd, std::time::Duration::from_secs(20 * 60))?;
    println!("xtask: screenshots in {}", artifacts.display());
    Ok(())
}
