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

/// Which way an input went through the client's decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Fewer than the two header bytes: nothing was decoded.
    TooShort,
    /// A non-2xx status, mapped to the error of this kind (`NotFoundError`, ...).
    Status(&'static str),
    /// A 2xx body that decoded into endpoint `n`'s model.
    Decoded(u8),
    /// A 2xx body endpoint `n` refused, with the error's kind.
    Refused(u8, &'static str),
}

/// What decoding one input did: its route, and a size computed from everything it read (so
/// nothing is optimised away).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    /// The branch taken.
    pub route: Route,
    /// The length of everything formatted along the way.
    pub work: usize,
}

/// Decodes one fuzz input: the first byte picks the answer's status, the second what was
/// asked, the rest (as the UTF-8 text `Response.text()` would give) is the body.
pub fn decode_answer(data: &[u8]) -> Decoded {
    let [status_pick, endpoint, body @ ..] = data else {
        return Decoded {
            route: Route::TooShort,
            work: 0,
        };
    };
    let status = [
        200, 200, 200, 204, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503,
    ][usize::from(*status_pick) % 14];
    let text = String::from_utf8_lossy(body);
    if !(200..300).contains(&status) {
        let e = Error::from_status(status, text.into_owned(), crate::DEFAULT_SPACE);
        return Decoded {
            route: Route::Status(e.kind()),
            work: touch(&e),
        };
    }
    let endpoint = endpoint % 8;
    let decoded = |result: Result<usize, &Error>| match result {
        Ok(work) => Decoded {
            route: Route::Decoded(endpoint),
            work,
        },
        Err(e) => Decoded {
            route: Route::Refused(endpoint, e.kind()),
            work: touch(e),
        },
    };
    match endpoint {
        0 => decoded(read(&decode::<Vec<Connector>>(&text), |all| {
            all.iter().map(read_config).sum()
        })),
        1 => decoded(read(&decode::<Connector>(&text), read_config)),
        2 => decoded(read(&decode::<Vec<ConnectorType>>(&text), |t| t.len())),
        3 => decoded(read(&decode::<ExecuteResult>(&text), |r| {
            match r.clone().into_result() {
                Ok(ok) => format!("{ok:?}").len(),
                Err(e) => touch(&e),
            }
        })),
        4 => decoded(read(&decode::<Vec<Space>>(&text), |s| s.len())),
        5 => decoded(read(&decode::<Space>(&text), |s| s.id.len())),
        6 => decoded(read(&decode::<Status>(&text), |s| format!("{s:?}").len())),
        _ => match ConnectorSet::from_json(&text) {
            Ok(set) => {
                let existing: Vec<(&str, &Connector)> = Vec::new();
                let checks = set.check(existing.iter().copied(), Some("target"));
                decoded(Ok(set.to_json().len() + checks.len()))
            }
            Err(e) => decoded(Err(&e)),
        },
    }
}

/// Runs `then` on a decoded value (what a caller does next), or passes the error on.
fn read<T>(result: &crate::Result<T>, then: impl FnOnce(&T) -> usize) -> Result<usize, &Error> {
    result.as_ref().map(then)
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
    use super::{Route, decode_answer};

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
        let decoded = decode_answer(&ok);
        assert_eq!(decoded.route, Route::Decoded(1));
        assert!(decoded.work > 0);
        let mut broken = vec![0, 1];
        broken.extend_from_slice(br#"{"id":"a","name":7}"#);
        assert_eq!(
            decode_answer(&broken).route,
            Route::Refused(1, "DecodeError")
        );
        // Status pick 7 is a 404, mapped through Kibana's error body.
        let not_found = [&[7u8, 1][..], br#"{"statusCode":404,"error":"Not Found","message":"Saved object [action/a] not found"}"#].concat();
        assert_eq!(
            decode_answer(&not_found).route,
            Route::Status("NotFoundError")
        );
        let mut set = vec![0, 7];
        set.extend_from_slice(br#"{"format":"kibana-connectors/set@1","connectors":[]}"#);
        assert_eq!(decode_answer(&set).route, Route::Decoded(7));
        assert_eq!(decode_answer(b"\x00").route, Route::TooShort);
    }
}
