//! `guard`: guard-core's checks from a shell, a pre-deploy command or CI.
//!
//! A thin shell: it parses arguments, reads env files, and renders what
//! guard-core decided (verdicts, messages, remediation, explanations) as
//! text or JSON.

mod env_file;
mod render;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use guard_core::{Check, DatabaseUrl, Policy, UnknownCheck, Variable};

/// Fit to start: no error (warnings allowed).
const EXIT_FIT: u8 = 0;
/// A usage error, an unknown check id, an unreadable file.
const EXIT_USAGE: u8 = 2;
/// Misconfigured: sysexits' `EX_CONFIG`.
const EXIT_MISCONFIGURED: u8 = 78;

const ROOT_AFTER_HELP: &str = "\
Examples:
  guard check                                   check this process's environment
  guard check --env-file examples/env/incident.env
  guard check --env-file .env --env-file .env.production --format json
  guard explain sqlite_in_production
  guard classify -                              classify a pasted URL, kept out of history

Exit status: 0 fit to start (warnings allowed), 78 misconfigured (EX_CONFIG),
2 usage error, unknown check id or unreadable file.";

const CHECK_AFTER_HELP: &str = "\
Examples:
  # As Railway's pre-deploy command: a failure stops the deploy and the
  # running version keeps serving.
  guard check

  # Replay the incident guard exists for (exit status 78):
  guard check --env-file examples/env/incident.env

  # In CI, against the variables a deployment will get:
  guard check --env-file deploy/production.env --require REDIS_URL --format json

  # Run SQLite on a persistent volume deliberately:
  guard check --allow sqlite_in_production

  # An app that names its secret SESSION_SECRET and has no database:
  guard check --rename SECRET_KEY=SESSION_SECRET --no-database

Production = a hosting platform is detected (RAILWAY_ENVIRONMENT, DYNO, ...)
or DEBUG is not true. `guard explain` lists every check.

Exit status: 0 fit to start (warnings allowed), 78 misconfigured (EX_CONFIG),
2 usage error, unknown check id or unreadable file.";

const EXPLAIN_AFTER_HELP: &str = "\
Examples:
  guard explain                        list every check with its summary
  guard explain secret_key_weak        what it catches, why, how to fix, how to allow";

const CLASSIFY_AFTER_HELP: &str = "\
Examples:
  guard classify                               DATABASE_URL from the environment
  guard classify --url 'sqlite:///app/db.sqlite3'
  guard classify -                             paste the URL, press Enter: it stays
                                               out of shell history

Passwords and secret parameters are always shown as ***.

Exit status: 0 classified, 78 the value cannot be used as a connection string,
2 usage error or nothing to classify.";

/// Refuse to start a misconfigured production deployment.
///
/// guard checks that a deployment's DEBUG, LOCAL_TEST, DATABASE_URL and
/// SECRET_KEY (and more) are fit for production, reports every problem at
/// once with where to fix it, and exits non-zero when it is not.
#[derive(Debug, Parser)]
// A bare `guard` is a usage error whose first line says so, not the help
// text (clap's default for a required subcommand).
#[command(
    name = "guard",
    version,
    after_help = ROOT_AFTER_HELP,
    arg_required_else_help = false
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the environment (or env files) and report every problem.
    #[command(after_help = CHECK_AFTER_HELP)]
    Check(Deferred<CheckArgs>),
    /// Describe a check, or list every check.
    #[command(after_help = EXPLAIN_AFTER_HELP)]
    Explain(Deferred<ExplainArgs>),
    /// Show the backend family and shown form of DATABASE_URL.
    #[command(after_help = CLASSIFY_AFTER_HELP)]
    Classify(Deferred<ClassifyArgs>),
}

/// A subcommand's arguments, defined only when that subcommand is parsed
/// or its help shown (clap's [`clap::Command::defer`]).
///
/// `guard` starts at every deploy: defining the arguments of all three
/// subcommands to run one of them cost `guard check` 10k instructions and
/// `guard --version` 35k of its 353k (BENCHMARKS.md, "The guard command").
#[derive(Debug)]
struct Deferred<T>(T);

