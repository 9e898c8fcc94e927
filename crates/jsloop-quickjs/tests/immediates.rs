//! setImmediate's native fast path: the object, `this`, arguments, errors.

use jsloop_quickjs::{Output, Runtime, Stream};

#[test]
fn immediates_behave_as_in_node() {
    // Expected output recorded from node 20 on the same script.
    let out = Output::capture();
    let rt = Runtime::builder().output(out.clone()).build().unwrap();
    rt.run_script(
        "immediates.js",
        "const a = setImmediate(function (x, y) { console.log('a', x, y, this === a, this.hasRef()); }, 1, 2);
         console.log(typeof a, a.constructor.name, a.hasRef(), setImmediate.name, setImmediate.length);
         const b = setImmediate(() => console.log('never'));
         clearImmediate(b); console.log('b cleared hasRef', b.hasRef());
         const c = setImmediate(() => console.log('c unref ran')).unref(); console.log(c.hasRef());
         try { setImmediate('x'); } catch (e) { console.log(e.name, e.code); }
         setImmediate(() => { throw new Error('boom'); });
         process.on('uncaughtException', (e) => console.log('caught', e.message));
         setImmediate(() => console.log('after', a.hasRef()));",
    )
    .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
    assert_eq!(
        out.captured(Stream::Stdout),
        "object Immediate true setImmediate 4\n\
         b cleared hasRef false\n\
         false\n\
         TypeError ERR_INVALID_ARG_TYPE\n\
         a 1 2 true false\n\
         c unref ran\n\
         caught boom\n\
         after false\n"
    );
}
