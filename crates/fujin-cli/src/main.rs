//! `fujin`: the merchant's command-line tool for Fujin feeds.
//!
//! Exit codes: 0 success; 1 the feed loaded but had problems (`check`:
//! rejected records, or ignored fields of its head); 2 the input could not
//! be read as a feed at all, or the command line was wrong. Errors go to
//! standard error, never a backtrace.

mod args;
mod commands;
mod input;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Check(a) => commands::check(&a, &mut out),
        Command::Nearby(a) => commands::nearby(&a, &mut out),
        Command::Convert(a) => commands::convert(&a, &mut out),
        Command::Generate(a) => commands::generate(&a, &mut out),
        Command::Pack(a) => commands::pack(&a, &mut out),
    };
    let flushed = out.flush();
    match (result, flushed) {
        (Ok(code), Ok(())) => code,
        (Err(e), _) => {
            eprintln!("fujin: {e}");
            ExitCode::from(2)
        }
        // A closed pipe (`fujin nearby … | head`) is not worth a message.
        (Ok(_), Err(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        (Ok(_), Err(e)) => {
            eprintln!("fujin: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
