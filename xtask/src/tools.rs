//! The two tools built from crates.io, installed only when the pinned version is missing:
//! wasm-bindgen-cli (every wasm build and the wasm test runner) and Trunk (only the dev server
//! of `cargo xtask console`; the release site is assembled by `site.rs`). `cargo xtask test`
//! builds wasm-bindgen-cli in the background: on a new machine it is minutes of compiling that
//! no lint or native test needs, and those tiers leave a core idle often enough (test runs,
//! single-unit links) to absorb most of it. The other commands need it at once and wait.

use std::fs::File;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

use crate::setup::Workspace;

/// Trunk 0.22 needs rustc 1.96; 0.21.14 builds with this toolchain.
pub const TRUNK_VERSION: &str = "0.21.14";

/// A tool `cargo install`ed at a pinned version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// wasm-bindgen-cli at Cargo.lock's wasm-bindgen version (also gives the test runner).
    WasmBindgen,
    /// Trunk, for the console's dev server.
    Trunk,
}

impl Tool {
    fn crate_name(self) -> &'static str {
        match self {
            Tool::WasmBindgen => "wasm-bindgen-cli",
            Tool::Trunk => "trunk",
        }
    }
}

/// One tool still to install, with the version it must have.
#[derive(Debug, Clone)]
struct Missing {
    tool: Tool,
    version: String,
}

/// The pinned versions of the `wanted` tools that are not installed yet, in that order.
fn missing(ws: &Workspace, wanted: &[Tool]) -> Result<Vec<Missing>, String> {
    let mut pinned = Vec::new();
    for tool in wanted {
        pinned.push(match tool {
            Tool::WasmBindgen => (*tool, "wasm-bindgen", ws.wasm_bindgen_version()?),
            Tool::Trunk => (*tool, "trunk", TRUNK_VERSION.to_string()),
        });
    }
    Ok(pinned
        .into_iter()
        .filter(|(_, program, version)| {
            ws.tool_version(program).as_deref() != Some(&format!("{program} {version}"))
        })
        .map(|(tool, _, version)| Missing { tool, version })
        .collect())
}

/// `cargo install` of one tool. Both only orchestrate or rewrite a wasm file of about a
/// megabyte, so the release profile's fat LTO and single codegen unit (which keep the last
/// crates on one core for minutes) buy nothing; opt-level 1 keeps wasm-bindgen quick.
fn install_command(ws: &Workspace, tool: &Missing, locked: bool) -> Command {
    let spec = format!("{}@{}", tool.tool.crate_name(), tool.version);
    let mut args = vec!["install", "--force", spec.as_str()];
    if locked {
        args.insert(1, "--locked");
    }
    let mut c = ws.cargo(&args);
    c.env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1");
    c
}

/// Installs one tool, writing cargo's output to `log` when given. With `--locked`, the
/// wasm-bindgen-cli install fails on registries missing a pinned transitive version; a fresh
/// resolve of the same CLI version then works.
fn install(
    ws: &Workspace,
    tool: &Missing,
    log: Option<&PathBuf>,
    running: &Mutex<Option<u32>>,
) -> Result<(), String> {
    let attempt = |locked: bool| -> Result<(), String> {
        use std::os::unix::process::CommandExt;
        let mut cmd = install_command(ws, tool, locked);
        if let Some(log) = log {
            let out = File::options()
                .create(true)
                .append(true)
                .open(log)
                .map_err(|e| format!("{}: {e}", log.display()))?;
            let err = out.try_clone().map_err(|e| e.to_string())?;
            cmd.stdout(Stdio::from(out)).stderr(Stdio::from(err));
        }
        let mut child = cmd
            .process_group(0)
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start cargo install: {e}"))?;
        *running.lock().unwrap_or_else(|e| e.into_inner()) = Some(child.id());
        let status = child.wait().map_err(|e| e.to_string());
        *running.lock().unwrap_or_else(|e| e.into_inner()) = None;
        match status? {
            s if s.success() => Ok(()),
            s => Err(format!(
                "cargo install {}@{} failed ({s})",
                tool.tool.crate_name(),
                tool.version
            )),
        }
    };
    match tool.tool {
        Tool::WasmBindgen => attempt(true).or_else(|_| attempt(false)),
        Tool::Trunk => attempt(true),
    }
}

impl Workspace {
    /// The wasm32 target, wasm-bindgen-cli, and every crate the builds need.
    pub fn ensure_rust(&self) -> Result<(), String> {
        self.ensure_wasm_target()?;
        install_missing(self, &[Tool::WasmBindgen])?;
        self.ensure_crates()
    }

    /// Like [`Workspace::ensure_rust`], but wasm-bindgen-cli builds in the background; the
    /// caller waits for it where it is first needed.
    pub fn ensure_rust_tools_later(&self) -> Result<ToolBuilds, String> {
        self.ensure_wasm_target()?;
        // First, so the install does not wait on cargo's package-cache lock.
        self.ensure_crates()?;
        ToolBuilds::start(self, &[Tool::WasmBindgen])
    }

