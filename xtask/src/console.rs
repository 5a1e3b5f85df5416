//! `cargo xtask console`: the sim with demo data (or a real Kibana) behind Trunk's dev proxy,
//! and the console served on 127.0.0.1. Ctrl-C stops everything it started.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::bundle::BundleToolchain;
use crate::procs::{Background, start_sim, wait_for_port};
use crate::setup::Workspace;

/// Runs the console until Ctrl-C.
pub fn run(kibana: Option<String>, port: u16, sim_port: u16, es_port: u16) -> Result<(), String> {
    let ws = Workspace::new();
    ws.ensure_rust()?;
    ws.ensure_trunk()?;
    ws.ensure_npm()?;

    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;

    let mut sim = None;
    let backend = match kibana {
        Some(url) => url.trim_end_matches('/').to_string(),
        None => {
            let bin = ws.build_sim()?;
            let data = ws.root.join("target/console-sim-data");
            let data = data.to_string_lossy().into_owned();
            let port_arg = sim_port.to_string();
            let es_arg = es_port.to_string();
            let s = start_sim(
                &bin,
                &[
                    "--port",
                    &port_arg,
                    "--seed",
                    "--data-dir",
                    &data,
                    "--es-port",
                    &es_arg,
                ],
            )
            .map_err(|e| {
                format!("{e}\nIs port {sim_port} or {es_port} taken? Choose others with --sim-port and --es-port.")
            })?;
            let url = s.url.clone();
            sim = Some(s);
            url
        }
    };

    let toolchain = BundleToolchain::choose(&ws);
    ws.step("trunk serve --release");
    let port_arg = port.to_string();
    let proxy_backend = format!("{backend}/");
    let mut trunk = toolchain.trunk(
        &ws,
        &[
            "serve",
            "--release",
            "--offline",
            "--address",
            "127.0.0.1",
            "--port",
            &port_arg,
            "--proxy-backend",
            &proxy_backend,
            "--proxy-rewrite",
            "/kibana/",
        ],
    );
    let mut server = Background::spawn("trunk serve", &mut trunk)?;
    wait_for_port(port, Duration::from_secs(900), &mut server)?;

    println!("\n  Kibana connectors console: http://127.0.0.1:{port}/");
    match &sim {
        Some(s) => {
            println!(
                "  Kibana: kibana-sim at {} with demo data, proxied at /kibana",
                s.url
            );
            println!("  Sign in with URL /kibana, user elastic, password changeme.");
            if let Some(es) = &s.es_url {
                println!("  Documents written by .index connectors: {es}/<index>/_search");
            }
        }
        None => println!("  Kibana: {backend}, proxied at /kibana (sign in with URL /kibana)"),
    }
    println!("  Ctrl-C stops everything.\n");

    while !stop.load(Ordering::SeqCst) {
        if let Some(status) = server.exited() {
            return Err(format!("trunk serve stopped ({status})"));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    println!("\nxtask: stopping");
    drop(server);
    drop(sim);
    Ok(())
}
