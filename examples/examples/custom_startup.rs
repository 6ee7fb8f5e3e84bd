//! Custom start-up code calling `prodguard::validate()` instead of the attribute: `cargo run --example custom_startup`.
//!
//! For when the decision belongs to the app: here it logs the verdict its
//! own way and exits with 78 (`EX_CONFIG`), the code `prodguard check` uses.

use std::process::ExitCode;

fn main() -> ExitCode {
    if let Err(code) = check_configuration() {
        return code;
    }
    println!("serving requests");
    ExitCode::SUCCESS
}

fn check_configuration() -> Result<(), ExitCode> {
    match prodguard::validate() {
        Ok(report) => {
            // The start-up line, then a line per warning and allowed check.
            eprintln!("{report:#}");
            Ok(())
        }
        Err(err) => {
            // The whole report: every bad variable and how to fix it.
            // Never a password or the value of SECRET_KEY.
            eprintln!("{err}");
            Err(ExitCode::from(78))
        }
    }
}
