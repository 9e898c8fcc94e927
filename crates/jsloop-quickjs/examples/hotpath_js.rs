//! JavaScript hot paths for instruction counting under callgrind
//! (`.ci/callgrind.sh`), each 2,000 operations through the binding on a
//! virtual clock. Every scenario, `noop` included, first runs the same
//! prelude (one immediate, tick, microtask, timeout and cleared timeout),
//! so that all load the same start-up files (they load on first use) and
//! a scenario minus `noop` is its loop alone. Automatic garbage collection
//! is off: where a collection falls depends on the bytes start-up allocates
//! (the working directory's length among them), and one collection costs
//! more instructions than a whole scenario.
//!
//! Usage: `hotpath_js [noop|immediate_loop|next_tick|microtask|timeout_set_clear|timeout_fanout|then_chain]`.

use jsloop::VirtualClock;
use jsloop_quickjs::{Output, Runtime};

const PRELUDE: &str = "setImmediate(() => {}); process.nextTick(() => {}); \
    queueMicrotask(() => {}); setTimeout(() => {}, 1); clearTimeout(setTimeout(() => {}, 1));\n";

fn main() {
    let scenario = std::env::args().nth(1).unwrap_or_default();
    let rt = Runtime::builder()
        .output(Output::capture())
        .virtual_clock(VirtualClock::new())
        .gc_threshold(usize::MAX)
        .build()
        .expect("runtime");
    let body = match scenario.as_str() {
        "immediate_loop" => {
            "let n = 0; function step() { if (++n < 2001) setImmediate(step); } setImmediate(step);"
        }
        "next_tick" => {
            "let n = 0; function step() { if (++n < 2001) process.nextTick(step); } process.nextTick(step);"
        }
        "microtask" => {
            "let n = 0; function step() { if (++n < 2001) queueMicrotask(step); } queueMicrotask(step);"
        }
        "timeout_set_clear" => {
            "const f = () => {}; for (let i = 0; i < 2000; i++) clearTimeout(setTimeout(f, 60000));"
        }
        "timeout_fanout" => {
            "const f = () => {}; for (let i = 0; i < 2000; i++) setTimeout(f, 1 + (i % 51));"
        }
        "then_chain" => {
            "let p = Promise.resolve(0); for (let i = 0; i < 2000; i++) p = p.then((v) => v + 1);"
        }
        _ => "",
    };
    let source = format!("{PRELUDE}{body}");
    rt.run_script("loop.js", &source).expect("script");
    std::process::exit(rt.run().unwrap());
}
