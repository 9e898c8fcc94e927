//! Where the time of loading modules goes, in the process (for the process
//! beside node, `benches/modules/run.sh`).
//!
//! `typescript/*` splits `require('typescript')` (one ~9 MB CommonJS file;
//! `npm ci` in `benches/modules` first) into its phases: `runtime` (a
//! runtime up and an empty script run), `resolve` (the same plus
//! `require.resolve`), `read` (the file to text), `compile` and `evaluate`
//! (the engine alone: the CommonJS wrapper compiled, then called), and
//! `require`, the whole of it through [`Runtime`]. `bytecode` is what a
//! compile cache would cost instead of `compile`: the same wrapper read
//! back from QuickJS bytecode (`JS_ReadObject`). `graph/*` loads the
//! 1,000-module graphs `benches/modules/gen.js` writes (run.sh writes them
//! to `target/bench-modules`) and checks each file is read once.
//! A group whose files are missing is skipped with a note.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use jsloop_quickjs::{Output, Permissions, Runtime};
use rquickjs::qjs;

/// Node's CommonJS wrapper, as the loader compiles a module.
const PREFIX: &str = "(function (exports, require, module, __filename, __dirname) {\n";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn runtime() -> Runtime {
    Runtime::builder()
        .output(Output::capture())
        .permissions(Permissions::all())
        .build()
        .unwrap()
}

/// Runs `source` as the main script `dir/bench.js` in a new runtime.
fn run_in(dir: &Path, source: &str) {
    let rt = runtime();
    rt.run_script(&dir.join("bench.js").display().to_string(), source)
        .unwrap();
    assert_eq!(rt.run().unwrap(), 0);
}

/// A bare engine with `source` compiled as a CommonJS wrapper.
fn engine() -> (rquickjs::Runtime, rquickjs::Context) {
    let rt = rquickjs::Runtime::new().unwrap();
    let ctx = rquickjs::Context::full(&rt).unwrap();
    (rt, ctx)
}

