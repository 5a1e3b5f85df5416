//! Load generator for `cargo xtask bench`: requests per second and p99 latency of a running
//! kibana-sim for `GET /api/status` (the baseline: auth and routing only), `GET
//! /api/actions/connectors` and `POST .../_execute` of a `.server-log` connector, with N
//! concurrent clients for a fixed time. Prints one line per figure.
//!
//! With the sim's pid (and its admin surface on), also its memory before and after 10,000
//! connectors are added.
//!
//! `cargo run --release -p kibana-sim --example load -- <sim url> [clients] [seconds] [pid]`

use std::time::{Duration, Instant};

use serde_json::json;

const AUTH: &str = "Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="; // elastic:changeme

#[derive(Clone, Copy)]
enum Op {
    Status,
    GetAll,
    Execute,
}

async fn one(http: &reqwest::Client, base: &str, op: Op) -> bool {
    let req = match op {
        Op::Status => http.get(format!("{base}/api/status")),
        Op::GetAll => http.get(format!("{base}/api/actions/connectors")),
        Op::Execute => http
            .post(format!("{base}/api/actions/connector/load-log/_execute"))
            .header("kbn-xsrf", "bench")
            .json(&json!({"params": {"message": "load", "level": "trace"}})),
    };
    match req.header("authorization", AUTH).send().await {
        Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
        Err(_) => false,
    }
}

/// (requests per second, p99 latency, errors)
async fn measure(base: &str, op: Op, clients: usize, seconds: u64) -> (f64, Duration, usize) {
    let http = reqwest::Client::new();
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (http, base) = (http.clone(), base.to_string());
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut errors) = (Vec::new(), 0usize);
            while Instant::now() < until {
                let t = Instant::now();
                if !one(&http, &base, op).await {
                    errors += 1;
                }
                lat.push(t.elapsed());
            }
            (lat, errors)
        }));
    }
    let (mut all, mut errors) = (Vec::new(), 0);
    for t in tasks {
        let (lat, e) = t.await.expect("client task");
        all.extend(lat);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let p99 = all.get(all.len() * 99 / 100).copied().unwrap_or_default();
    (all.len() as f64 / elapsed, p99, errors)
}

/// Resident memory of a process, in KiB (Linux).
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn memory(base: &str, pid: u32) {
    let http = reqwest::Client::new();
    let Some(before) = rss_kib(pid) else {
        println!("sim memory: not measurable here (no /proc/{pid}/status)");
        return;
    };
    let resp = http
        .post(format!("{base}/__sim/bulk"))
        .json(&json!({"count": 10000, "prefix": "mem"}))
        .send()
        .await
        .expect("bulk");
    assert!(
        resp.status().is_success(),
        "bulk: {} (start the sim with --admin)",
        resp.status()
    );
    let list = http
        .get(format!("{base}/api/actions/connectors"))
        .header("authorization", AUTH)
        .send()
        .await
        .expect("list");
    let n = list
        .json::<serde_json::Value>()
        .await
        .map(|v| v.as_array().map_or(0, Vec::len))
        .unwrap_or(0);
    let after = rss_kib(pid).unwrap_or(before);
    println!(
        "sim memory with {n} connectors: {:.1} MiB | baseline before adding them: {:.1} MiB | ratio {:.2}",
        after as f64 / 1024.0,
        before as f64 / 1024.0,
        after as f64 / before as f64
    );
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .expect("usage: load <sim url> [clients] [seconds]")
        .trim_end_matches('/')
        .to_string();
    let clients: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(8);
    let seconds: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(5);
    let pid: Option<u32> = args.get(4).and_then(|a| a.parse().ok());
    let http = reqwest::Client::new();
    let created = http
        .post(format!("{base}/api/actions/connector/load-log"))
        .header("authorization", AUTH)
        .header("kbn-xsrf", "bench")
        .json(&json!({"name": "load", "connector_type_id": ".server-log"}))
        .send()
        .await
        .expect("sim reachable");
    assert!(
        created.status().is_success() || created.status() == 409,
        "create: {}",
        created.status()
    );
    let (base_rps, base_p99, base_err) = measure(&base, Op::Status, clients, seconds).await;
    println!(
        "sim GET /api/status (baseline): {base_rps:.0} req/s, p99 {:.2} ms, {base_err} errors, {clients} clients",
        base_p99.as_secs_f64() * 1e3
    );
    for (name, op) in [
        ("GET /api/actions/connectors", Op::GetAll),
        ("POST _execute .server-log", Op::Execute),
    ] {
        let (rps, p99, err) = measure(&base, op, clients, seconds).await;
        println!(
            "sim {name}: {rps:.0} req/s, p99 {:.2} ms, {err} errors | ratio to baseline {:.2}",
            p99.as_secs_f64() * 1e3,
            rps / base_rps
        );
    }
    if let Some(pid) = pid {
        memory(&base, pid).await;
    }
}
