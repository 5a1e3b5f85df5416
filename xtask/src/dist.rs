//! `cargo xtask dist`: the console as a team deploys it. `OUT/public/` is the static site
//! (hashed names, SRI, a strict Content-Security-Policy in a `<meta>`); beside it, the same
//! policy as a header for any host (`csp.txt`) and, for `deploy/nginx.conf`, every security
//! header as an nginx snippet (`nginx-security-headers.conf`).

use std::path::{Path, PathBuf};

use crate::csp::{self, ConnectSources};
use crate::setup::Workspace;

/// What a `dist` run wrote.
#[derive(Debug)]
pub struct Dist {
    /// The static site's directory (`OUT/public`).
    pub public: PathBuf,
    /// The policy as a header value, one line (`OUT/csp.txt`).
    pub csp_header: PathBuf,
    /// The nginx snippet (`OUT/nginx-security-headers.conf`).
    pub nginx_headers: PathBuf,
}

/// Builds the release bundle into `out` for a console that talks to `kibana_origins` (none:
/// through a same-origin proxy only). The origins are checked first, so a typo costs no build.
pub fn run(ws: &Workspace, out: &Path, kibana_origins: &[String]) -> Result<Dist, String> {
    let origins = kibana_origins
        .iter()
        .map(|o| csp::parse_origin(o))
        .collect::<Result<Vec<_>, _>>()?;
    let connect = ConnectSources::Origins(origins);
    ws.ensure_rust()?;
    ws.ensure_npm()?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let out = out
        .canonicalize()
        .map_err(|e| format!("{}: {e}", out.display()))?;
    ws.build_console_bundle(false, &out.join("public"), &connect)?;
    let dist = write_headers(&out, &connect)?;
    println!(
        "\nxtask: the console for a static host in {}\n  \
         header policy: {}\n  \
         nginx headers: {}\n  \
         nginx site:    deploy/nginx.conf (set `root` to the public directory above)\n  \
         policy:        {}",
        dist.public.display(),
        dist.csp_header.display(),
        dist.nginx_headers.display(),
        csp::policy(&connect)
    );
    Ok(dist)
}

/// The header files beside `out/public`.
fn write_headers(out: &Path, connect: &ConnectSources) -> Result<Dist, String> {
    let dist = Dist {
        public: out.join("public"),
        csp_header: out.join("csp.txt"),
        nginx_headers: out.join("nginx-security-headers.conf"),
    };
    write(&dist.csp_header, &format!("{}\n", csp::policy(connect)))?;
    write(&dist.nginx_headers, &csp::nginx_snippet(connect))?;
    Ok(dist)
}

/// A deployment made from an already assembled `site` (the e2e tier's `dist/`, whose policy
/// lets the tests reach sims on any port): the same files in `out/public`, the page's policy
/// replaced by the one for `connect`, and the header files. The assets are unchanged (their
/// SRI covers them, not the page), so this costs a copy instead of a build.
pub fn from_site(site: &Path, out: &Path, connect: &ConnectSources) -> Result<Dist, String> {
    let _ = std::fs::remove_dir_all(out);
    let public = out.join("public");
    std::fs::create_dir_all(&public).map_err(|e| format!("{}: {e}", public.display()))?;
    for entry in std::fs::read_dir(site).map_err(|e| format!("{}: {e}", site.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_file() {
            let to = public.join(path.file_name().unwrap_or_default());
            std::fs::copy(&path, &to).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    let page_path = public.join("index.html");
    let page = std::fs::read_to_string(&page_path).map_err(|e| format!("index.html: {e}"))?;
    write(&page_path, &restamp(&page, connect)?)?;
    write_headers(out, connect)
}

/// `page` with its policy `<meta>` line replaced by the one for `connect`.
fn restamp(page: &str, connect: &ConnectSources) -> Result<String, String> {
    let mut found = false;
    let mut out = String::new();
    for line in page.lines() {
        if line.contains("http-equiv=\"Content-Security-Policy\"") {
            found = true;
            out.push_str(&csp::meta_tag(connect));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if found {
        Ok(out)
    } else {
        Err("index.html has no Content-Security-Policy <meta> to replace".into())
    }
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restamping_replaces_only_the_policy() {
        let any = csp::meta_tag(&ConnectSources::AnyHttp);
        let page =
            format!("<head>\n  <meta charset=\"utf-8\" />\n{any}  <title>t</title>\n</head>\n");
        let proxied = ConnectSources::Origins(vec![]);
        let out = restamp(&page, &proxied).unwrap();
        assert!(out.contains("connect-src 'self';"), "{out}");
        assert!(!out.contains("http: https:"), "{out}");
        assert_eq!(out.lines().count(), page.lines().count());
        assert!(restamp("<head></head>", &proxied).is_err());
    }
}
