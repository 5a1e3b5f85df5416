//! The entry point of the `client_decode` fuzz target (`fuzz/`), shared with the regression
//! test that replays every input the fuzzer ever found (`fuzz/regressions/client_decode/`).
//!
//! It runs what the client does with an answer once `fetch` has it: a 2xx body decoded into
//! the endpoint's model (with the JSON path of the first problem), anything else mapped by
//! status through Kibana's error body, execution results turned into `Result`s, typed configs
//! read back, and connector-set files checked for import. None of it may panic, whatever
//! Kibana (or a proxy in front of it) answers.

use crate::models::types::{
    ConnectorKind, Email, Index, Jira, Opsgenie, PagerDuty, ServerLog, ServiceNow, Slack, SlackApi,
    Teams, Webhook,
};
use crate::transport::decode;
use crate::{Connector, ConnectorSet, ConnectorType, Error, ExecuteResult, Space, Status};

/// Decodes one fuzz input: the first byte picks the answer's status, the second what was
/// asked, the rest (as the UTF-8 text `Response.text()` would give) is the body.
pub fn decode_answer(data: &[u8]) -> usize {
    let [status_pick, endpoint, body @ ..] = data else {
        return 0;
    };
    let status = [
        200, 200, 200, 204, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503,
    ][usize::from(*status_pick) % 14];
    let text = String::from_utf8_lossy(body);
    if !(200..300).contains(&status) {
        return touch(&Error::from_status(
            status,
            text.into_owned(),
            crate::DEFAULT_SPACE,
        ));
    }
    match endpoint % 8 {
        0 => decoded(decode::<Vec<Connector>>(&text), |all| {
            all.iter().map(read_config).sum()
        }),
        1 => decoded(decode::<Connector>(&text), read_config),
        2 => decoded(decode::<Vec<ConnectorType>>(&text), |t| t.len()),
        3 => decoded(decode::<ExecuteResult>(&text), |r| {
            match r.clone().into_result() {
                Ok(ok) => format!("{ok:?}").len(),
                Err(e) => touch(&e),
            }
        }),
        4 => decoded(decode::<Vec<Space>>(&text), |s| s.len()),
        5 => decoded(decode::<Space>(&text), |s| s.id.len()),
        6 => decoded(decode::<Status>(&text), |s| format!("{s:?}").len()),
        _ => match ConnectorSet::from_json(&text) {
            Ok(set) => {
                let existing: Vec<(&str, &Connector)> = Vec::new();
                let checks = set.check(existing.iter().copied(), Some("target"));
                set.to_json().len() + checks.len()
            }
            Err(e) => touch(&e),
        },
    }
}

fn decoded<T>(result: crate::Result<T>, then: impl FnOnce(&T) -> usize) -> usize {
    match result {
        Ok(value) => then(&value),
        Err(e) => touch(&e),
    }
}

/// Formats an error every way a caller would show it.
fn touch(e: &Error) -> usize {
    e.to_string().len()
        + format!("{e:?}").len()
        + e.kind().len()
        + usize::from(e.status().is_some())
}

/// Reads the config back as its typed model, as the console's forms do.
fn read_config(c: &Connector) -> usize {
    fn read<K: ConnectorKind>(c: &Connector) -> usize
    where
        K::Config: std::fmt::Debug,
    {
        match c.config_as::<K>() {
            Ok(cfg) => format!("{cfg:?}").len(),
            Err(e) => touch(&e),
        }
    }
    match c.connector_type_id.as_str() {
        ".index" => read::<Index>(c),
        ".server-log" => read::<ServerLog>(c),
        ".webhook" => read::<Webhook>(c),
        ".slack" => read::<Slack>(c),
        ".slack_api" => read::<SlackApi>(c),
        ".teams" => read::<Teams>(c),
        ".email" => read::<Email>(c),
        ".pagerduty" => read::<PagerDuty>(c),
        ".servicenow" => read::<ServiceNow>(c),
        ".jira" => read::<Jira>(c),
        ".opsgenie" => read::<Opsgenie>(c),
        _ => format!("{c:?}").len(),
    }
}

#[cfg(test)]
mod tests {
    use super::decode_answer;

    /// Every input the fuzzer kept (crashes found and fixed, and seeds) still decodes without
    /// a panic.
    #[test]
    fn fuzz_regressions_replay() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../fuzz/regressions/client_decode"
        );
        let mut replayed = 0;
        for entry in std::fs::read_dir(dir).expect("the regression corpus is in the repository") {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            decode_answer(&data);
            replayed += 1;
        }
        assert!(replayed > 0, "no regression inputs in {dir}");
    }

    #[test]
    fn inputs_reach_each_decoder() {
        let connector = br#"{"id":"a","name":"A","connector_type_id":".index","config":{"index":"i"},"is_preconfigured":false,"is_deprecated":false,"is_missing_secrets":false,"is_system_action":false}"#;
        let mut ok = vec![0, 1];
        ok.extend_from_slice(connector);
        assert!(decode_answer(&ok) > 0);
        let mut broken = vec![0, 1];
        broken.extend_from_slice(br#"{"id":"a","name":7}"#);
        assert!(decode_answer(&broken) > 0);
        assert_eq!(decode_answer(b"\x00"), 0);
    }
}
