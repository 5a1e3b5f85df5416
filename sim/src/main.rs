//! The `kibana-sim` command.

use std::path::PathBuf;

use clap::Parser;
use kibana_sim::SimConfig;

/// A local Kibana emulator for the Connectors and Spaces APIs.
#[derive(Debug, Parser)]
#[command(name = "kibana-sim", version, about)]
struct Cli {
    /// Address to listen on (`server.host`).
    #[arg(long)]
    host: Option<String>,
    /// Port to listen on (`server.port`); 0 picks a free one and prints it.
    #[arg(long)]
    port: Option<u16>,
    /// A kibana.yml-style settings file.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Keep data in SQLite under this directory (default: in memory).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Enable the test-only `/__sim/` admin surface.
    #[arg(long)]
    admin: bool,
    /// Load the demo data set.
    #[arg(long)]
    seed: bool,
    /// Enable CORS for these origins (`server.cors.enabled` + `allowOrigin`); `*` for any.
    #[arg(long, value_delimiter = ',')]
    cors_origin: Vec<String>,
    /// Serve the Elasticsearch-style document API on this port (0 = pick one).
    #[arg(long)]
    es_port: Option<u16>,
    /// Behave as this Kibana release (`sim.version`): 8.19, 9.2 or 9.5 (the default); a
    /// version between them behaves as the nearest lower one.
    #[arg(long, value_name = "VERSION")]
    kibana_version: Option<String>,
    /// Extra settings as `key=value` (YAML values), e.g. `--set xpack.actions.allowedHosts=[example.com]`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    settings: Vec<String>,
}

fn build_config(cli: Cli) -> Result<SimConfig, String> {
    let mut cfg = match &cli.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            SimConfig::from_yaml(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => SimConfig::default(),
    };
    for setting in &cli.settings {
        let (k, v) = setting
            .split_once('=')
            .ok_or_else(|| format!("--set {setting}: expected KEY=VALUE"))?;
        let value: serde_json::Value =
            serde_norway::from_str(v).map_err(|e| format!("--set {k}: {e}"))?;
        cfg.apply(k, value)?;
    }
    if let Some(version) = &cli.kibana_version {
        cfg.set_version(version)?;
    }
    if let Some(host) = cli.host {
        cfg.host = host;
    }
    if let Some(port) = cli.port {
        cfg.port = port;
    }
    if cli.data_dir.is_some() {
        cfg.data_dir = cli.data_dir;
    }
    cfg.admin |= cli.admin;
    cfg.seed |= cli.seed;
    if !cli.cors_origin.is_empty() {
        cfg.cors_enabled = true;
        cfg.cors_allow_origin = cli.cors_origin;
    }
    if cli.es_port.is_some() {
        cfg.es_port = cli.es_port;
    }
    cfg.validate()?;
    Ok(cfg)
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cfg = match build_config(Cli::parse()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("kibana-sim: {e}");
            std::process::exit(2);
        }
    };
    let sim = match kibana_sim::start(cfg).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kibana-sim: {e}");
            std::process::exit(1);
        }
    };
    // Tools that start the sim read these lines to learn the ports.
    println!("kibana-sim listening on {}", sim.url);
    if let Some(es) = &sim.es_url {
        println!("kibana-sim elasticsearch on {es}");
    }
    let _ = tokio::signal::ctrl_c().await;
    sim.stop();
}
