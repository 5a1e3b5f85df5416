//! Any request through the sim's whole lifecycle: answered with JSON, never a panic.
#![no_main]

use std::sync::OnceLock;

use kibana_sim::fuzzing::RequestFuzzer;
use libfuzzer_sys::fuzz_target;

static FUZZER: OnceLock<RequestFuzzer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    FUZZER.get_or_init(RequestFuzzer::new).run(data);
});
