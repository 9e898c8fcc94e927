//! Workers for async Rust: a runtime on its own thread serving many tokio
//! tasks, how a worker's end reaches its callers, and pool dispatch.

use std::sync::mpsc;

use jsloop_quickjs::{
    Error, Handle, JsFuture, JsValue, Output, Runtime, Settler, Worker, WorkerCall, WorkerPool,
};

fn assert_send_sync<T: Send + Sync>() {}
fn assert_send<T: Send>() {}

#[test]
fn public_types_are_send_and_sync_where_they_cross_threads() {
    assert_send_sync::<Worker>();
    assert_send_sync::<WorkerPool>();
    assert_send::<WorkerCall>();
    assert_send_sync::<JsValue>();
    assert_send_sync::<Handle>();
    assert_send_sync::<Error>();
    assert_send::<Settler>();
    let _ = std::mem::size_of::<JsFuture>();
}

fn tokio() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

#[test]
fn a_worker_serves_many_tokio_tasks_with_timers_and_a_rust_async_function() {
    let worker = std::sync::Arc::new(
        Worker::spawn(|| {
            let rt = Runtime::new()?;
            rt.register_async_fn("lookup", |args, settler| {
                let n = args.first().and_then(JsValue::as_f64).unwrap_or(0.0);
                std::thread::spawn(move || settler.resolve(JsValue::from(n * 10.0)));
            })?;
            rt.eval(
                "globalThis.handle = async (n) => {
                   await new Promise((ok) => setTimeout(ok, 1));
                   return (await lookup(n)) + 1;
                 }",
            )?;
            Ok(rt)
        })
        .unwrap(),
    );
    let results = tokio().block_on(async {
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let w = worker.clone();
                tokio::spawn(async move { w.call("handle", vec![JsValue::from(i)]).await })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap().unwrap());
        }
        out
    });
    let expected: Vec<JsValue> = (0..20).map(|i| JsValue::from(i * 10 + 1)).collect();
    assert_eq!(results, expected);
    assert_eq!(worker.in_flight(), 0);
    let worker = std::sync::Arc::into_inner(worker).unwrap();
    assert_eq!(worker.shutdown().unwrap(), 0);
}

#[test]
fn errors_come_back_to_the_caller_with_their_class() {
    let worker = Worker::spawn(Runtime::new).unwrap();
    let r = tokio().block_on(worker.eval("Promise.reject(new RangeError('far'))"));
    match r {
        Err(Error::Exception(e)) => assert_eq!(e.name(), Some("RangeError")),
        other => panic!("{other:?}"),
    }
    let r = tokio().block_on(worker.call("missing", vec![]));
    assert!(matches!(r, Err(Error::NotAFunction { .. })), "{r:?}");
}

#[test]
fn process_exit_in_a_worker_is_reported_to_the_callers() {
    let worker = Worker::spawn(|| {
        let rt = Runtime::builder().output(Output::capture()).build()?;
        rt.eval("globalThis.quit = () => process.exit(3)")?;
        Ok(rt)
    })
    .unwrap();
    let pending = worker.eval("new Promise(() => {})");
    let r = tokio().block_on(worker.call("quit", vec![]));
    assert!(matches!(r, Err(Error::WorkerExited { code: 3 })), "{r:?}");
    let r = tokio().block_on(pending);
    assert!(matches!(r, Err(Error::WorkerExited { code: 3 })), "{r:?}");
    let r = tokio().block_on(worker.eval("1"));
    assert!(matches!(r, Err(Error::WorkerExited { code: 3 })), "{r:?}");
    assert_eq!(worker.shutdown().unwrap(), 3);
}