// The `_mut` forms are forwarded too: their defaults would go through
// `T::from_arg_matches`, which clones the matches before taking the values
// out of the clone.
impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Self)
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Self)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: Args> Args for Deferred<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args)
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(T::augment_args_for_update)
    }
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Check exactly the variables in FILE instead of the process
    /// environment; repeat for several files, later files win. Values are
    /// read literally: `${VAR}` is never expanded.
    #[arg(long = "env-file", value_name = "FILE")]
    env_files: Vec<PathBuf>,

    /// Allow a check by id: still reported, marked allowed, never blocks.
    /// Repeatable; `guard explain` lists the ids.
    #[arg(long, value_name = "ID", value_parser = parse_check)]
    allow: Vec<Check>,

    /// Require a variable of the app's own (an error in production when
    /// unset). Repeatable.
    #[arg(long, value_name = "VAR", value_parser = parse_variable_name)]
    require: Vec<String>,

    /// Read one of guard's variables under the app's own name, e.g.
    /// SECRET_KEY=SESSION_SECRET. Repeatable.
    #[arg(long, value_name = "VAR=NAME", value_parser = parse_rename)]
    rename: Vec<(Variable, String)>,

    /// The app has no database: no check reads DATABASE_URL.
    #[arg(long)]
    no_database: bool,

    /// The app signs nothing: no check reads SECRET_KEY.
    #[arg(long)]
    no_secret: bool,

    /// Output format. JSON goes to stdout and nothing else does.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// The check's id, e.g. sqlite_in_production; omit to list every check.
    #[arg(value_name = "ID", value_parser = parse_check)]
    check: Option<Check>,
}

#[derive(Debug, Args)]
struct ClassifyArgs {
    /// `-` reads the connection string from standard input (same as
    /// --stdin).
    #[arg(value_name = "-", value_parser = ["-"], conflicts_with_all = ["url", "stdin"])]
    dash: Option<String>,

    /// Classify URL instead of DATABASE_URL (it then sits in shell history:
    /// prefer --stdin).
    #[arg(long, value_name = "URL", conflicts_with = "stdin")]
    url: Option<String>,

    /// Read the connection string from the first line of standard input.
    #[arg(long)]
    stdin: bool,

    /// The variable to read when neither --url nor --stdin is given.
    #[arg(
        long = "var",
        value_name = "NAME",
        default_value = "DATABASE_URL",
        value_parser = parse_variable_name
    )]
    variable: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// How to print the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The report, for people.
    Text,
    /// One JSON object on stdout, for machines.
    Json,
}

fn parse_check(id: &str) -> Result<Check, UnknownCheck> {
    id.parse()
}

