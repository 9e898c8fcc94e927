//! A JavaScript hot path for instruction counting under callgrind
//! (`.ci/callgrind.sh`): a chain of 2,000 `setImmediate` callbacks through
//! the binding, on a virtual clock. `noop` only builds the runtime.
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
    if scenario == "immediate_loop" {
        rt.run_script(
            "loop.js",
            "let n = 0; function step() { if (++n < 2000) setImmediate(step); } setImmediate(step);",
        )
        .expect("script");
    }
    std::process::exit(rt.run().unwrap());
}
