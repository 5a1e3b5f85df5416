//! `cargo xtask cold-check`: `.ci/run` as a new machine runs it. A fresh clone of the committed
//! tree in a temporary directory, a fresh `CARGO_HOME` (empty registry, no installed tools:
//! only rustup's proxies, as a new rustup install has), the pinned nightly uninstalled, and
//! CI's environment. A green CI can hide a missing install step, because CI runs on a machine
//! with this project's caches; this cannot.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::bundle::NIGHTLY;
use crate::procs::{output, run};
use crate::setup::Workspace;

/// The tools rustup installs as proxies of itself into `$CARGO_HOME/bin`.
const RUSTUP_PROXIES: &[&str] = &[
    "cargo",
    "cargo-clippy",
    "cargo-fmt",
    "clippy-driver",
    "rustc",
    "rustdoc",
    "rustfmt",
    "rustup",
];

/// Runs the cold path; Err carries `.ci/run`'s failure. With `keep`, the temporary directory
/// stays (it is always kept when the run fails, for a look at what went wrong).
pub fn run_cold(ws: &Workspace, keep: bool) -> Result<(), String> {
    let t0 = Instant::now();
    if output(
        "git",
        &["-C", &ws.root.to_string_lossy(), "status", "--porcelain"],
    )
    .is_some_and(|s| s.lines().any(|l| !l.starts_with("??")))
    {
        println!("xtask: note: uncommitted changes are not part of the check (it clones HEAD)");
    }
    let dir = PathBuf::from(
        output("mktemp", &["-d", "-t", "kc-cold-check.XXXXXX"]).ok_or("mktemp -d failed")?,
    );
    let repo = dir.join("repo");
    let cargo_home = dir.join("cargo-home");
    let mut timings = Timings::new();

    ws.step(&format!("cold-check in {}", dir.display()));
    run(Command::new("git")
        .args(["clone", "--quiet", "--no-local"])
        .arg(&ws.root)
        .arg(&repo))?;
    timings.lap("git clone");
    let path = fresh_cargo_home(&cargo_home)?;
    if output("rustup", &["toolchain", "list"]).is_some_and(|l| l.contains(NIGHTLY)) {
        ws.step(&format!("rustup toolchain uninstall {NIGHTLY}"));
        run(Command::new("rustup").args(["toolchain", "uninstall", NIGHTLY]))?;
    }
    timings.lap("fresh CARGO_HOME, nightly uninstalled");

    ws.step("bash .ci/run (CI=true, no stdin, fresh CARGO_HOME)");
    let mut ci = Command::new("bash");
    ci.arg(".ci/run")
        .current_dir(&repo)
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    // What `cargo xtask` runs under (cargo's and rustup's variables for their children) would
    // leak the warm toolchain and target into the run; the machine's own settings, such as
    // RUSTUP_AUTO_INSTALL, stay as CI has them.
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy();
        if k.starts_with("CARGO")
            || k.starts_with("RUSTC")
            || k.starts_with("RUSTDOC")
            || k == "RUSTUP_TOOLCHAIN"
            || k == "RUST_RECURSION_COUNT"
        {
            ci.env_remove(&key);
        }
    }
    ci.env("CARGO_HOME", &cargo_home)
        .env("PATH", &path)
        .env("CI", "true");
    if let Some(home) = output("rustup", &["show", "home"]) {
        ci.env("RUSTUP_HOME", home);
    }
    let status = timings.follow(&mut ci)?;
    let total = t0.elapsed();

    println!("\nxtask: cold-check wall times");
    timings.print();
    println!("  {:<72} {:>8}", "total", secs(total));
    if status.success() && !keep {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        println!(
            "xtask: the clone and its CARGO_HOME are kept in {}",
            dir.display()
        );
    }
    if status.success() {
        println!("xtask: cold-check passed in {}", secs(total));
        Ok(())
    } else {
        Err(format!(".ci/run failed on the cold path ({status})"))
    }
}

/// Makes `$CARGO_HOME/bin` with only rustup's proxies and returns a PATH that starts with it
/// and leaves out the machine's own cargo bin directory (where installed tools live).
fn fresh_cargo_home(cargo_home: &Path) -> Result<String, String> {
    let bin = cargo_home.join("bin");
    std::fs::create_dir_all(&bin).map_err(|e| format!("{}: {e}", bin.display()))?;
    let rustup = output("which", &["rustup"]).ok_or("rustup is not on PATH")?;
    let rustup = std::fs::canonicalize(&rustup).map_err(|e| format!("{rustup}: {e}"))?;
    for proxy in RUSTUP_PROXIES {
        std::os::unix::fs::symlink(&rustup, bin.join(proxy)).map_err(|e| e.to_string())?;
    }
    let machine_cargo_bin = rustup.parent().map(Path::to_path_buf);
    let mut dirs = vec![bin];
    dirs.extend(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).filter(|d| {
            std::fs::canonicalize(d).ok() != machine_cargo_bin
                && !d.to_string_lossy().contains("node_modules")
        }),
    );
    std::env::join_paths(dirs)
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| e.to_string())
}

/// Wall time per step: the gaps between the `=== [..] step` lines the xtask prints.
struct Timings {
    laps: Vec<(String, Duration)>,
    since: Instant,
}

impl Timings {
    fn new() -> Self {
        Timings {
            laps: Vec::new(),
            since: Instant::now(),
        }
    }

    fn lap(&mut self, what: &str) {
        self.laps.push((what.to_string(), self.since.elapsed()));
        self.since = Instant::now();
    }

    /// Runs `cmd`, echoing its stdout and closing a lap at each step line.
    fn follow(&mut self, cmd: &mut Command) -> Result<std::process::ExitStatus, String> {
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start .ci/run: {e}"))?;
        let mut current = "building the xtask (before its first step)".to_string();
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                println!("{line}");
                if let Some(step) = line.strip_prefix("=== [").and_then(|l| l.split_once("] ")) {
                    self.lap(&current);
                    current = step.1.to_string();
                }
            }
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        self.lap(&current);
        Ok(status)
    }

    fn print(&self) {
        for (what, took) in &self.laps {
            let shown: String = what.chars().take(72).collect();
            println!("  {shown:<72} {:>8}", secs(*took));
        }
    }
}

fn secs(d: Duration) -> String {
    format!("{:.0} s", d.as_secs_f64())
}
