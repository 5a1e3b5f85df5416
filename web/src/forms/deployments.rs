//! Deployment names: what the console calls each Kibana it is connected to, and the first
//! segment of its URLs (`/d/{name}/s/{space}/...`).

/// The longest name accepted (it appears in every URL of the deployment).
pub const MAX_NAME: usize = 40;

/// Checks a typed name: 1 to 40 of lower-case letters, digits and `-`, starting with a letter
/// or digit (it becomes a path segment, so nothing needs encoding).
pub fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("Name the deployment (e.g. staging or production).".into());
    }
    if name.len() > MAX_NAME {
        return Err(format!(
            "A deployment name has at most {MAX_NAME} characters."
        ));
    }
    if name.starts_with('-')
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(
            "Use lower-case letters, digits and -, starting with a letter or digit.".into(),
        );
    }
    Ok(())
}

/// A name for a Kibana at `url` when none is typed: the host's first label when it is a word
/// (`https://staging.kb.example` → `staging`), the proxy's (`/kibana-production` →
/// `production`), else `kibana`; made unique among `taken` with `-2`, `-3`, ….
pub fn suggested_name(url: &str, taken: &[String]) -> String {
    let base = word_in(url).unwrap_or_else(|| "kibana".to_string());
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(base)
}

fn word_in(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    let slug = |s: &str| -> Option<String> {
        let s: String = s
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let s = s.trim_matches('-').to_string();
        let wordy = s.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        (wordy && check_name(&s).is_ok()).then_some(s)
    };
    if let Some(path) = url.strip_prefix('/') {
        // A same-origin proxy: `/kibana-production` → production, `/kibana` → kibana.
        let last = path.rsplit('/').next()?;
        return slug(last.strip_prefix("kibana-").unwrap_or(last));
    }
    let host = url.split("://").nth(1)?.split(['/', ':', '@']).next()?;
    if host == "localhost" || host.parse::<std::net::Ipv4Addr>().is_ok() || host.starts_with('[') {
        return None;
    }
    slug(host.split('.').next()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_path_segments() {
        for ok in ["staging", "prod-eu-1", "a", "9x"] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "Staging", "prod eu", "-x", "a/b", &"x".repeat(41)] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_name_is_suggested_from_the_url_and_made_unique() {
        let none: &[String] = &[];
        assert_eq!(
            suggested_name("https://staging.kb.example:9243/", none),
            "staging"
        );
        assert_eq!(suggested_name("/kibana-production", none), "production");
        assert_eq!(suggested_name("/kibana", none), "kibana");
        assert_eq!(suggested_name("http://127.0.0.1:5601", none), "kibana");
        assert_eq!(suggested_name("http://localhost:5601", none), "kibana");
        assert_eq!(suggested_name("https://EU_West.example", none), "eu-west");
        let taken = ["kibana".to_string(), "kibana-2".to_string()];
        assert_eq!(suggested_name("http://127.0.0.1:5602", &taken), "kibana-3");
    }
}