/// `source` compiled (not run) and written as QuickJS bytecode.
fn bytecode(source: &str) -> Vec<u8> {
    let (_rt, ctx) = engine();
    ctx.with(|ctx| {
        let input = std::ffi::CString::new(source).unwrap();
        let flags = (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32;
        // SAFETY: `ctx` is live and locked; `input` is NUL-terminated and
        // outlives the call, as does the file name literal.
        let f = unsafe {
            qjs::JS_Eval(
                ctx.as_raw().as_ptr(),
                input.as_ptr(),
                source.len() as _,
                c"typescript.js".as_ptr(),
                flags,
            )
        };
        // SAFETY: `f` is the owned result above; an exception is not bytecode.
        assert!(
            !unsafe { qjs::JS_IsException(f) },
            "typescript did not compile"
        );
        let mut size = 0;
        let flags = qjs::JS_WRITE_OBJ_BYTECODE as i32;
        // SAFETY: `f` is a live function bytecode object of `ctx`; the buffer
        // the engine returns holds `size` bytes until freed with `js_free`.
        unsafe {
            let buf = qjs::JS_WriteObject(ctx.as_raw().as_ptr(), &mut size, f, flags);
            assert!(!buf.is_null(), "typescript did not serialize");
            let bytes = std::slice::from_raw_parts(buf, size as usize).to_vec();
            qjs::js_free(ctx.as_raw().as_ptr(), buf.cast());
            qjs::JS_FreeValue(ctx.as_raw().as_ptr(), f);
            bytes
        }
    })
}

/// The function `bytes` (from [`bytecode`]) holds, read back and evaluated
/// to the wrapper (not called).
fn read_bytecode(ctx: &rquickjs::Ctx<'_>, bytes: &[u8]) {
    let flags = qjs::JS_READ_OBJ_BYTECODE as i32;
    // SAFETY: `ctx` is live and locked; `bytes` is bytecode this engine
    // version wrote; each value is owned and freed once.
    unsafe {
        let raw = ctx.as_raw().as_ptr();
        let f = qjs::JS_ReadObject(raw, bytes.as_ptr(), bytes.len() as _, flags);
        assert!(!qjs::JS_IsException(f), "bytecode did not read");
        let wrapper = qjs::JS_EvalFunction(raw, f);
        assert!(!qjs::JS_IsException(wrapper), "bytecode did not evaluate");
        qjs::JS_FreeValue(raw, wrapper);
    }
}

fn typescript(c: &mut Criterion) {
    let dir = root().join("benches/modules");
    let file = dir.join("node_modules/typescript/lib/typescript.js");
    if !file.exists() {
        eprintln!("typescript: skipped, run `npm ci` in {}", dir.display());
        return;
    }
    let source = std::fs::read_to_string(&file).unwrap();
    let wrapped = format!("{PREFIX}{source}\n}})");
    let mut g = c.benchmark_group("typescript");
    g.sample_size(10);
    g.bench_function("runtime", |b| b.iter(|| run_in(&dir, "")));
    g.bench_function("resolve", |b| {
        b.iter(|| run_in(&dir, "require.resolve('typescript')"));
    });
    g.bench_function("read", |b| {
        b.iter(|| String::from_utf8(std::fs::read(&file).unwrap()).unwrap());
    });
    g.bench_function("compile", |b| {
        b.iter_batched(
            engine,
            |(rt, ctx)| {
                ctx.with(|ctx| {
                    let f: rquickjs::Function = ctx.eval(wrapped.as_str()).unwrap();
                    black_box(f);
                });
                (rt, ctx)
            },
            BatchSize::PerIteration,
        );
    });
    g.bench_function("evaluate", |b| {
        b.iter_batched(
            || {
                let (rt, ctx) = engine();
                let f = ctx.with(|ctx| {
                    let f: rquickjs::Function = ctx.eval(wrapped.as_str()).unwrap();
                    rquickjs::Persistent::save(&ctx, f)
                });
                (rt, ctx, f)
            },
            |(rt, ctx, f)| {
                ctx.with(|ctx| {
                    let f = f.restore(&ctx).unwrap();
                    let module = rquickjs::Object::new(ctx.clone()).unwrap();
                    let exports = rquickjs::Object::new(ctx.clone()).unwrap();
                    module.set("exports", exports.clone()).unwrap();
                    let () = f.call((exports, (), module)).unwrap();
                });
                (rt, ctx)
            },
            BatchSize::PerIteration,
        );
    });
    let bytes = bytecode(&wrapped);
    g.bench_function("bytecode", |b| {
        b.iter_batched(
            engine,
            |(rt, ctx)| {
                ctx.with(|ctx| read_bytecode(&ctx, &bytes));
                (rt, ctx)
            },
            BatchSize::PerIteration,
        );
    });
    g.bench_function("require", |b| {
        b.iter(|| run_in(&dir, "process.browser = true; require('typescript')"));
    });
    g.finish();
}

fn graphs(c: &mut Criterion) {
    let out = root().join("target/bench-modules");
    let mut g = c.benchmark_group("graph");
    g.sample_size(10);
    for kind in ["cjs", "esm"] {
        let main = out.join(kind).join("main.js");
        if !main.exists() {
            eprintln!(
                "graph/{kind}: skipped, run `node benches/modules/gen.js {}`",
                out.display()
            );
            continue;
        }
        let load = || {
            let rt = runtime();
            if kind == "esm" {
                rt.run_module(&main).unwrap();
            } else {
                rt.run_file(&main).unwrap();
            }
            assert_eq!(rt.run().unwrap(), 0);
            rt.modules_read()
        };
        // Every module but main (read by run_file) read exactly once.
        assert_eq!(
            load(),
            999,
            "graph/{kind}: a module read twice or not at all"
        );
        g.bench_function(format!("{kind}-1000"), |b| b.iter(load));
    }
    g.finish();
}

criterion_group!(benches, typescript, graphs);
criterion_main!(benches);
