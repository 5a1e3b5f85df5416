//! Any answer body, under any status, for any endpoint: the client decodes it or says why.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kibana_connectors::fuzzing::decode_answer(data);
});
