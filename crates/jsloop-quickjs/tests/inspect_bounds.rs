//! `console.log` of large arrays: work and memory follow what is printed
//! (node's first 100 items), not the array's length.

use std::time::Duration;

use jsloop_quickjs::{Output, Runtime, Stream};

/// Heap for the case: the arrays themselves fit (about 2 MB), one string per
/// element (Object.keys of them, about 15 MB) does not.
const HEAP_LIMIT: usize = 8 << 20;

fn case(ext: &str) -> String {
    let path = format!(
        "{}/tests/globals/cases/inspect_bounded_memory.{ext}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Prints node's output (expected file from `tests/globals/regen.sh`) within
/// a heap too small to list every index; the CPU limit only turns a walk over
/// 2**32 - 1 holes into a failure instead of a hang. It counts wall time on
/// the real clock, so it is far above a debug build's run on a loaded
/// machine (68 s was seen against a 60 s limit).
#[test]
fn large_arrays_print_within_a_small_heap() {
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .memory_limit(HEAP_LIMIT)
        .cpu_limit(Duration::from_secs(600))
        .build()
        .unwrap();
    let ran = rt.run_script("inspect_bounded_memory.js", &case("js"));
    let code = rt.run().unwrap();
    let stderr = out.captured(Stream::Stderr);
    assert!(ran.is_ok(), "{ran:?}\n{stderr}");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(out.captured(Stream::Stdout), case("stdout"));
}
