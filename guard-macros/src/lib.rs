//! The `#[production_safe]` attribute of [prodguard]. An implementation
//! detail: depend on prodguard, which re-exports it (default feature
//! `macros`), and write `prodguard::production_safe`.
//!
//! [prodguard]: https://docs.rs/guard-core
#![warn(missing_docs)]
#![allow(clippy::needless_doctest_main)]

mod ast;
mod expand;
mod valid;

use proc_macro::TokenStream;

/// Refuses to start a misconfigured production deployment: checks the
/// environment before the first line of `main` runs.
///
/// ```no_run
/// use prodguard::production_safe;
///
/// #[production_safe]
/// fn main() {
///     // Runs only when the configuration is fit for production.
/// }
/// ```
///
/// On success it prints the start-up line (`✅ Using PostgreSQL database
/// from DATABASE_URL`) and any warnings to stderr; on failure it panics with
/// the whole report, every misconfigured variable with its remediation,
/// before any line of the body runs. The report never holds a password or
/// the value of `SECRET_KEY`.
///
/// # Equivalent code without the attribute
///
/// ```no_run
/// fn main() {
///     match prodguard::validate() {
///         Ok(report) => eprintln!("{report:#}"),
///         Err(err) => panic!("{err}"),
///     }
///     // Runs only when the configuration is fit for production.
/// }
/// ```
///
/// # Options
///
/// They mirror prodguard's `Policy` builder:
///
/// | option | what it does | `Policy` method |
/// | --- | --- | --- |
/// | `profile(rails)` | the framework's own names and rules (`django`, the default, `rails`, `laravel`, `phoenix`, `node`, `flask`, `spring`); a misspelt one is a compile error listing them | `Policy::for_profile(Profile::Rails)` |
/// | `require("REDIS_URL", ...)` | the app needs these variables too: unset is `required_variable_missing` | `.require("REDIS_URL")` |
/// | `allow(check_id, ...)` | these checks never block start-up (still reported, as allowed); an id is a constant of `prodguard::checks` | `.allow(Check::...)` |
/// | `rename(SECRET_KEY = "SESSION_SECRET", ...)` | the app reads this variable under another name; VARIABLE is the profile's name for it (`SECRET_KEY`, `DEBUG`, ...; `APP_KEY` under `profile(laravel)`) | `.rename(Variable::SecretKey, "SESSION_SECRET")` |
/// | `no_database` | the app has no database: nothing reads `DATABASE_URL` | `.no_database()` |
/// | `no_secret` | the app signs nothing: nothing reads `SECRET_KEY` | `.no_secret()` |
/// | `cookie_key` | the secret signs Rust's `cookie::Key`: at least 64 bytes | `.cookie_key()` |
/// | `quiet` | print nothing on success | |
/// | `exit` | on failure print the report to stderr and exit with 78 (`EX_CONFIG`): no panic message, no abort under `panic = "abort"` | |
/// | `dotenv`, `dotenv = "PATH"` | load `.env` (or `PATH`) first, for local development; a missing file is no error, and a variable already set wins. Needs prodguard's `dotenv` cargo feature: without it, the option is a compile error that says so | |
/// | `probe`, `probe = "500ms"` | connect to the database's hosts before starting and make the protocol's first exchange, the whole probe within the bound (`"2s"`, `"500ms"`; 5 s by default). Needs prodguard's `probe` cargo feature | `.probe(Duration::from_millis(500))` |
///
/// ```no_run
/// use prodguard::production_safe;
///
/// #[production_safe(
///     require("REDIS_URL", "STRIPE_KEY"),
///     allow(database_host_local),
///     rename(SECRET_KEY = "SESSION_SECRET"),
///     exit,
/// )]
/// fn main() {
///     // ...
/// }
/// ```
///
/// is, without the attribute:
///
/// ```no_run
/// use prodguard::{Check, Policy, Variable};
///
/// fn main() {
///     let policy = Policy::new()
///         .require("REDIS_URL")
///         .require("STRIPE_KEY")
///         .allow(Check::DatabaseHostLocal)
///         .rename(Variable::SecretKey, "SESSION_SECRET");
///     match policy.validate() {
///         Ok(report) => eprintln!("{report:#}"),
///         Err(err) => {
///             eprintln!("{err}");
///             std::process::exit(78);
///         }
///     }
///     // ...
/// }
/// ```
///
/// # `main` of any shape
///
/// It works on a sync `main` and on an `async fn main` under
/// `#[tokio::main]` or `#[actix_web::main]` (`#[actix_rt::main]`), whatever
/// the return type (`()`, `Result<(), E>`, `ExitCode`, `!`). It inserts one
/// statement at the top of the body, re-emits every other attribute in
/// order and never changes the signature. With a runtime, write it
/// **below** the runtime's attribute:
///
/// ```no_run
/// use prodguard::production_safe;
///
/// #[tokio::main]
/// #[production_safe]
/// async fn main() {
///     // ...
/// }
/// ```
///
/// The outer attribute expands first: `#[tokio::main]` turns `main` into a
/// sync fn that builds the runtime, and `#[production_safe]` then checks at
/// the top of that fn, before any runtime thread starts. Written the other
/// way round, the check runs inside the runtime, at the top of the async
/// body: it still runs before the body, but after the runtime is built.
///
/// # Mistakes
///
/// Misuse is one compile error, spanned on the offending token, that says
/// what is valid: on a fn that is not `main` (call `prodguard::validate()`
/// in custom start-up code instead), on an item that is not a fn, on
/// `main` with parameters, on an unknown or duplicated option, and on a
/// variable name that is not a string literal, is empty, or holds `=` or
/// NUL. An unknown check id or variable is the compiler's own error, with
/// its "a constant with a similar name exists" hint. The catalogue of
/// mistakes and their messages is `tests/ui/` in guard's repository.
#[proc_macro_attribute]
pub fn production_safe(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::production_safe(args.into(), item.into()).into()
}
