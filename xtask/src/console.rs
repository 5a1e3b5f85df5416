//! `cargo xtask console`: Kibana deployments (two sims with demo data, `staging` and
//! `production`, or real ones from `--kibana NAME=URL`) behind Trunk's dev proxy, and the
//! console served on 127.0.0.1. Ctrl-C stops everything it started.
//!
//! Each deployment is proxied at `/kibana-<name>/`; the first also at `/kibana/`, the
//! console's default Kibana URL. The proxies are written to a Trunk config of their own
//! (`target/console/Trunk.toml`), since Trunk's command line takes one proxy only.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::bundle::{BundleToolchain, ConsoleBuild};
use crate::procs::{Background, Sim, start_sim, wait_for_port};
use crate::setup::Workspace;

/// One Kibana the console reaches through the proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    /// The deployment's name (its proxy prefix is `/kibana-<name>/`).
    pub name: String,
    /// Kibana's URL, without a trailing slash.
    pub url: String,
}

impl Backend {
    /// Parses `NAME=URL`, or a bare `URL` (named `kibana`).
    pub fn parse(text: &str) -> Result<Backend, String> {
        let (name, url) = match text.split_once('=') {
            Some((name, url)) if !name.contains("://") => (name.to_string(), url),
            _ => ("kibana".to_string(), text),
        };
        let valid = !name.is_empty()
            && name.len() <= 40
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            return Err(format!(
                "--kibana {text}: the name {name:?} must be 1 to 40 of a-z, 0-9 and -"
            ));
        }
        let url = url.trim_end_matches('/');
        if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() < 10 {
            return Err(format!(
                "--kibana {text}: {url:?} is not an http(s) URL (e.g. staging=https://staging.example:5601)"
            ));
        }
        Ok(Backend {
            name,
            url: url.to_string(),
        })
    }

    /// Where the console reaches it.
    pub fn prefix(&self) -> String {
        format!("/kibana-{}", self.name)
    }
}

/// The console's Trunk config: the repository's, with one proxy per backend (absolute paths,
/// since Trunk reads relative ones from the config's directory).
fn trunk_config(root: &Path, backends: &[Backend]) -> Result<String, String> {
    let base =
        std::fs::read_to_string(root.join("Trunk.toml")).map_err(|e| format!("Trunk.toml: {e}"))?;
    let root_text = root.to_string_lossy();
    let mut out = base
        .replace(
            "target = \"index.html\"",
            &format!("target = \"{root_text}/index.html\""),
        )
        .replace("dist = \"dist\"", &format!("dist = \"{root_text}/dist\""));
    let mut proxy = |rewrite: &str, url: &str| {
        out.push_str(&format!(
            "\n[[proxy]]\nrewrite = \"{rewrite}/\"\nbackend = \"{url}/\"\n"
        ));
    };
    if let Some(first) = backends.first() {
        proxy("/kibana", &first.url);
    }
    for b in backends {
        proxy(&b.prefix(), &b.url);
    }
    Ok(out)
}

