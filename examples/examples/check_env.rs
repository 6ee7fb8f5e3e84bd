//! Checks this process's real environment and prints the verdict, as an app
//! would at start-up: `cargo run --example check_env`.

fn main() -> std::process::ExitCode {
    match prodguard::validate() {
        Ok(report) => {
            println!("{report:#}");
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            println!("{err}");
            std::process::ExitCode::from(78)
        }
    }
}
