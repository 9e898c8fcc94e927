//! Modules from Rust's side: native modules, the file-system permission,
//! built-ins jsloop lacks, and that a module file is read once.

mod common;

use std::path::Path;

use common::{run_main_with, scratch};
use jsloop_quickjs::{JsValue, NativeModule, Output, Permissions, Runtime, Stream};

/// Runs `main` of `dir` with `permissions` after `setup`; returns (stdout, stderr, code).
fn run(
    dir: &Path,
    main: &str,
    permissions: Permissions,
    setup: impl FnOnce(&Runtime),
) -> (String, String, i32) {
    let ran = run_main_with(permissions, &dir.join(main), setup);
    (ran.stdout, ran.stderr, ran.code)
}

fn calc() -> NativeModule {
    NativeModule::new()
        .value("version", JsValue::from(3.0))
        .function("double", |args| match args.first() {
            Some(JsValue::Number(n)) => Ok(JsValue::Number(n * 2.0)),
            _ => Err("double wants a number".into()),
        })
        .async_function("later", |args, settler| {
            let v = args.into_iter().next().unwrap_or_default();
            std::thread::spawn(move || settler.resolve(v));
        })
}

#[test]
fn a_native_module_loads_with_require_and_import_without_file_permission() {
    let dir = scratch().with(&[
        (
            "main.js",
            "const c = require('calc');
                 console.log(c.version, c.double(21), require('calc') === c);
                 try { c.double('x'); } catch (e) { console.log(e.message); }
                 c.later('async').then((v) => console.log(v));",
        ),
        (
            "main.mjs",
            "import calc, { double, version } from 'calc';
                 console.log(version, double(2), calc.version, await calc.later(7));",
        ),
    ]);
    let (stdout, stderr, code) = run(&dir, "main.js", Permissions::none(), |rt| {
        rt.register_module("calc", calc()).unwrap();
    });
    assert_eq!(
        (stdout.as_str(), code),
        ("3 42 true\ndouble wants a number\nasync\n", 0),
        "{stderr}"
    );
    let (stdout, stderr, code) = run(&dir, "main.mjs", Permissions::none(), |rt| {
        rt.register_module("calc", calc()).unwrap();
    });
    assert_eq!((stdout.as_str(), code), ("3 4 3 7\n", 0), "{stderr}");
}

#[test]
fn module_files_load_only_as_the_permissions_allow() {
    let dir = scratch().with(&[
            ("app/main.js", "try { console.log(require('./near').v, require('../outside').v); } catch (e) { console.log(e.code); }"),
            ("app/near.js", "exports.v = 'near';"),
            ("outside.js", "exports.v = 'outside';"),
        ],
    );
    let (stdout, _, _) = run(&dir, "app/main.js", Permissions::none(), |_| {});
    assert_eq!(stdout, "ERR_ACCESS_DENIED\n");
    let (stdout, _, _) = run(
        &dir,
        "app/main.js",
        Permissions::none().module_roots([dir.join("app")]),
        |_| {},
    );
    assert_eq!(stdout, "ERR_ACCESS_DENIED\n");
    let (stdout, _, _) = run(
        &dir,
        "app/main.js",
        Permissions::none().module_roots([&*dir]),
        |_| {},
    );
    assert_eq!(stdout, "near outside\n");
    let (stdout, _, _) = run(&dir, "app/main.js", Permissions::all(), |_| {});
    assert_eq!(stdout, "near outside\n");
}

#[test]
fn a_builtin_jsloop_lacks_fails_with_its_own_code() {
    let dir = scratch().with(&[
        (
            "main.js",
            "try { require('inspector'); } catch (e) { console.log(e.code, e.message); }",
        ),
        (
            "main.mjs",
            "try { await import('node:http2'); } catch (e) { console.log(e.code, e.message); }",
        ),
    ]);
    let (stdout, _, _) = run(&dir, "main.js", Permissions::all(), |_| {});
    assert_eq!(
        stdout,
        "ERR_JSLOOP_UNSUPPORTED_BUILTIN The built-in module 'node:inspector' is not provided by jsloop yet\n"
    );
    let (stdout, _, _) = run(&dir, "main.mjs", Permissions::all(), |_| {});
    assert_eq!(
        stdout,
        "ERR_JSLOOP_UNSUPPORTED_BUILTIN The built-in module 'node:http2' is not provided by jsloop yet\n"
    );
}

