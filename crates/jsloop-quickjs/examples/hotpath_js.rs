//! A JavaScript hot path for instruction counting under callgrind
//! (`.ci/callgrind.sh`): a chain of 2,000 `setImmediate` callbacks through
//! the binding, on a virtual clock. `noop` builds the runtime and runs one
//! `setImmediate` callback, so that both load the same start-up files (they
//! load on first use) and the difference is the chain alone.
//!
//! Usage: `hotpath_js [noop|immediate_loop]`.

use jsloop::VirtualClock;
use jsloop_quickjs::{Output, Runtime};

fn main() {
    let scenario = std::env::args().nth(1).unwrap_or_default();
    let rt = Runtime::builder()
        .output(Output::capture())
        .virtual_clock(VirtualClock::new())
        .build()
        .expect("runtime");
    let source = if scenario == "immediate_loop" {
        "let n = 0; function step() { if (++n < 2001) setImmediate(step); } setImmediate(step);"
    } else {
        "setImmediate(() => {});"
    };
    rt.run_script("loop.js", source).expect("script");
    std::process::exit(rt.run().unwrap());
}
