//! Mixed-operation soak of a running kibana-sim for `cargo xtask soak`: N clients for S seconds,
//! each creating, reading, updating, running, listing and deleting its own connectors. At the
//! end every acknowledged create that was not deleted must be listed exactly once, and nothing
//! else of the run may be left. Prints requests/s, p99 latency and the error count; exits
//! non-zero on any error the load did not cause or any lost or duplicated connector.
//!
//! `cargo run --release -p kibana-sim --example soak -- <sim url> [clients] [seconds]`

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const AUTH: &str = "Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="; // elastic:changeme

#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    errors: Vec<String>,
    alive: BTreeSet<String>,
}

async fn call(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    body: Option<Value>,
    tally: &mut Tally,
    expect: u16,
) -> Option<Value> {
    let mut req = http
        .request(method.clone(), &url)
        .header("authorization", AUTH)
        .header("kbn-xsrf", "soak");
    if let Some(b) = body {
        req = req.json(&b);
    }
    let t = Instant::now();
    let result = req.send().await;
    tally.latencies.push(t.elapsed());
    match result {
        Ok(resp) if resp.status().as_u16() == expect => {
            let text = resp.text().await.unwrap_or_default();
            Some(serde_json::from_str(&text).unwrap_or(Value::Null))
        }
        Ok(resp) => {
            let status = resp.status();
            let text = resp.text().await.unwrap_or_default();
            tally
                .errors
                .push(format!("{method} {url}: {status} {text}"));
            None
        }
        Err(e) => {
            tally.errors.push(format!("{method} {url}: {e}"));
            None
        }
    }
}

async fn client(base: String, n: usize, until: Instant) -> Tally {
    let http = reqwest::Client::new();
    let mut tally = Tally::default();
    let mut i = 0u64;
    while Instant::now() < until {
        i += 1;
        let id = format!("soak-{n}-{i}");
        let url = format!("{base}/api/actions/connector/{id}");
        let created = call(
            &http,
            reqwest::Method::POST,
            url.clone(),
            Some(json!({"name": format!("soak {n} {i}"), "connector_type_id": ".server-log"})),
            &mut tally,
            200,
        )
        .await;
        if created.is_none() {
            continue;
        }
        tally.alive.insert(id.clone());
        call(
            &http,
            reqwest::Method::GET,
            url.clone(),
            None,
            &mut tally,
            200,
        )
        .await;
        call(
            &http,
            reqwest::Method::PUT,
            url.clone(),
            Some(json!({"name": format!("soak {n} {i} v2")})),
            &mut tally,
            200,
        )
        .await;
        if let Some(run) = call(
            &http,
            reqwest::Method::POST,
            format!("{url}/_execute"),
            Some(json!({"params": {"message": "soak", "level": "trace"}})),
            &mut tally,
            200,
        )
        .await
            && run["status"] != "ok"
        {
            tally.errors.push(format!("run of {id}: {run}"));
        }
        if i.is_multiple_of(10) {
            call(
                &http,
                reqwest::Method::GET,
                format!("{base}/api/actions/connectors"),
                None,
                &mut tally,
                200,
            )
            .await;
        }
        // Keep every third connector, delete the rest.
        if !i.is_multiple_of(3)
            && call(&http, reqwest::Method::DELETE, url, None, &mut tally, 204)
                .await
                .is_some()
        {
            tally.alive.remove(&id);
        }
    }
    tally
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .expect("usage: soak <sim url> [clients] [seconds]")
        .trim_end_matches('/')
        .to_string();
    let clients: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(50);
    let seconds: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(60);
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|n| tokio::spawn(client(base.clone(), n, until)))
        .collect();
    let mut all = Tally::default();
    for t in tasks {
        let tally = t.await.expect("client");
        all.latencies.extend(tally.latencies);
        all.errors.extend(tally.errors);
        all.alive.extend(tally.alive);
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.latencies.sort();
    let p99 = all
        .latencies
        .get(all.latencies.len() * 99 / 100)
        .copied()
        .unwrap_or_default();
    println!(
        "soak: {clients} clients, {seconds} s, {} requests, {:.0} req/s, p99 {:.2} ms, {} errors",
        all.latencies.len(),
        all.latencies.len() as f64 / elapsed,
        p99.as_secs_f64() * 1e3,
        all.errors.len()
    );
    for e in all.errors.iter().take(10) {
        println!("  error: {e}");
    }
    let listed: Vec<Value> = reqwest::Client::new()
        .get(format!("{base}/api/actions/connectors"))
        .header("authorization", AUTH)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("list json");
    let mut seen: HashMap<String, usize> = HashMap::new();
    for c in &listed {
        if let Some(id) = c["id"].as_str().filter(|id| id.starts_with("soak-")) {
            *seen.entry(id.to_string()).or_default() += 1;
        }
    }
    let lost: Vec<&String> = all
        .alive
        .iter()
        .filter(|id| !seen.contains_key(*id))
        .collect();
    let extra: Vec<&String> = seen.keys().filter(|id| !all.alive.contains(*id)).collect();
    let doubled = seen.values().filter(|n| **n > 1).count();
    println!(
        "soak integrity: {} kept connectors expected, {} listed, {} lost, {} unexpected, {} duplicated",
        all.alive.len(),
        seen.len(),
        lost.len(),
        extra.len(),
        doubled
    );
    if !all.errors.is_empty() || !lost.is_empty() || !extra.is_empty() || doubled > 0 {
        std::process::exit(1);
    }
}
