//! setTimeout/setInterval's native fast path: the object, `this`,
//! arguments, delay coercion and argument errors.

use jsloop::VirtualClock;
use jsloop_quickjs::{Output, Runtime, Stream};

fn run(source: &str) -> (String, String) {
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .virtual_clock(VirtualClock::new())
        .build()
        .unwrap();
    rt.run_script("timers.js", source).unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    (out.captured(Stream::Stdout), out.captured(Stream::Stderr))
}

#[test]
fn timeouts_behave_as_in_node() {
    // Expected output recorded from node 20 on the same script.
    let (stdout, _) = run(
        "const t = setTimeout(function (a, b) { console.log('t', a, b, this === t, this.hasRef()); }, 1, 'x', 'y');
         console.log(typeof t, t.constructor.name, t.hasRef(), setTimeout.name, setTimeout.length);
         const n = setTimeout(() => console.log('never'), 5); clearTimeout(+n);
         const i = setInterval(function () { console.log('interval', this === i); clearInterval(this); }, 2);
         try { setTimeout(null); } catch (e) { console.log(e.name, e.code, e.message); }
         setTimeout(() => console.log('str delay'), '3');
         setTimeout(() => console.log('obj delay'), { valueOf() { return 4; } });",
    );
    assert_eq!(
        stdout,
        "object Timeout true setTimeout 5\n\
         TypeError ERR_INVALID_ARG_TYPE The \"callback\" argument must be of type function. Received null\n\
         t x y true true\n\
         interval true\n\
         str delay\n\
         obj delay\n"
    );
}

#[test]
fn a_delay_above_the_32_bit_range_warns_and_becomes_one_millisecond() {
    let (stdout, stderr) = run("setTimeout(() => console.log('late'), 2 ** 31);
         setTimeout(() => console.log('early'), 2);");
    assert_eq!(stdout, "late\nearly\n");
    assert!(
        stderr.contains("TimeoutOverflowWarning: 2147483648 does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.\n"),
        "{stderr}"
    );
}

#[test]
fn timers_kept_by_primitive_id_fire_and_clear_as_in_node() {
    // Expected output recorded from node 20 on the same script.
    let (stdout, _) = run(
        "const a = setTimeout(function () { console.log('a', this === a); }, 1);
         const id = +a;
         const b = setTimeout(function () { console.log('b', this === b, this.hasRef()); }, 2);
         setTimeout(() => { clearTimeout(id); console.log('cleared a fired id'); }, 3);
         const c = setTimeout(() => console.log('never'), 4);
         clearTimeout(+c);
         const d = setTimeout(() => console.log('d after c cleared'), 5);
         const i = setInterval(function () { console.log('i', this === i); if (+i > 0) clearInterval(+i); }, 6);",
    );
    assert_eq!(
        stdout,
        "a true\nb true true\ncleared a fired id\nd after c cleared\ni true\n"
    );
}

#[test]
fn a_delay_counts_from_when_the_timer_is_made() {
    // Time passes between the loop's last clock read and the script (here
    // on the virtual clock): the 10 ms must count from setTimeout, so the
    // immediate still runs first, as in node.
    let clock = VirtualClock::new();
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .virtual_clock(clock.clone())
        .build()
        .unwrap();
    clock.advance(std::time::Duration::from_millis(50));
    rt.run_script(
        "late.js",
        "setTimeout(() => console.log('t10'), 10);
         setImmediate(() => console.log('immediate'));",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(out.captured(Stream::Stdout), "immediate\nt10\n");
}

#[test]
fn clear_immediate_given_a_timeout_cancels_it_as_node_does() {
    let (stdout, _) = run(
        "const t = setTimeout(() => console.log('cleared timer fired?!'), 1);
         clearImmediate(t);
         console.log(t.hasRef());
         setTimeout(() => console.log('other timer fires'), 5);",
    );
    assert_eq!(stdout, "null\nother timer fires\n");
}