    /// Trunk, for `cargo xtask console`'s dev server.
    pub fn ensure_trunk(&self) -> Result<(), String> {
        install_missing(self, &[Tool::Trunk])
    }
}

/// Installs the missing tools now, in the foreground (for commands that need them at once).
fn install_missing(ws: &Workspace, wanted: &[Tool]) -> Result<(), String> {
    let idle = Mutex::new(None);
    for tool in missing(ws, wanted)? {
        ws.step(&format!(
            "cargo install {}@{} (a few minutes on 2 cores)",
            tool.tool.crate_name(),
            tool.version
        ));
        install(ws, &tool, None, &idle)?;
    }
    Ok(())
}

/// Tools being installed by a background thread; [`ToolBuilds::wait`] blocks until one is
/// ready. Dropping it (a tier failed) stops the install under way, so no cargo keeps
/// compiling after xtask exits.
pub struct ToolBuilds {
    results: Receiver<(Tool, Result<(), String>)>,
    ready: Vec<(Tool, Result<(), String>)>,
    running: Arc<Mutex<Option<u32>>>,
    cancelled: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    log: PathBuf,
}

impl std::fmt::Debug for ToolBuilds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolBuilds")
            .field("ready", &self.ready)
            .field("log", &self.log)
            .finish_non_exhaustive()
    }
}

impl ToolBuilds {
    /// Starts installing the missing `wanted` tools one after the other (cargo's output goes
    /// to `target/xtask/tools-install.log`); a tool already at its pinned version is ready at
    /// once.
    pub fn start(ws: &Workspace, wanted: &[Tool]) -> Result<Self, String> {
        let missing = missing(ws, wanted)?;
        let dir = ws.target_dir().join("xtask");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let log = dir.join("tools-install.log");
        let (tx, results) = mpsc::channel();
        for tool in wanted {
            if !missing.iter().any(|m| m.tool == *tool) {
                let _ = tx.send((*tool, Ok(())));
            }
        }
        let running = Arc::new(Mutex::new(None));
        let cancelled = Arc::new(AtomicBool::new(false));
        let thread = if missing.is_empty() {
            None
        } else {
            let _ = std::fs::remove_file(&log);
            ws.step(&format!(
                "building {} in the background while the first tiers run (log: {})",
                missing
                    .iter()
                    .map(|m| format!("{}@{}", m.tool.crate_name(), m.version))
                    .collect::<Vec<_>>()
                    .join(" and "),
                log.display()
            ));
            let (ws, log, running, cancelled) =
                (ws.clone(), log.clone(), running.clone(), cancelled.clone());
            Some(std::thread::spawn(move || {
                for tool in missing {
                    if cancelled.load(Ordering::SeqCst) {
                        return;
                    }
                    let t0 = Instant::now();
                    let result = install(&ws, &tool, Some(&log), &running);
                    if result.is_ok() {
                        ws.step(&format!(
                            "{}@{} installed in the background in {} s",
                            tool.tool.crate_name(),
                            tool.version,
                            t0.elapsed().as_secs()
                        ));
                    }
                    let _ = tx.send((tool.tool, result));
                }
            }))
        };
        Ok(ToolBuilds {
            results,
            ready: Vec::new(),
            running,
            cancelled,
            thread,
            log,
        })
    }

    /// Blocks until `tool` is installed; its failure comes with the end of cargo's log.
    pub fn wait(&mut self, tool: Tool) -> Result<(), String> {
        while let Ok(done) = self.results.try_recv() {
            self.ready.push(done);
        }
        if !self.ready.iter().any(|(t, _)| *t == tool) {
            println!(
                "xtask: waiting for {} to finish installing",
                tool.crate_name()
            );
        }
        loop {
            if let Some((_, result)) = self.ready.iter().find(|(t, _)| *t == tool) {
                return result.clone().map_err(|e| {
                    let log = std::fs::read_to_string(&self.log).unwrap_or_default();
                    let lines: Vec<&str> = log.lines().collect();
                    let tail = &lines[lines.len().saturating_sub(25)..];
                    format!(
                        "{e}; the end of {}:\n{}",
                        self.log.display(),
                        tail.join("\n")
                    )
                });
            }
            let done = self.results.recv().map_err(|_| {
                format!(
                    "the background install of {} stopped without a result",
                    tool.crate_name()
                )
            })?;
            self.ready.push(done);
        }
    }
}

impl Drop for ToolBuilds {
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::SeqCst);
        let pid = *self.running.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(pid) = pid {
            let _ = Command::new("kill")
                .args(["-TERM", "--", &format!("-{pid}")])
                .status();
            eprintln!("xtask: stopped the background tool install");
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
