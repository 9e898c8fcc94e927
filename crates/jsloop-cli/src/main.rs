//! The `jsloop` command: run JavaScript files on the jsloop event loop,
//! the way `node` runs them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use jsloop_quickjs::{Permissions, Runtime, Stream};

mod heap_limit;

/// Run JavaScript with Node's event-loop semantics on QuickJS.
#[derive(Debug, Parser)]
#[command(name = "jsloop", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a script file (`.mjs` files, or any with --module, as ES modules).
    Run {
        #[command(flatten)]
        v8: V8Options,
        /// Treat the file as an ES module.
        #[arg(long)]
        module: bool,
        /// The script to run.
        file: PathBuf,
        /// Arguments the script sees in `process.argv` after its path.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Evaluate a string of code as a script.
    Eval {
        #[command(flatten)]
        v8: V8Options,
        /// The code.
        code: String,
    },
}

/// The V8 options node accepts that jsloop honours.
#[derive(Debug, Args)]
struct V8Options {
    /// Heap limit in MiB (default: from the machine's memory, as node's);
    /// past it the process ends as node's does: "FATAL ERROR: Reached heap
    /// limit ..." and SIGABRT (exit code 134).
    #[arg(long, value_name = "MB", alias = "max_old_space_size")]
    max_old_space_size: Option<u64>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "jsloop".into());
    let (argv, job, v8) = match cli.command {
        Command::Run {
            v8,
            module,
            file,
            args,
        } => {
            let mut argv = vec![exe, Runtime::script_path(&file).display().to_string()];
            argv.extend(args);
            let module = module || file.extension().is_some_and(|e| e == "mjs");
            (argv, Job::File { file, module }, v8)
        }
        Command::Eval { v8, code } => (vec![exe], Job::Eval(code), v8),
    };
    let heap = heap_limit::heap_limit(v8.max_old_space_size);
    let builder = Runtime::builder()
        .argv(argv)
        .permissions(Permissions::all())
        .fatal_heap_limit(usize::try_from(heap).unwrap_or(usize::MAX));
    let rt = match builder.build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("jsloop: {e}");
            return ExitCode::from(2);
        }
    };
    let started = match &job {
        Job::File { file, module: true } => rt.run_module(file),
        Job::File {
            file,
            module: false,
        } => rt.run_file(file),
        Job::Eval(code) => rt.run_script("[eval]", code),
    };
    if let Err(e) = started {
        rt.write(Stream::Stderr, &format!("jsloop: {e}\n"));
        return ExitCode::from(1);
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

enum Job {
    File { file: PathBuf, module: bool },
    Eval(String),
}