/// Runs the console until Ctrl-C.
pub fn run(kibana: Vec<String>, port: u16, sim_port: u16, es_port: u16) -> Result<(), String> {
    let mut backends = kibana
        .iter()
        .map(|k| Backend::parse(k))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, b) in backends.iter().enumerate() {
        if backends[..i].iter().any(|o| o.name == b.name) {
            return Err(format!("--kibana: the name {} is given twice", b.name));
        }
    }
    let ws = Workspace::new();
    ws.ensure_rust()?;
    ws.ensure_trunk()?;
    ws.ensure_npm()?;

    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;

    let mut sims: Vec<(String, Sim)> = Vec::new();
    if backends.is_empty() {
        let bin = ws.build_sim()?;
        for (i, name) in ["staging", "production"].into_iter().enumerate() {
            let offset = u16::try_from(i).unwrap_or(0);
            let (api, es) = (sim_port + offset, es_port + offset);
            let data = ws.root.join(format!("target/console-sim-data/{name}"));
            let data = data.to_string_lossy().into_owned();
            let (api_arg, es_arg) = (api.to_string(), es.to_string());
            let s = start_sim(
                &bin,
                &[
                    "--port", &api_arg, "--seed", "--data-dir", &data, "--es-port", &es_arg,
                ],
            )
            .map_err(|e| {
                format!("{e}\nIs port {api} or {es} taken? Choose others with --sim-port and --es-port (production takes the next ones).")
            })?;
            backends.push(Backend {
                name: name.to_string(),
                url: s.url.trim_end_matches('/').to_string(),
            });
            sims.push((name.to_string(), s));
        }
    }

    let config = ws.target_dir().join("console/Trunk.toml");
    let text = trunk_config(&ws.root, &backends)?;
    std::fs::create_dir_all(config.parent().unwrap_or(&ws.root))
        .and_then(|()| std::fs::write(&config, text))
        .map_err(|e| format!("{}: {e}", config.display()))?;

    let toolchain = BundleToolchain::choose(&ws, ConsoleBuild::Whole);
    ws.step("trunk serve --release");
    let port_arg = port.to_string();
    let config_arg = config.to_string_lossy().into_owned();
    let mut trunk = toolchain.trunk(
        &ws,
        &[
            "--config",
            &config_arg,
            "serve",
            "--release",
            "--offline",
            "--address",
            "127.0.0.1",
            "--port",
            &port_arg,
        ],
    );
    let mut server = Background::spawn("trunk serve", &mut trunk)?;
    wait_for_port(port, Duration::from_secs(900), &mut server)?;

    println!("\n  Kibana connectors console: http://127.0.0.1:{port}/");
    for (i, b) in backends.iter().enumerate() {
        let also = if i == 0 { " (and /kibana)" } else { "" };
        let what = match sims.iter().find(|(n, _)| *n == b.name) {
            Some((_, s)) => format!(
                "kibana-sim with demo data at {}{}",
                s.url,
                s.es_url
                    .as_ref()
                    .map(|es| format!(", documents at {es}/<index>/_search"))
                    .unwrap_or_default()
            ),
            None => b.url.clone(),
        };
        println!(
            "  Deployment {}: {what}, proxied at {}{also}",
            b.name,
            b.prefix()
        );
    }
    if !sims.is_empty() {
        println!(
            "  Connect with URL /kibana-staging (then add /kibana-production), user elastic, password changeme."
        );
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
    drop(sims);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backends_are_named_or_default_to_kibana() {
        assert_eq!(
            Backend::parse("staging=http://127.0.0.1:5601/").unwrap(),
            Backend {
                name: "staging".into(),
                url: "http://127.0.0.1:5601".into()
            }
        );
        let bare = Backend::parse("https://kb.example:9243").unwrap();
        assert_eq!(
            (bare.name.as_str(), bare.prefix()),
            ("kibana", "/kibana-kibana".into())
        );
        // A URL whose query has an = is still a bare URL.
        assert_eq!(
            Backend::parse("https://kb.example/?a=b").unwrap().name,
            "kibana"
        );
        for bad in [
            "Prod=http://x.example",
            "=http://x.example",
            "a b=http://x.example",
            "prod=ftp://x",
            "prod=/kibana",
        ] {
            assert!(Backend::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn each_backend_gets_a_proxy_and_the_first_also_kibana() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf();
        let config = trunk_config(
            &root,
            &[
                Backend::parse("staging=http://127.0.0.1:5601").unwrap(),
                Backend::parse("production=http://127.0.0.1:5602").unwrap(),
            ],
        )
        .unwrap();
        let value = |block: &str, key: &str| -> String {
            let line = block
                .lines()
                .find(|l| l.starts_with(&format!("{key} = ")))
                .unwrap_or_else(|| panic!("{key} in {block}"));
            line.split('"').nth(1).unwrap().to_string()
        };
        let proxies: Vec<(String, String)> = config
            .split("[[proxy]]")
            .skip(1)
            .map(|block| (value(block, "rewrite"), value(block, "backend")))
            .collect();
        assert_eq!(
            proxies,
            [
                ("/kibana/", "http://127.0.0.1:5601/"),
                ("/kibana-staging/", "http://127.0.0.1:5601/"),
                ("/kibana-production/", "http://127.0.0.1:5602/"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        let build = config.split("[build]").nth(1).unwrap();
        let target = value(build, "target");
        assert!(Path::new(&target).is_absolute() && target.ends_with("index.html"));
    }
}