#[test]
fn a_panic_while_building_a_worker_is_reported() {
    let r = Worker::spawn(|| -> Result<Runtime, Error> { panic!("no engine today") });
    match r {
        Err(Error::Panicked(message)) => assert!(message.contains("no engine today")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn terminating_a_worker_ends_the_calls_in_flight() {
    let worker = Worker::spawn(Runtime::new).unwrap();
    let waiting = worker.eval("new Promise((ok) => setTimeout(ok, 3_600_000))");
    worker.terminate();
    let r = tokio().block_on(waiting);
    assert!(matches!(r, Err(Error::Closed)), "{r:?}");
    worker.shutdown().unwrap();
}

#[test]
fn shutdown_lets_calls_finish_and_runs_exit_listeners() {
    let (tx, rx) = mpsc::channel::<String>();
    let worker = Worker::spawn(move || {
        let rt = Runtime::new()?;
        rt.register_fn("record", move |args| {
            let line = args.iter().map(|a| format!("{a:?}")).collect::<Vec<_>>();
            tx.send(line.join(" ")).unwrap();
            Ok(JsValue::Undefined)
        })?;
        rt.eval("process.on('exit', (c) => record('exit', c)); process.exitCode = 5")?;
        Ok(rt)
    })
    .unwrap();
    let call = worker.eval("new Promise((ok) => setTimeout(ok, 5, 'late'))");
    assert_eq!(worker.shutdown().unwrap(), 5);
    assert_eq!(tokio().block_on(call).unwrap(), JsValue::from("late"));
    let recorded: Vec<String> = rx.try_iter().collect();
    assert_eq!(recorded, ["String(\"exit\") Number(5.0)"]);
}

#[test]
fn a_pool_sends_calls_to_the_workers_that_are_not_busy() {
    let (tx, rx) = mpsc::channel::<Settler>();
    let tx = std::sync::Mutex::new(tx);
    let pool = WorkerPool::spawn(2, move |i| {
        let rt = Runtime::new()?;
        let tx = tx.lock().unwrap().clone();
        rt.register_async_fn("block", move |_, settler| tx.send(settler).unwrap())?;
        rt.eval(&format!(
            "globalThis.id = {i}; globalThis.whoami = () => id"
        ))?;
        Ok(rt)
    })
    .unwrap();
    let blocked = pool.call("block", vec![]);
    let settler = rx.recv().unwrap();
    assert_eq!(pool.workers()[0].in_flight(), 1);
    let rt = tokio();
    for _ in 0..5 {
        let who = rt.block_on(pool.call("whoami", vec![])).unwrap();
        assert_eq!(who, JsValue::from(1));
    }
    settler.resolve(JsValue::from("unblocked"));
    assert_eq!(rt.block_on(blocked).unwrap(), JsValue::from("unblocked"));
    // Both idle again: the first worker gets the next call.
    assert_eq!(
        rt.block_on(pool.call("whoami", vec![])).unwrap(),
        JsValue::from(0)
    );
    assert_eq!(pool.shutdown().unwrap(), vec![0, 0]);
}

#[test]
fn a_worker_imports_a_module_and_calls_its_exports() {
    let dir = std::env::temp_dir().join(format!("jsloop-worker-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("math.mjs");
    std::fs::write(
        &file,
        "export const twice = async (n) => { await null; return n * 2 }; export const name = 'math';",
    )
    .unwrap();
    let worker = Worker::spawn(|| {
        Runtime::builder()
            .permissions(jsloop_quickjs::Permissions::all())
            .build()
    })
    .unwrap();
    let rt = tokio();
    let ns = rt
        .block_on(worker.import(file.display().to_string()))
        .unwrap();
    assert_eq!(ns.get("name"), Some(&JsValue::from("math")));
    let Some(JsValue::Function(twice)) = ns.get("twice") else {
        panic!("{ns:?}")
    };
    let r = rt.block_on(worker.call_function(twice, vec![JsValue::from(21)]));
    assert_eq!(r.unwrap(), JsValue::from(42));
    worker.shutdown().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_uncaught_error_in_a_worker_ends_a_run_and_the_worker_serves_on() {
    let worker = Worker::spawn(|| {
        let rt = Runtime::builder().output(Output::capture()).build()?;
        rt.eval(
            "globalThis.fail = () => { setTimeout(() => { throw new Error('late') }); return 1 }",
        )?;
        Ok(rt)
    })
    .unwrap();
    let r = tokio().block_on(worker.call("fail", vec![]));
    assert_eq!(r.unwrap(), JsValue::from(1));
    // Another call after the failed run (a timer keeps the loop busy so
    // the throw happens before the call arrives or while it is served).
    let r = tokio().block_on(worker.eval("new Promise((ok) => setTimeout(ok, 20, 2))"));
    assert_eq!(r.unwrap(), JsValue::from(2));
    let r = tokio().block_on(worker.eval("3"));
    assert_eq!(r.unwrap(), JsValue::from(3));
    assert_eq!(worker.shutdown().unwrap(), 0);
}
