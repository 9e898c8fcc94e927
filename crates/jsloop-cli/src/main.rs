//! The `jsloop` command: run JavaScript on the jsloop event loop with
//! node's command line (`jsloop FILE`, `-e`, `-p`, standard input,
//! `--env-file`, `JSLOOP_OPTIONS`).

use std::process::ExitCode;

use jsloop_quickjs::{Permissions, Runtime, Stream};

use args::Action;
use job::Job;

mod args;
mod env_file;
mod heap_limit;
mod job;
mod setup;

const HELP: &str = "\
Run JavaScript with Node's event-loop semantics on QuickJS.

Usage: jsloop [options] [FILE | -e CODE | -p CODE | -] [arguments]
       jsloop run [--module] [options] FILE [arguments]
       jsloop eval [options] CODE

With no FILE and no code, the script is read from standard input.

Options:
  -e, --eval CODE              evaluate CODE as a script
  -p, --print [CODE]           evaluate CODE (or standard input) and print the result
  --input-type=TYPE            commonjs (default) or module: how to run -e, -p and stdin
  -r, --require MODULE         require MODULE (from the working directory) first
  --import MODULE              import MODULE (from the working directory) after -r, before the script
  --env-file=FILE              set environment variables from FILE
  --env-file-if-exists=FILE    the same, if FILE exists
  --max-old-space-size=MB      heap limit (default: from the machine's memory, as node's)
  --module                     run FILE as an ES module (as .mjs files are)
  -h, --help                   print this help
  -v, --version                print the version

Environment:
  JSLOOP_OPTIONS               options read before the command line's, as NODE_OPTIONS
                               (only --input-type and --max-old-space-size)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let run = match setup::action(&args) {
        Ok(Action::Run(run)) => run,
        Ok(Action::Help) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Ok(Action::Version) => {
            println!("jsloop {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("jsloop: {e}");
            return ExitCode::from(9);
        }
    };
    let job = match Job::new(&run) {
        Ok(job) => job,
        Err(e) => {
            eprintln!("jsloop: {e}");
            return ExitCode::from(e.exit_code());
        }
    };
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "jsloop".into());
    let heap = heap_limit::heap_limit(run.max_old_space_size);
    let builder = Runtime::builder()
        .argv(job.argv(exe, &run.args))
        .permissions(Permissions::all())
        .fatal_heap_limit(usize::try_from(heap).unwrap_or(usize::MAX));
    let rt = match builder.build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("jsloop: {e}");
            return ExitCode::from(2);
        }
    };
    let started = run
        .preloads
        .iter()
        .try_for_each(|specifier| rt.preload(specifier))
        .and_then(|()| {
            run.imports
                .iter()
                .try_for_each(|specifier| rt.import_preload(specifier))
        })
        .and_then(|()| job.start(&rt));
    match started {
        // A preload ended the process (process.exit, an uncaught error):
        // its exit code is what run() gives.
        Ok(()) | Err(jsloop_quickjs::Error::Exiting) => {}
        Err(e) => {
            rt.write(Stream::Stderr, &format!("jsloop: {e}\n"));
            return ExitCode::from(1);
        }
    }
    match rt.run() {
        // As a process's exit status: the low 8 bits (-1 → 255, 300 → 44).
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            rt.write(Stream::Stderr, &format!("jsloop: {e}\n"));
            ExitCode::from(1)
        }
    }
}
