//! The CORS doctor against sims with CORS open, off, and for another origin. Runs without the
//! test runner's cross-origin isolation (`WASM_BINDGEN_TEST_NO_ORIGIN_ISOLATION=1`), because
//! COEP would block the `no-cors` probe exactly as no console page does.
#![cfg(target_arch = "wasm32")]

use kibana_connectors::{Auth, Diagnosis, Kibana};
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn page_origin() -> String {
    let location = js_sys::Reflect::get(&js_sys::global(), &"location".into()).unwrap();
    js_sys::Reflect::get(&location, &"origin".into())
        .unwrap()
        .as_string()
        .unwrap()
}

async fn diagnose(url: &str, password: &str) -> kibana_connectors::Report {
    let kb = Kibana::builder(url)
        .auth(Auth::basic("elastic", password))
        .build()
        .unwrap();
    kb.diagnose(&page_origin()).await
}

#[wasm_bindgen_test]
async fn ok_and_bad_credentials() {
    let open = env_url(option_env!("KIBANA_SIM_URL"));
    let report = diagnose(open, "changeme").await;
    assert_eq!(
        report.diagnosis,
        Diagnosis::Ok {
            // The Kibana line the tier started the sim as (the sim's default otherwise).
            version: option_env!("KIBANA_SIM_VERSION").unwrap_or("9.5.0").into()
        }
    );
    assert!(report.kibana_yml.is_none());
    let report = diagnose(open, "wrong").await;
    assert!(
        matches!(report.diagnosis, Diagnosis::BadCredentials { .. }),
        "{report:?}"
    );
}

#[wasm_bindgen_test]
async fn cors_off_and_other_origin_are_blocked_with_the_fix() {
    for url in [
        env_url(option_env!("KIBANA_SIM_NOCORS_URL")),
        env_url(option_env!("KIBANA_SIM_OTHER_ORIGIN_URL")),
    ] {
        let report = diagnose(url, "changeme").await;
        assert_eq!(
            report.diagnosis,
            Diagnosis::CorsBlocked,
            "{url}: {report:?}"
        );
        let fix = report.kibana_yml.expect("a fix");
        assert!(
            fix.contains("server.cors.enabled: true") && fix.contains(&page_origin()),
            "{fix}"
        );
    }
}

#[wasm_bindgen_test]
async fn nothing_listening_is_unreachable() {
    let report = diagnose("http://127.0.0.1:9", "changeme").await;
    assert!(
        matches!(report.diagnosis, Diagnosis::Unreachable { .. }),
        "{report:?}"
    );
    assert!(report.explanation.contains("Nothing answered"));
}
