//! Buffer behaviour node 20 cannot show (the fixtures `buffer_*.js`
//! cover the rest against node).

use jsloop::VirtualClock;
use jsloop_quickjs::{Output, Runtime, Stream};

/// Runs `source` as a main script; returns its stdout.
fn run(source: &str) -> String {
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .virtual_clock(VirtualClock::new())
        .build()
        .unwrap();
    rt.run_script("main.js", source).unwrap();
    rt.run().unwrap();
    drop(rt);
    out.captured(Stream::Stdout)
}

/// A view of a detached ArrayBuffer has no bytes, as node treats one
/// (node 20 has no `ArrayBuffer.prototype.transfer` to detach with; the
/// engine would otherwise throw "ArrayBuffer is detached").
#[test]
fn views_of_a_detached_buffer_have_no_bytes() {
    let stdout = run("const ab = new ArrayBuffer(4);\n\
         const b = Buffer.from(ab);\n\
         ab.transfer();\n\
         console.log(JSON.stringify([b.length, b.toString(), b.toString('hex'), b.write('x'),\n\
           b.indexOf('a'), Buffer.compare(b, Buffer.alloc(0)), b.equals(Buffer.alloc(0)), Buffer.from(b).length]));");
    assert_eq!(stdout, "[0,\"\",\"\",0,-1,0,true,0]\n");
}
