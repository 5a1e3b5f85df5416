//! The console's Content-Security-Policy and the other security headers of a deployment.
//!
//! The page loads only its own files (hashed, with SRI), runs no inline script or style, and
//! talks to Kibana either through a same-origin proxy (`'self'`) or to the Kibana origins a
//! deployment names. `wasm-unsafe-eval` is what `WebAssembly.instantiate` needs and nothing
//! else: it does not allow `eval` of JavaScript.

/// Where the console's requests to Kibana may go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectSources {
    /// `'self'` plus these origins (`https://kibana.example:9243`); none when proxied.
    Origins(Vec<String>),
    /// `'self'` plus any `http:` or `https:` origin: the site the end-to-end tests load, whose
    /// sims listen on ports chosen at run time. Everything but `connect-src` stays strict.
    AnyHttp,
}

/// Directives that only a header can carry: browsers ignore them in a `<meta>` policy and
/// say so on the console (CSP 3, "the `frame-ancestors` directive is not supported inside a
/// meta element").
const HEADER_ONLY: &[&str] = &["frame-ancestors"];

/// The policy for `connect`, as a header value (every directive).
pub fn policy(connect: &ConnectSources) -> String {
    let connect_src = match connect {
        ConnectSources::Origins(origins) => {
            let mut sources = vec!["'self'".to_string()];
            sources.extend(origins.iter().cloned());
            sources.join(" ")
        }
        ConnectSources::AnyHttp => "'self' http: https:".into(),
    };
    [
        "default-src 'self'".to_string(),
        "script-src 'self' 'wasm-unsafe-eval'".into(),
        "style-src 'self'".into(),
        "img-src 'self' data:".into(),
        "font-src 'self'".into(),
        format!("connect-src {connect_src}"),
        "object-src 'none'".into(),
        "base-uri 'none'".into(),
        "frame-ancestors 'none'".into(),
        "form-action 'none'".into(),
    ]
    .join("; ")
}

/// The same policy without the directives a `<meta>` element cannot carry.
pub fn meta_policy(connect: &ConnectSources) -> String {
    policy(connect)
        .split("; ")
        .filter(|d| !HEADER_ONLY.iter().any(|h| d.starts_with(h)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The `<meta>` element carrying [`meta_policy`], for the page's `<head>`.
pub fn meta_tag(connect: &ConnectSources) -> String {
    format!(
        "  <meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />\n",
        meta_policy(connect)
    )
}

/// The headers every answer of a deployment carries besides the policy.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()",
    ),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

/// An nginx snippet with the policy and [`SECURITY_HEADERS`] as `add_header … always`, to
/// `include` in every `location` (nginx drops a server's `add_header`s in a location that has
/// its own).
pub fn nginx_snippet(connect: &ConnectSources) -> String {
    let mut out = String::from(
        "# Written by `cargo xtask dist`: the console's security headers. Included by\n\
         # deploy/nginx.conf in every location; regenerate it with the bundle.\n",
    );
    out.push_str(&format!(
        "add_header Content-Security-Policy \"{}\" always;\n",
        policy(connect)
    ));
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("add_header {name} \"{value}\" always;\n"));
    }
    out
}

/// A Kibana origin for `connect-src`: `scheme://host[:port]`, http or https, nothing after.
/// A trailing `/` is dropped; a path, query, wildcard or quote is refused, since a policy
/// source with them either matches nothing useful or breaks the header.
pub fn parse_origin(raw: &str) -> Result<String, String> {
    let s = raw.trim().trim_end_matches('/');
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| format!("--kibana-origin {raw:?}: must start with https:// or http://"))?;
    let valid = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !valid {
        return Err(format!(
            "--kibana-origin {raw:?}: an origin is scheme://host[:port] with no path, e.g. https://kibana.example.com:9243"
        ));
    }
    Ok(s.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_has_every_strict_directive_and_the_kibana_origins() {
        let p = policy(&ConnectSources::Origins(vec![
            "https://kibana.example:9243".into(),
        ]));
        for directive in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'none'",
            "connect-src 'self' https://kibana.example:9243",
        ] {
            assert!(p.split("; ").any(|d| d == directive), "{directive} in {p}");
        }
        assert!(
            !p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"),
            "{p}"
        );
    }

    #[test]
    fn the_proxied_policy_connects_to_self_only() {
        let p = policy(&ConnectSources::Origins(vec![]));
        assert!(p.contains("connect-src 'self';"), "{p}");
    }

    #[test]
    fn the_meta_policy_leaves_out_what_a_meta_element_cannot_carry() {
        let c = ConnectSources::Origins(vec![]);
        let meta = meta_policy(&c);
        assert!(!meta.contains("frame-ancestors"), "{meta}");
        assert_eq!(meta.split("; ").count() + 1, policy(&c).split("; ").count());
        assert!(meta_tag(&c).contains("http-equiv=\"Content-Security-Policy\""));
    }

    #[test]
    fn the_nginx_snippet_sends_every_header_always() {
        let s = nginx_snippet(&ConnectSources::Origins(vec![]));
        for name in [
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Permissions-Policy",
        ] {
            assert!(s.contains(&format!("add_header {name} \"")), "{name}: {s}");
        }
        assert_eq!(
            s.matches("add_header").count(),
            s.matches(" always;").count()
        );
    }

    #[test]
    fn origins_are_checked() {
        assert_eq!(
            parse_origin("https://Kibana.example:9243/").unwrap(),
            "https://kibana.example:9243"
        );
        assert_eq!(
            parse_origin("http://[::1]:5601").unwrap(),
            "http://[::1]:5601"
        );
        for bad in [
            "kibana.example",
            "ftp://kibana.example",
            "https://kibana.example/app",
            "https://*.example",
            "https://k\"; script-src *",
            "https://",
        ] {
            let err = parse_origin(bad).unwrap_err();
            assert!(err.contains("--kibana-origin"), "{bad}: {err}");
        }
    }
}
