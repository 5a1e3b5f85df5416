//! Persistence: the real binary, SQLite under `--data-dir`, killed with SIGKILL mid-stream.
//! Every acknowledged create must be there after a restart; concurrent requests stay consistent.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

struct Running {
    child: Child,
    url: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(data_dir: &std::path::Path) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kibana-sim"))
        .args(["--port", "0", "--data-dir"])
        .arg(data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("kibana-sim listening on ")
        .expect("the sim prints its URL")
        .to_string();
    Running { child, url }
}

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn create(http: &reqwest::Client, url: &str, id: &str) -> bool {
    let resp = http
        .post(format!("{url}/api/actions/connector/{id}"))
        .basic_auth("elastic", Some("changeme"))
        .header("kbn-xsrf", "1")
        .json(&json!({"name": id, "connector_type_id": ".index", "config": {"index": "d"}}))
        .send()
        .await;
    matches!(resp, Ok(r) if r.status() == 200)
}

async fn ids(http: &reqwest::Client, url: &str) -> Vec<String> {
    let all: Value = http
        .get(format!("{url}/api/actions/connectors"))
        .basic_auth("elastic", Some("changeme"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn sigkill_during_writes_loses_no_acknowledged_create() {
    let dir = tempfile::tempdir().unwrap();
    let sim = start(dir.path());
    let http = client();
    let url = sim.url.clone();
    let writer = tokio::spawn(async move {
        let http = client();
        let mut acknowledged = Vec::new();
        for i in 0..2000 {
            let id = format!("c-{i}");
            if create(&http, &url, &id).await {
                acknowledged.push(id);
            } else {
                break;
            }
        }
        acknowledged
    });
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let mut sim = sim;
    sim.child.kill().unwrap(); // SIGKILL: no shutdown code runs
    sim.child.wait().unwrap();
    let acknowledged = writer.await.unwrap();
    assert!(
        acknowledged.len() > 5,
        "writes were happening when the sim died ({} acknowledged)",
        acknowledged.len()
    );

    let restarted = start(dir.path());
    let stored = ids(&http, &restarted.url).await;
    for id in &acknowledged {
        assert!(stored.contains(id), "{id} was acknowledged but lost");
    }
    assert!(
        stored.len() <= acknowledged.len() + 1,
        "at most the in-flight create may also have landed"
    );
    let first = &stored[0];
    let one: Value = http
        .get(format!("{}/api/actions/connector/{first}", restarted.url))
        .basic_auth("elastic", Some("changeme"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["config"]["index"], "d", "rows are whole");
}

#[tokio::test]
async fn concurrent_creates_and_deletes_stay_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let sim = start(dir.path());
    let mut tasks = Vec::new();
    for t in 0..8 {
        let url = sim.url.clone();
        tasks.push(tokio::spawn(async move {
            let http = client();
            for i in 0..25 {
                assert!(create(&http, &url, &format!("t{t}-{i}")).await);
            }
            for i in (0..25).step_by(5) {
                let r = http
                    .delete(format!("{url}/api/actions/connector/t{t}-{i}"))
                    .basic_auth("elastic", Some("changeme"))
                    .header("kbn-xsrf", "1")
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 204);
            }
        }));
    }
    // The same id raced from many clients: exactly one wins.
    let mut racers = Vec::new();
    for _ in 0..8 {
        let url = sim.url.clone();
        racers.push(tokio::spawn(async move {
            create(&client(), &url, "contended").await
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let mut winners = 0;
    for r in racers {
        winners += usize::from(r.await.unwrap());
    }
    assert_eq!(winners, 1);
    assert_eq!(ids(&client(), &sim.url).await.len(), 8 * 20 + 1);
}
