//! Installs what the commands need, only when missing (each check is cheap), from the
//! registries this project may use: rustup's wasm target, crates.io (Trunk,
//! wasm-bindgen-cli), npm (binaryen's wasm-opt, playwright-core) and Debian (Chromium).
//! Nothing is downloaded from GitHub, and Trunk runs offline.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::procs::{output, run};

/// Where Debian's nginx package puts the server.
pub const NGINX: &str = "/usr/sbin/nginx";

/// Paths and environment shared by the commands.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The repository root.
    pub root: PathBuf,
    /// `cargo` as invoked.
    pub cargo: String,
    /// PATH with the project's tool directories first.
    pub path: String,
    started: Instant,
}

impl Workspace {
    /// Finds the root and builds the PATH.
    pub fn new() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let cargo_home = std::env::var("CARGO_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
            });
        let mut dirs = vec![
            root.join("tests/e2e/node_modules/.bin"),
            cargo_home.join("bin"),
        ];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let path = std::env::join_paths(dirs)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        Workspace {
            root,
            cargo,
            path,
            started: Instant::now(),
        }
    }

    /// A command with the workspace's PATH, run from the root.
    pub fn cmd(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.current_dir(&self.root).env("PATH", &self.path);
        c
    }

    /// A cargo command.
    pub fn cargo(&self, args: &[&str]) -> Command {
        let mut c = self.cmd(&self.cargo);
        c.args(args);
        c
    }

    /// Prints a step with the time since start.
    pub fn step(&self, what: &str) {
        println!("=== [{:>4}s] {what}", self.started.elapsed().as_secs());
    }

    /// The first line of `program --version`, when it runs.
    pub fn tool_version(&self, program: &str) -> Option<String> {
        let out = self.cmd(program).arg("--version").output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// The wasm-bindgen version Cargo.lock pins (the CLI must be the same).
    pub fn wasm_bindgen_version(&self) -> Result<String, String> {
        let lock = std::fs::read_to_string(self.root.join("Cargo.lock"))
            .map_err(|e| format!("Cargo.lock: {e}"))?;
        let mut lines = lock.lines();
        while let Some(line) = lines.next() {
            if line == "name = \"wasm-bindgen\""
                && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
        Err("wasm-bindgen is not in Cargo.lock".into())
    }

    /// Adds rustup's wasm32 target when missing.
    pub fn ensure_wasm_target(&self) -> Result<(), String> {
        let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
        if !targets.lines().any(|t| t == "wasm32-unknown-unknown") {
            self.step("rustup target add wasm32-unknown-unknown");
            run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
        }
        Ok(())
    }

    /// npm packages from the lockfile: wasm-opt (binaryen 132), playwright-core, axe-core, and
    /// what the packed-package tests build with (typescript, vite, webpack).
    pub fn ensure_npm(&self) -> Result<(), String> {
        let e2e = self.root.join("tests/e2e");
        let ready = [
            "node_modules/.bin/wasm-opt",
            "node_modules/playwright-core",
            "node_modules/typescript",
            "node_modules/axe-core",
            "node_modules/vite",
            "node_modules/webpack",
        ]
        .iter()
        .all(|p| e2e.join(p).exists());
        if !ready {
            self.step("npm ci (binaryen, playwright-core, axe-core, typescript, vite, webpack)");
            let mut c = self.cmd("npm");
            c.current_dir(&e2e).args(["ci", "--no-audit", "--no-fund"]);
            run(&mut c)?;
        }
        Ok(())
    }

    /// Python packages for test receivers (aiosmtpd: a real SMTP server for `.email`).
    pub fn ensure_python(&self) -> Result<(), String> {
        if output("python3", &["-c", "import aiosmtpd"]).is_some() {
            return Ok(());
        }
        self.step("pip install -r tests/requirements.txt (aiosmtpd)");
        let requirements = self.root.join("tests/requirements.txt");
        let req = requirements.to_string_lossy();
        let pip = |extra: &[&str]| {
            let mut c = self.cmd("python3");
            c.args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                &req,
            ])
            .args(extra);
            run(&mut c)
        };
        // Debian's own Python refuses user installs into the system (PEP 668) unless told.
        pip(&[]).or_else(|_| pip(&["--break-system-packages"]))
    }

    /// Debian's Chromium and ChromeDriver.
    pub fn ensure_browser(&self) -> Result<(), String> {
        let have = |p: &str| Path::new(p).exists();
        if have("/usr/bin/chromium") && have("/usr/bin/chromedriver") {
            return Ok(());
        }
        self.step("apt-get install chromium chromium-driver");
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"))
        .map_err(|e| format!("{e}; Chromium is needed for the browser tiers (run as root or install chromium and chromium-driver)"))
    }

    /// Debian's nginx, for the deployment test (`tests/e2e/deploy-nginx.test.mjs` runs
    /// `deploy/nginx.conf` with it). Only the binary is used: the test starts its own server on
    /// a free port with its own prefix, and stops it.
    pub fn ensure_nginx(&self) -> Result<(), String> {
        if Path::new(NGINX).exists() {
            return Ok(());
        }
        self.step("apt-get install nginx (for the deployment test)");
        run(Command::new("apt-get").args(["update", "-qq"]))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends", "nginx"])
            .env("DEBIAN_FRONTEND", "noninteractive"))
        .map_err(|e| {
            format!("{e}; nginx is needed for the deployment test (run as root or install nginx)")
        })
    }

    /// Every crate the workspace's builds need, for every target (`cargo fetch --locked`):
    /// Trunk builds `--offline`, so a machine with an empty registry must have them first.
    /// A second call is a cache check of about a second.
    pub fn ensure_crates(&self) -> Result<(), String> {
        self.step("cargo fetch --locked (the workspace's crates, every target)");
        run(&mut self.cargo(&["fetch", "--locked"]))
    }

    /// Cargo's target directory.
    pub fn target_dir(&self) -> PathBuf {
        std::env::var("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| self.root.join("target"))
    }

    /// Builds the sim the way the native tier's `cargo test --workspace` does (the same
    /// unified features, so after that tier it is already built; `cargo build -p kibana-sim`
    /// resolves fewer features and rebuilt the sim and its dependencies, two minutes on a new
    /// machine) and returns its binary.
    pub fn build_sim_for_tests(&self) -> Result<PathBuf, String> {
        self.step(
            "cargo test --workspace --no-run (the sim's binary, as the native tier built it)",
        );
        run(&mut self.cargo(&["test", "--locked", "--workspace", "--no-run"]))?;
        Ok(self.target_dir().join("debug/kibana-sim"))
    }

    /// Builds the sim and returns its binary.
    pub fn build_sim(&self) -> Result<PathBuf, String> {
        self.step("cargo build -p kibana-sim");
        run(&mut self.cargo(&["build", "--locked", "-p", "kibana-sim"]))?;
        Ok(self.target_dir().join("debug/kibana-sim"))
    }
}
