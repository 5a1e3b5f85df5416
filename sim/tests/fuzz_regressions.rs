//! Replays every input the `sim_request` fuzz target kept (`fuzz/regressions/sim_request/`):
//! crashes found and fixed, and the seeds. Each must be answered without a panic.

use kibana_sim::fuzzing::RequestFuzzer;

#[test]
fn fuzz_regressions_replay() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fuzz/regressions/sim_request"
    );
    let fuzzer = RequestFuzzer::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the regression corpus is in the repository")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regression inputs in {dir}");
    for path in files {
        let data = std::fs::read(&path).unwrap();
        fuzzer.run(&data);
    }
}

#[test]
fn inputs_become_requests_through_the_whole_lifecycle() {
    let fuzzer = RequestFuzzer::new();
    // POST (1), elastic with kbn-xsrf (8), template 1 (/api/actions/connector), no segment.
    let create = b"\x01\x08\x01\n{\"name\":\"fuzz\",\"connector_type_id\":\".server-log\"}";
    assert_eq!(fuzzer.run(create), Some(200));
    // The same without kbn-xsrf: Kibana's 400.
    assert_eq!(
        fuzzer.run(&[&[1, 0, 1][..], &create[3..]].concat()),
        Some(400)
    );
    // reader (1) may not create: 403.
    assert_eq!(
        fuzzer.run(&[&[1, 9, 1][..], &create[3..]].concat()),
        Some(403)
    );
    // Wrong password: 401.
    assert_eq!(fuzzer.run(b"\x00\x02\x02"), Some(401));
    // Over maxPayload: 413.
    let big = [&b"\x01\x08\x01\n"[..], &vec![b' '; 5000]].concat();
    assert_eq!(fuzzer.run(&big), Some(413));
    assert_eq!(fuzzer.run(b"\x00"), None);
}