#[test]
fn a_module_file_is_read_once_however_often_it_is_loaded() {
    let dir = scratch().with(&[
            (
                "main.mjs",
                "import shared from './shared.cjs';
                 import './a.mjs';
                 import './b.mjs';
                 import { z } from './re.cjs';
                 import { c } from './c.mjs';
                 import { createRequire } from 'node:module';
                 const again = await import('./shared.cjs');
                 const required = createRequire(import.meta.url)('./c.mjs');
                 console.log(shared.n, again.default === shared, z, c, required.c);",
            ),
            ("re.cjs", "module.exports = require('./leaf2.cjs');"),
            ("leaf2.cjs", "exports.z = 'z';"),
            ("c.mjs", "export const c = 'c';"),
            ("a.mjs", "import s from './shared.cjs'; import { createRequire } from 'node:module'; createRequire(import.meta.url)('./shared.cjs').n++;"),
            ("b.mjs", "import s from './shared.cjs'; s.n++;"),
            ("shared.cjs", "exports.n = 1; require('./leaf.js'); require('./leaf.js');"),
            ("leaf.js", "module.exports = 'leaf';"),
        ],
    );
    let out = Output::capture();
    let rt = Runtime::builder()
        .output(out.clone())
        .permissions(Permissions::all())
        .build()
        .unwrap();
    rt.run_module(&dir.join("main.mjs")).unwrap();
    assert_eq!(rt.run().unwrap(), 0, "{}", out.captured(Stream::Stderr));
    assert_eq!(out.captured(Stream::Stdout), "3 true z c c\n");
    // a.mjs, b.mjs, shared.cjs, leaf.js, re.cjs, leaf2.cjs (read for the
    // static export scan of re.cjs, then run), c.mjs (imported, then
    // required); main.mjs is read by run_module.
    assert_eq!(rt.modules_read(), 7);
}

#[test]
fn a_js_main_file_follows_its_package_type() {
    let dir = scratch().with(&[
        ("esm/package.json", r#"{ "type": "module" }"#),
        (
            "esm/main.js",
            "import { x } from './x.js'; console.log('module', x, typeof require);",
        ),
        ("esm/x.js", "export const x = 1;"),
        ("esm/uses-require.js", "require('x');"),
        ("cjs/package.json", r#"{ "type": "commonjs" }"#),
        ("cjs/main.js", "console.log('commonjs', typeof require);"),
    ]);
    // node esm/main.js; node cjs/main.js
    let (stdout, stderr, code) = run(&dir.join("esm"), "main.js", Permissions::all(), |_| {});
    assert_eq!(
        (stdout.as_str(), code),
        ("module 1 undefined\n", 0),
        "{stderr}"
    );
    let (stdout, _, code) = run(&dir.join("cjs"), "main.js", Permissions::all(), |_| {});
    assert_eq!((stdout.as_str(), code), ("commonjs function\n", 0));
    // node esm/uses-require.js: the error names the package.json.
    let (_, stderr, code) = run(
        &dir.join("esm"),
        "uses-require.js",
        Permissions::all(),
        |_| {},
    );
    assert_eq!(code, 1);
    let expected = format!(
        "ReferenceError: require is not defined in ES module scope, you can use import instead\n\
         This file is being treated as an ES module because it has a '.js' file extension and '{}' \
         contains \"type\": \"module\". To treat it as a CommonJS script, rename it to use the '.cjs' file extension.\n",
        dir.join("esm/package.json").display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn worker_threads_loads_but_a_worker_fails_with_the_unsupported_code() {
    let dir = scratch().with(&[(
        "main.js",
        "const wt = require('worker_threads');
         try { new wt.Worker('./w.js'); } catch (e) { console.log(wt.isMainThread, e.code, e.message); }",
    )]);
    let (stdout, _, _) = run(&dir, "main.js", Permissions::all(), |_| {});
    assert_eq!(
        stdout,
        "true ERR_JSLOOP_UNSUPPORTED_BUILTIN Worker of the built-in module 'node:worker_threads' is not provided by jsloop yet\n"
    );
}