fn parse_rename(pair: &str) -> Result<(Variable, String), String> {
    let names = || {
        Variable::ALL
            .iter()
            .map(|v| v.default_name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (from, to) = pair
        .split_once('=')
        .ok_or_else(|| "expected VAR=NAME, e.g. SECRET_KEY=SESSION_SECRET".to_owned())?;
    let variable = Variable::ALL
        .iter()
        .copied()
        .find(|v| v.default_name().eq_ignore_ascii_case(from.trim()))
        .ok_or_else(|| format!("`{from}` is none of guard's variables: {}", names()))?;
    Ok((variable, parse_variable_name(to.trim())?))
}

fn parse_variable_name(name: &str) -> Result<String, String> {
    if name.is_empty() || name.contains(['=', '\0']) {
        Err("a variable name must be non-empty and hold no `=`".to_owned())
    } else {
        Ok(name.to_owned())
    }
}

/// A problem that is no verdict: exit status 2 with one clear line.
struct UsageError(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check(Deferred(args)) => check(args),
        Command::Explain(Deferred(args)) => Ok(explain(args)),
        Command::Classify(Deferred(args)) => classify(args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(UsageError(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn check(args: CheckArgs) -> Result<u8, UsageError> {
    let mut policy = Policy::new();
    for check in args.allow {
        policy = policy.allow(check);
    }
    for name in args.require {
        policy = policy.require(name);
    }
    for (variable, name) in args.rename {
        policy = policy.rename(variable, name);
    }
    if args.no_database {
        policy = policy.no_database();
    }
    if args.no_secret {
        policy = policy.no_secret();
    }
    let result = if args.env_files.is_empty() {
        policy.validate()
    } else {
        let unreadable = |err: env_file::EnvFileError| UsageError(err.to_string());
        let texts = env_file::read_all(&args.env_files).map_err(unreadable)?;
        let vars = env_file::variables(&args.env_files, &texts).map_err(unreadable)?;
        policy.validate_env(vars.iter().map(|(name, value)| (*name, value.as_ref())))
    };
    let (report, fit, text) = match &result {
        Ok(report) => (report, true, format!("{report:#}")),
        Err(err) => (err.report(), false, err.to_string()),
    };
    match args.format {
        Format::Text => print(&render::paint(&text, render::colour_stdout())),
        Format::Json => print(&json_text(&render::check_json(report, fit))),
    }
    Ok(if fit { EXIT_FIT } else { EXIT_MISCONFIGURED })
}

fn explain(args: ExplainArgs) -> u8 {
    match args.check {
        Some(check) => print(&check.explain()),
        None => {
            let width = Check::ALL.iter().map(|c| c.id().len()).max().unwrap_or(0);
            let mut text = String::from("Checks (severity in production, then summary):\n");
            for check in Check::ALL {
                text.push_str(&format!(
                    "  {:<width$}  {:<7}  {}\n",
                    check.id(),
                    check.severity_in_production().id(),
                    check.summary()
                ));
            }
            text.push_str("\n`guard explain ID` describes one check.");
            print(&text);
        }
    }
    EXIT_FIT
}

fn classify(args: ClassifyArgs) -> Result<u8, UsageError> {
    let (raw, source) = if args.stdin || args.dash.is_some() {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| UsageError(format!("cannot read standard input: {e}")))?;
        (line, "standard input".to_owned())
    } else if let Some(url) = args.url {
        (url, "--url".to_owned())
    } else {
        let value = std::env::var_os(&args.variable).ok_or_else(|| {
            UsageError(format!(
                "{} is not set; pass --url URL, or a line on standard input with --stdin",
                args.variable
            ))
        })?;
        let value = value
            .into_string()
            .map_err(|_| UsageError(format!("{} is not valid UTF-8", args.variable)))?;
        (value, args.variable)
    };
    if raw.trim().is_empty() {
        return Err(UsageError(format!(
            "no connection string to classify: {source} is empty"
        )));
    }
    match DatabaseUrl::classify(&raw) {
        Ok(url) => {
            match args.format {
                Format::Text => print(&render::classify_text(&url)),
                Format::Json => print(&json_text(&render::classify_json(&url))),
            }
            Ok(EXIT_FIT)
        }
        Err(err) => {
            let message = format!("the connection string from {source} {err}");
            match args.format {
                Format::Text => {
                    let backend = err
                        .backend()
                        .map(|b| format!("\n  backend: {} ({})", b.id(), b.name()))
                        .unwrap_or_default();
                    eprintln!("error: {message}\n  value: {}{backend}", err.shown());
                }
                Format::Json => print(&json_text(&serde_json::json!({
                    "backend": err.backend().map(guard_core::Backend::id),
                    "url": err.shown(),
                    "error": message,
                }))),
            }
            Ok(EXIT_MISCONFIGURED)
        }
    }
}

fn json_text(value: &serde_json::Value) -> String {
    // Serialising a `Value` built from strings, numbers and bools cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Writes one block of output to stdout. A closed pipe (`guard … | head`)
/// is not an error worth a panic.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}");
    let _ = stdout.flush();
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
