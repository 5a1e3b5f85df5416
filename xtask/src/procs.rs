//! Processes: run-to-completion commands, and background servers that are killed when their
//! guard drops (so a failing tier or Ctrl-C never leaves a server behind).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Runs a command with inherited output; an error names it on failure.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    finished(&shown, status)
}

/// `Ok` for a successful exit, else an error naming the command.
fn finished(shown: &str, status: std::process::ExitStatus) -> Result<(), String> {
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Runs a command like [`run`], but stops it (and every process it started) when it is still
/// running after `limit`: a hung test must fail the run, not keep CI waiting for hours.
pub fn run_within(cmd: &mut Command, limit: Duration) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    let shown = cmd.get_program().to_string_lossy().into_owned();
    // Its own process group, so the whole tree can be stopped at once.
    let mut child = cmd
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return finished(&shown, status);
        }
        if std::time::Instant::now() >= deadline {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = child.wait();
            return Err(format!(
                "{shown} was still running after {} s and was stopped (a hung test?)",
                limit.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Runs a command and returns its trimmed stdout, or None when it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// A background process, killed on drop.
#[derive(Debug)]
pub struct Background {
    name: String,
    child: Child,
}

impl Background {
    /// Starts `cmd` in the background.
    pub fn spawn(name: &str, cmd: &mut Command) -> Result<Self, String> {
        let child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {name}: {e}"))?;
        Ok(Background {
            name: name.to_string(),
            child,
        })
    }

    /// Whether it already exited (with its status).
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
            eprintln!("xtask: stopped {}", self.name);
        }
    }
}

/// A running kibana-sim and the URLs it printed.
#[derive(Debug)]
pub struct Sim {
    /// Held only so the process is killed when the `Sim` drops.
    _process: Background,
    /// The Kibana API base URL.
    pub url: String,
    /// The Elasticsearch-style URL, when started with `--es-port`.
    pub es_url: Option<String>,
}

impl Sim {
    /// The process id (for memory figures).
    pub fn pid(&self) -> u32 {
        self._process.child.id()
    }
}

/// Starts the sim binary with `args` and waits for the line with its URL.
pub fn start_sim(bin: &Path, args: &[&str]) -> Result<Sim, String> {
    let mut cmd = Command::new(bin);
    cmd.args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .stdin(Stdio::null());
    let mut process = Background::spawn("kibana-sim", &mut cmd)?;
    let stdout = process
        .child
        .stdout
        .take()
        .ok_or("kibana-sim has no stdout")?;
    let wants_es = args.contains(&"--es-port");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let (mut url, mut es_url) = (None, None);
    while url.is_none() || (wants_es && es_url.is_none()) {
        let line = rx.recv_timeout(Duration::from_secs(30)).map_err(|_| {
            format!("kibana-sim {args:?} did not report its address (see its log above)")
        })?;
        if let Some(u) = line.strip_prefix("kibana-sim listening on ") {
            url = Some(u.to_string());
        } else if let Some(u) = line.strip_prefix("kibana-sim elasticsearch on ") {
            es_url = Some(u.to_string());
        }
    }
    Ok(Sim {
        _process: process,
        url: url.unwrap_or_default(),
        es_url,
    })
}

/// Waits until something accepts TCP connections on 127.0.0.1:`port`.
pub fn wait_for_port(port: u16, timeout: Duration, guard: &mut Background) -> Result<(), String> {
    let deadline = std::time::Instant::now() + timeout;
    while std::time::Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        if let Some(status) = guard.exited() {
            return Err(format!(
                "the server exited before listening on port {port} ({status})"
            ));
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    Err(format!(
        "nothing listened on port {port} within {timeout:?}"
    ))
}
