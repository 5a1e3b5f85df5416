//! The project's commands, each installing what is missing before it does its job:
//! `console` (the sim with demo data and the console), `test` (every tier), `bench` (figures
//! and budgets), `soak` (load and fuzzing), `package` (the npm package), `dist` (the console
//! for a static host) and `cold-check` (`.ci/run` as a new machine runs it).

mod bench;
mod bundle;
mod cold_check;
mod console;
mod csp;
mod dist;
mod fuzz;
mod modgraph;
mod package;
mod procs;
mod setup;
mod site;
mod split;
mod tiers;
mod tools;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::tiers::Tier;

#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    about = "Set up, run and test the Kibana connectors workspace"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start two sims with demo data (deployments `staging` and `production`), or use real
    /// Kibanas, and serve the console with each proxied at /kibana-<name>/ (the first also at
    /// /kibana/).
    Console {
        /// A Kibana instead of the sims, as NAME=URL (repeatable) or a bare URL (named
        /// `kibana`); also read from KIBANA_URL.
        #[arg(long, env = "KIBANA_URL", value_name = "NAME=URL")]
        kibana: Vec<String>,
        /// Port of the console.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Port of the staging sim (production's is the next one).
        #[arg(long, default_value_t = 5601)]
        sim_port: u16,
        /// Port of the staging sim's Elasticsearch-style document API (`GET /<index>/_search`;
        /// production's is the next one).
        #[arg(long, default_value_t = 9200)]
        es_port: u16,
    },
    /// Run every benchmark: sizes, console start, client overhead, inventory at scale, bulk
    /// execution, the sim's throughput and memory. Prints each figure with its baseline and
    /// ratio; non-zero when a budget is missed.
    Bench,
    /// Soak the sim (many clients of mixed operations, then check nothing was lost or doubled),
    /// then fuzz the client's response decoding and the sim's request handling.
    Soak {
        /// Concurrent clients.
        #[arg(long, default_value_t = 50)]
        clients: u32,
        /// How long the load runs (0: skip it).
        #[arg(long, default_value_t = 60)]
        seconds: u32,
        /// How long each fuzz target runs (0: skip fuzzing).
        #[arg(long, default_value_t = 60)]
        fuzz_seconds: u32,
    },
    /// Build the npm package (target/npm/kibana-connectors) and its tarball
    /// (target/npm/kibana-connectors-<version>.tgz, as `npm pack` makes it).
    Package,
    /// Build the console for a static host: OUT/public (hashed names, SRI, a strict
    /// Content-Security-Policy), OUT/csp.txt (the policy as a header) and
    /// OUT/nginx-security-headers.conf (for deploy/nginx.conf).
    Dist {
        /// Where to write it.
        #[arg(long, default_value = "target/dist")]
        out: std::path::PathBuf,
        /// A Kibana origin the console may call directly (repeatable), e.g.
        /// https://kibana.example.com:9243. None: only through a same-origin proxy
        /// (deploy/nginx.conf's /kibana/).
        #[arg(long = "kibana-origin", value_name = "URL")]
        kibana_origins: Vec<String>,
    },
    /// Run `.ci/run` as a new machine would: a fresh clone of HEAD in a temporary directory,
    /// an empty CARGO_HOME (no registry cache, no installed tools) first on PATH, the pinned
    /// nightly uninstalled. Prints each step's wall time and the total.
    ColdCheck {
        /// Keep the temporary clone and CARGO_HOME after a successful run.
        #[arg(long)]
        keep: bool,
    },
    /// Install what is missing, then run every tier (or the ones named with --tier).
    Test {
        /// Run only these tiers (repeatable).
        #[arg(long, value_enum)]
        tier: Vec<Tier>,
        /// In the e2e tier, run only these test files of tests/e2e (repeatable), e.g.
        /// `--tier e2e --e2e-file console-a11y.test.mjs`.
        #[arg(long = "e2e-file", value_name = "FILE")]
        e2e_files: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Console {
            kibana,
            port,
            sim_port,
            es_port,
        } => console::run(kibana, port, sim_port, es_port),
        Command::Test { tier, e2e_files } => tiers::run_tiers(&tier, &e2e_files),
        Command::ColdCheck { keep } => cold_check::run_cold(&setup::Workspace::new(), keep),
        Command::Soak {
            clients,
            seconds,
            fuzz_seconds,
        } => {
            let ws = setup::Workspace::new();
            let load = if seconds > 0 {
                bench::soak(&ws, clients, seconds)
            } else {
                Ok(())
            };
            // Fuzz even when the load failed: both results are worth having.
            let fuzzed = if fuzz_seconds > 0 {
                fuzz::run_targets(&ws, fuzz_seconds)
            } else {
                Ok(())
            };
            load.and(fuzzed)
        }
        Command::Bench => {
            let ws = setup::Workspace::new();
            match bench::run_all(&ws) {
                Ok(true) => Ok(()),
                Ok(false) => Err("a budget was missed (FAIL above)".into()),
                Err(e) => Err(e),
            }
        }
        Command::Dist {
            out,
            kibana_origins,
        } => {
            let ws = setup::Workspace::new();
            let out = if out.is_absolute() {
                out
            } else {
                std::env::current_dir().unwrap_or_default().join(out)
            };
            dist::run(&ws, &out, &kibana_origins).map(|_| ())
        }
        Command::Package => {
            let ws = setup::Workspace::new();
            ws.ensure_rust()
                .and_then(|()| ws.ensure_npm())
                .and_then(|()| package::build(&ws).map(|_| ()))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}
