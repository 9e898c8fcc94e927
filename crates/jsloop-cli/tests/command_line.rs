//! node's command line: `jsloop FILE`, `-e`, `-p`, standard input,
//! `--env-file`, `JSLOOP_OPTIONS`, and exit code 9 for bad usage. Each
//! expected output is what node v20.20.2 printed for the command named
//! beside it (with `node` in place of `jsloop`).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use common::Scratch;

mod common;

fn jsloop_with(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jsloop"))
        .args(args)
        .env_remove("JSLOOP_OPTIONS")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jsloop runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn jsloop(args: &[&str]) -> Output {
    jsloop_with(args, &[], "")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Writes `name` into a directory of the calling test's own.
fn file(name: &str, text: &str) -> Scratch {
    common::script("cmdline", name, text)
}

fn exe() -> String {
    std::fs::canonicalize(env!("CARGO_BIN_EXE_jsloop"))
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn print_shows_the_completion_value_as_console_log() {
    for (code, expected) in [
        ("1+1", "2\n"),                                                 // node -p '1+1'
        ("'a'", "a\n"),                                                 // node -p "'a'"
        ("({a:1,b:\"x\",c:[1,2]})", "{ a: 1, b: 'x', c: [ 1, 2 ] }\n"), // node -p '({a:1,b:"x",c:[1,2]})'
        ("undefined", "undefined\n"),                                   // node -p 'undefined'
        ("var y = 4", "undefined\n"),                                   // node -p 'var y = 4'
        ("Promise.resolve(3)", "Promise { 3 }\n"), // node -p 'Promise.resolve(3)'
        (
            "[__filename, __dirname, this === globalThis, typeof module]",
            "[ '[eval]', '.', true, 'object' ]\n",
        ),
    ] {
        let out = jsloop(&["-p", code]);
        assert_eq!(
            (stdout(&out), out.status.code()),
            (expected.into(), Some(0)),
            "{code}"
        );
    }
    // node -pe 1+2
    assert_eq!(stdout(&jsloop(&["-pe", "1+2"])), "3\n");
    // node --print '2*3'
    assert_eq!(stdout(&jsloop(&["--print", "2*3"])), "6\n");
}

#[test]
fn print_comes_right_after_the_script_before_ticks_and_timers() {
    // node -p 'process.on("exit",()=>console.log("exit"));setTimeout(()=>console.log("t"));
    //   Promise.resolve().then(()=>console.log("m")); process.nextTick(()=>console.log("n")); 5'
    let out = jsloop(&[
        "-p",
        "process.on('exit',()=>console.log('exit'));setTimeout(()=>console.log('t'));\
         Promise.resolve().then(()=>console.log('m')); process.nextTick(()=>console.log('n')); 5",
    ]);
    assert_eq!(stdout(&out), "5\nn\nm\nt\nexit\n");
    // node -p 'process.exitCode = 3; 7'
    let out = jsloop(&["-p", "process.exitCode = 3; 7"]);
    assert_eq!((stdout(&out), out.status.code()), ("7\n".into(), Some(3)));
    // node -p 'process.exit(2); 7'
    let out = jsloop(&["-p", "process.exit(2); 7"]);
    assert_eq!((stdout(&out), out.status.code()), ("".into(), Some(2)));
}

#[test]
fn process_argv_for_each_form() {
    let argv = "console.log(JSON.stringify(process.argv.slice(1)))";
    // node -e '…' a --flag
    assert_eq!(
        stdout(&jsloop(&["-e", argv, "a", "--flag"])),
        "[\"a\",\"--flag\"]\n"
    );
    // node -e '…' -- a
    assert_eq!(stdout(&jsloop(&["-e", argv, "--", "a"])), "[\"a\"]\n");
    // echo '…' | node - x y
    assert_eq!(
        stdout(&jsloop_with(&["-", "x", "y"], &[], argv)),
        "[\"-\",\"x\",\"y\"]\n"
    );
    // echo '…' | node
    assert_eq!(stdout(&jsloop_with(&[], &[], argv)), "[]\n");
    // node -p 'process.argv' a
    let out = jsloop(&["-p", "process.argv", "a"]);
    assert_eq!(stdout(&out), format!("[ '{}', 'a' ]\n", exe()));
    // node FILE a --flag (the shorthand of jsloop run)
    let path = file("argv.js", argv);
    let out = jsloop(&[path.to_str().unwrap(), "a", "--flag"]);
    let script = std::fs::canonicalize(&path).unwrap().display().to_string();
    assert_eq!(stdout(&out), format!("[{script:?},\"a\",\"--flag\"]\n"));
    // node --max-old-space-size=64 FILE -e x: options end at the script.
    let out = jsloop(&["--max-old-space-size=64", path.to_str().unwrap(), "-e", "x"]);
    assert_eq!(stdout(&out), format!("[{script:?},\"-e\",\"x\"]\n"));
}

#[test]
fn standard_input_is_the_script_named_stdin() {
    // echo 'console.log(__filename); throw new Error("s")' | node
    let out = jsloop_with(&[], &[], "console.log(__filename); throw new Error(\"s\")");
    assert_eq!(stdout(&out), "[stdin]\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[stdin]:1:32"), "{}", stderr(&out));
    // echo 'process.argv.length' | node -p
    let out = jsloop_with(&["-p"], &[], "process.argv.length");
    assert_eq!(stdout(&out), "1\n");
    // printf '#!/usr/bin/env node\nconsole.log(2)' | node -
    let out = jsloop_with(&["-"], &[], "#!/usr/bin/env node\nconsole.log(2)");
    assert_eq!(stdout(&out), "2\n");
}

#[test]
fn eval_errors_name_the_script_eval() {
    // node -e 'throw new Error("x")': "    at [eval]:1:7", exit code 1.
    let out = jsloop(&["--eval", "throw new Error('x')"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("[eval]:1:7"), "{}", stderr(&out));
}

#[test]
fn bad_usage_exits_9_with_nodes_message() {
    for (args, message) in [
        (&["--bogus"][..], "bad option: --bogus"), // node --bogus
        (&["-e", "1", "--foo"], "bad option: --foo"), // node -e 1 --foo
        (&["-e"], "-e requires an argument"),      // node -e
        (
            &["--input-type=foo", "-e", "1"],
            "--input-type must be \"module\" or \"commonjs\"",
        ),
        (
            &["--env-file=missing.env", "-e", "1"],
            "missing.env: not found",
        ),
        (
            &["--env-file", "missing.env", "-e", "1"],
            "missing.env: not found",
        ),
    ] {
        let out = jsloop(args);
        assert_eq!(out.status.code(), Some(9), "{args:?}");
        assert_eq!(stderr(&out), format!("jsloop: {message}\n"), "{args:?}");
        assert_eq!(stdout(&out), "");
    }
}

#[test]
fn env_files_set_process_env_without_replacing_the_environment() {
    let env = file(
        "vars.env",
        "# comment\nA=1\nexport B=two\nD=\"double\\nnewline\"\nE=unquoted # comment\nEXISTING=fromfile\n",
    );
    let env = env.to_str().unwrap();
    // EXISTING=fromenv node --env-file=F -p 'JSON.stringify([A, B, D, E, EXISTING])'
    let out = jsloop_with(
        &[
            "--env-file",
            env,
            "-p",
            "const e = process.env; JSON.stringify([e.A, e.B, e.D, e.E, e.EXISTING])",
        ],
        &[("EXISTING", "fromenv")],
        "",
    );
    assert_eq!(
        stdout(&out),
        "[\"1\",\"two\",\"double\\nnewline\",\"unquoted\",\"fromenv\"]\n"
    );
    // node --env-file-if-exists=nope -e 'console.log(1)'
    let out = jsloop(&["--env-file-if-exists=nope.env", "-e", "console.log(1)"]);
    assert_eq!(
        (stdout(&out), stderr(&out)),
        (
            "1\n".into(),
            "nope.env not found. Continuing without it.\n".into()
        )
    );
}

#[test]
fn jsloop_options_come_before_the_command_line() {
    // NODE_OPTIONS='-e 1' node -e 1
    let out = jsloop_with(&["-e", "1"], &[("JSLOOP_OPTIONS", "-e 1")], "");
    assert_eq!(out.status.code(), Some(9));
    assert_eq!(
        stderr(&out),
        "jsloop: -e is not allowed in JSLOOP_OPTIONS\n"
    );
    // NODE_OPTIONS='--env-file=x' node -e 1
    let out = jsloop_with(&["-e", "1"], &[("JSLOOP_OPTIONS", "--env-file=x")], "");
    assert_eq!(
        stderr(&out),
        "jsloop: --env-file= is not allowed in JSLOOP_OPTIONS\n"
    );
    // NODE_OPTIONS='"x' node -e 1
    let out = jsloop_with(&["-e", "1"], &[("JSLOOP_OPTIONS", "\"x")], "");
    assert_eq!(out.status.code(), Some(9));
    // An allowed option takes effect (NODE_OPTIONS=--input-type=module node -p 1
    // fails with ERR_EVAL_ESM_CANNOT_PRINT, exit code 1).
    let out = jsloop_with(
        &["-p", "1"],
        &[("JSLOOP_OPTIONS", "--input-type=module")],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--print cannot be used with ESM input"));
    // ...and the command line's comes after it.
    let out = jsloop_with(
        &["--input-type=commonjs", "-p", "1"],
        &[("JSLOOP_OPTIONS", "--input-type=module")],
        "",
    );
    assert_eq!(stdout(&out), "1\n");
    // An env file's JSLOOP_OPTIONS counts when the environment has none.
    let env = file("options.env", "JSLOOP_OPTIONS=--bogus\n");
    let out = jsloop(&["--env-file", env.to_str().unwrap(), "-e", "1"]);
    assert_eq!(
        stderr(&out),
        "jsloop: --bogus is not allowed in JSLOOP_OPTIONS\n"
    );
}

#[test]
fn input_type_module_runs_eval_and_stdin_code_as_an_es_module() {
    // node --input-type=module -e "import m from 'node:module'; console.log(typeof m.createRequire, typeof require, import.meta.url.startsWith('file:///'))"
    let out = jsloop(&[
        "--input-type=module",
        "-e",
        "import m from 'node:module'; console.log(typeof m.createRequire, typeof require, import.meta.url.startsWith('file:///'))",
    ]);
    assert_eq!(
        stdout(&out),
        "function undefined true\n",
        "{}",
        stderr(&out)
    );
    // echo "const x = await Promise.resolve(5); console.log(x)" | node --input-type=module
    let out = jsloop_with(
        &["--input-type=module"],
        &[],
        "const x = await Promise.resolve(5); console.log(x)",
    );
    assert_eq!(stdout(&out), "5\n", "{}", stderr(&out));
}

#[test]
fn require_preloads_run_before_the_main_script_in_order() {
    let first = file("preload-first.js", "globalThis.order = ['first'];");
    let second = file("preload-second.js", "globalThis.order.push('second');");
    let main = file(
        "preload-main.js",
        "console.log(order.concat('main').join(' '), require.main === module);",
    );
    // node -r FIRST --require SECOND MAIN
    let out = jsloop(&[
        "-r",
        first.to_str().unwrap(),
        "--require",
        second.to_str().unwrap(),
        main.to_str().unwrap(),
    ]);
    assert_eq!(stdout(&out), "first second main true\n", "{}", stderr(&out));
}

#[test]
fn import_preloads_run_after_require_preloads_and_finish_before_the_main_script() {
    let required = file("import-order-require.js", "globalThis.order = ['require'];");
    let imported = file(
        "import-order-import.mjs",
        "globalThis.order.push('import');
         await new Promise((r) => setTimeout(r, 1));
         globalThis.order.push('awaited');",
    );
    let main = file(
        "import-order-main.js",
        "console.log(order.concat('main').join(' '));",
    );
    // node --import IMPORTED -r REQUIRED MAIN
    let out = jsloop(&[
        "--import",
        imported.to_str().unwrap(),
        "-r",
        required.to_str().unwrap(),
        main.to_str().unwrap(),
    ]);
    assert_eq!(
        stdout(&out),
        "require import awaited main\n",
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_preload_that_exits_ends_the_process_with_its_code() {
    let exits = file("preload-exits.js", "process.exit(3);");
    let main = file("preload-exits-main.js", "console.log('main ran');");
    // node -r EXITS MAIN; node --import EXITS MAIN: status 3, nothing printed.
    for flag in ["-r", "--import"] {
        let out = jsloop(&[flag, exits.to_str().unwrap(), main.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(3), "{flag}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{flag}");
        assert_eq!(stderr(&out), "", "{flag}");
    }
}

#[test]
fn an_import_preload_that_is_not_found_fails_as_node() {
    let main = file("import-missing-main.js", "console.log('main ran');");
    let missing = main.with_file_name("import-missing.mjs");
    // node --import MISSING MAIN: ERR_MODULE_NOT_FOUND, status 1.
    let out = jsloop(&[
        "--import",
        missing.to_str().unwrap(),
        main.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let cwd = std::env::current_dir().unwrap();
    let expected = format!(
        "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '{}' imported from {}/",
        missing.display(),
        cwd.display()
    );
    assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
}
