//! `prodguard`: prodguard's checks from a shell, a pre-deploy command or CI.
//!
//! A thin shell: it parses arguments, reads env files, and renders what
//! prodguard decided (verdicts, messages, remediation, explanations) as
//! text, JSON or GitHub Actions annotations.
//!
//! Output never decides the verdict: a closed pipe (`guard … | head`) keeps
//! the exit status, a failed write to stderr is ignored, and any other
//! failed write to stdout is exit status 2, since a verdict nobody could
//! read is no verdict.

mod render;

use std::ffi::OsString;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use prodguard::{
    Check, DatabaseUrl, FrontEnd, Policy, Profile, UnknownCheck, UnknownProfile, Variable,
    VariableNameError, env_file,
};

/// Fit to start: no error (warnings allowed).
const EXIT_FIT: u8 = 0;
/// A usage error, an unknown check id, an unreadable file.
const EXIT_USAGE: u8 = 2;
/// Misconfigured: sysexits' `EX_CONFIG`.
const EXIT_MISCONFIGURED: u8 = 78;

const ROOT_AFTER_HELP: &str = "\
Examples:
  prodguard check                                   check this process's environment
  prodguard check --env-file examples/env/incident.env
  prodguard check --profile rails --env-file examples/env/rails-incident.env
  prodguard check --env-file .env --env-file .env.production --format json
  prodguard check --format github                   annotations in a GitHub Actions job
  prodguard explain sqlite_in_production
  prodguard classify -                              classify a pasted URL, kept out of history

Exit status: 0 fit to start (warnings allowed), 78 misconfigured (EX_CONFIG),
2 usage error, unknown check id, unreadable file or unwritable output.";

const CHECK_AFTER_HELP: &str = "\
Examples:
  # As Railway's pre-deploy command: a failure stops the deploy and the
  # running version keeps serving.
  prodguard check

  # Replay the incident guard exists for (exit status 78):
  prodguard check --env-file examples/env/incident.env

  # In CI, against the variables a deployment will get:
  prodguard check --env-file deploy/production.env --require REDIS_URL --format json

  # In a GitHub Actions step: one annotation per finding.
  prodguard check --env-file deploy/production.env --format github

  # Run SQLite on a persistent volume deliberately:
  prodguard check --allow sqlite_in_production

  # An app that names its secret SESSION_SECRET and has no database:
  prodguard check --rename SECRET_KEY=SESSION_SECRET --no-database

  # A Laravel app, which calls its key MY_KEY:
  prodguard check --profile laravel --rename APP_KEY=MY_KEY

  # Also connect to the database: it answers, speaks its URL's protocol,
  # and offers TLS (no credential is sent), within 2 seconds in all:
  prodguard check --probe --probe-timeout 2000

Production = a hosting platform is detected (RAILWAY_ENVIRONMENT, DYNO, ...)
or DEBUG is not true (under --profile: the framework's switch, e.g.
RAILS_ENV, names no development environment). `prodguard explain` lists every
check; `prodguard explain --profile NAME` describes a profile.

With --format json a usage error prints {\"verdict\": \"error\", \"error\": \"...\"}
on stdout as well as the message on stderr. Colour: only on a terminal;
NO_COLOR, CLICOLOR=0 and TERM=dumb turn it off, CLICOLOR_FORCE=1 on.

Exit status: 0 fit to start (warnings allowed), 78 misconfigured (EX_CONFIG),
2 usage error, unknown check id, unreadable file or unwritable output.";

const EXPLAIN_AFTER_HELP: &str = "\
Examples:
  prodguard explain                        list every check with its summary
  prodguard explain secret_key_weak        what it catches, why, how to fix, how to allow
  prodguard explain --profile laravel      a framework profile's variables and rules";

const CLASSIFY_AFTER_HELP: &str = "\
Examples:
  prodguard classify                               DATABASE_URL from the environment
  prodguard classify --url 'sqlite:///app/db.sqlite3'
  prodguard classify -                             paste the URL, press Enter: it stays
                                               out of shell history

Standard input: leading blank lines are skipped, and the line may hold at
most 128 KiB (the most an environment variable holds on Linux).
Passwords and secret parameters are always shown as ***.

Exit status: 0 classified, 78 the value cannot be used as a connection string,
2 usage error or nothing to classify.";

/// Refuse to start a misconfigured production deployment.
///
/// guard checks that a deployment's DEBUG, LOCAL_TEST, DATABASE_URL and
/// SECRET_KEY (and more) are fit for production, reports every problem at
/// once with where to fix it, and exits non-zero when it is not.
#[derive(Debug, Parser)]
// A bare `prodguard` is a usage error whose first line says so, not the help
// text (clap's default for a required subcommand).
#[command(
    name = "prodguard",
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
/// `prodguard` starts at every deploy: defining the arguments of all three
/// subcommands to run one of them cost `prodguard check` 10k instructions and
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

    /// The app's framework: its variables and rules (django, rails,
    /// laravel, phoenix, node, flask, spring). Default: django.
    #[arg(long, value_name = "NAME", value_parser = parse_profile, default_value = "django")]
    profile: Profile,

    /// Allow a check by id: still reported, marked allowed, never blocks.
    /// Repeatable; `prodguard explain` lists the ids.
    #[arg(long, value_name = "ID", value_parser = parse_check)]
    allow: Vec<Check>,

    /// Require a variable of the app's own (an error in production when
    /// unset). Repeatable.
    #[arg(long, value_name = "VAR")]
    require: Vec<String>,

    /// Read one of guard's variables under the app's own name, VAR being
    /// the profile's name for it, e.g. SECRET_KEY=SESSION_SECRET (or,
    /// with --profile laravel, APP_KEY=MY_KEY). Repeatable.
    #[arg(long, value_name = "VAR=NAME")]
    rename: Vec<String>,

    /// The app has no database: no check reads DATABASE_URL.
    #[arg(long)]
    no_database: bool,

    /// The app signs nothing: no check reads SECRET_KEY.
    #[arg(long)]
    no_secret: bool,

    /// The app signs cookies with Rust's cookie::Key: the secret must be
    /// at least 64 bytes.
    #[arg(long)]
    cookie_key: bool,

    /// Output format. JSON goes to stdout and nothing else does.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,

    /// Connect to each host of DATABASE_URL and make the protocol's first
    /// exchange, without authenticating: it answers, speaks the URL's
    /// protocol, and offers TLS. Without it guard opens no connection.
    #[arg(long)]
    probe: bool,

    /// The most the whole probe may take, in milliseconds.
    #[arg(
        long,
        value_name = "MS",
        default_value_t = 5000,
        requires = "probe",
        value_parser = clap::value_parser!(u64).range(1..=600_000)
    )]
    probe_timeout: u64,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// The check's id, e.g. sqlite_in_production; omit to list every check.
    #[arg(value_name = "ID", value_parser = parse_check)]
    check: Option<Check>,

    /// Describe a framework profile's variables and rules instead.
    #[arg(long, value_name = "NAME", value_parser = parse_profile, conflicts_with = "check")]
    profile: Option<Profile>,
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
    #[arg(long = "var", value_name = "NAME", default_value = "DATABASE_URL")]
    variable: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// How to print a check's report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// The report, for people.
    Text,
    /// One JSON object on stdout, for machines.
    Json,
    /// GitHub Actions workflow annotations, one per finding, then a summary.
    Github,
}

/// How to print a classified connection string.
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

fn parse_profile(id: &str) -> Result<Profile, UnknownProfile> {
    id.parse()
}

// Variable names are read after clap, and checked by the policy: clap's
// error would echo the argument, and a value given where a name belongs may
// be a secret.

/// Whether `name` may name a variable, by the policy's rule.
fn is_name(name: &str) -> bool {
    Policy::new().try_require(name.to_owned()).is_ok()
}

/// The variable `profile` reads under `name` (any case), for `--rename`.
fn variable_of(profile: Profile, name: &str) -> Result<Variable, String> {
    let names: Vec<&str> = Variable::ALL
        .iter()
        .flat_map(|&v| match profile.names(v) {
            [] => vec![v.default_name()],
            names => names.to_vec(),
        })
        .collect();
    names
        .iter()
        .find(|known| known.eq_ignore_ascii_case(name))
        .and_then(|known| profile.variable_named(known))
        .ok_or_else(|| {
            let name = if is_name(name) { format!("{name:?}") } else { "VAR".to_owned() };
            format!("{name} is none of the {profile} profile's variables: {}", names.join(", "))
        })
}

/// Why a run ends with exit status 2 rather than a verdict.
enum Failure {
    /// A usage error, an unknown check id, an unreadable file: one clear
    /// line.
    Usage(String),
    /// Standard output could not be written (a closed pipe is no failure).
    Output(io::Error),
}

/// The most a line of `classify --stdin` may hold: 128 KiB, the most one
/// environment variable holds on Linux (`MAX_ARG_STRLEN`), so no real
/// `DATABASE_URL` is longer.
const MAX_STDIN_LINE: usize = 128 * 1024;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return clap_failure(&err),
    };
    let json = cli.command.wants_json();
    let outcome = match cli.command {
        Command::Check(Deferred(args)) => check(args),
        Command::Explain(Deferred(args)) => explain(args),
        Command::Classify(Deferred(args)) => classify(args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Usage(message)) => {
            if json {
                print_json_error(&message);
            }
            eprint_line(&format!("error: {message}"));
            ExitCode::from(EXIT_USAGE)
        }
        Err(Failure::Output(err)) => output_failed(&err),
    }
}

fn output_failed(err: &io::Error) -> ExitCode {
    eprint_line(&format!("error: cannot write to standard output: {err}"));
    ExitCode::from(EXIT_USAGE)
}

impl Command {
    /// Whether a usage error should also be printed as JSON on stdout.
    fn wants_json(&self) -> bool {
        match self {
            Command::Check(Deferred(args)) => args.format == CheckFormat::Json,
            Command::Classify(Deferred(args)) => args.format == Format::Json,
            Command::Explain(_) => false,
        }
    }
}

/// Ends a run whose command line clap refused, or that asked for help or
/// the version (which clap reports as errors too).
fn clap_failure(err: &clap::Error) -> ExitCode {
    let code = u8::try_from(err.exit_code()).unwrap_or(EXIT_USAGE);
    if !err.use_stderr() {
        // --help and --version: the text is the output.
        return match keep_broken_pipe(err.print()) {
            Ok(()) => ExitCode::from(code),
            Err(err) => output_failed(&err),
        };
    }
    if asks_for_json(std::env::args_os()) {
        // The message without styling and without the `error: ` clap puts
        // first; its usage and tips stay on stderr.
        let rendered = err.render().to_string();
        let first = rendered.lines().next().unwrap_or_default();
        print_json_error(first.strip_prefix("error: ").unwrap_or(first));
    }
    // clap writes to stderr and returns a failed write: ignored, like ours.
    let _ = err.print();
    ExitCode::from(code)
}

/// Whether a command line that clap refused asked for `--format json`.
///
/// clap keeps nothing of a command line it refuses, so this reads the raw
/// arguments: `--format json` or `--format=json` before any `--`.
fn asks_for_json(args: impl IntoIterator<Item = OsString>) -> bool {
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--format=json" {
            return true;
        }
        if arg == "--format" {
            return args.next().is_some_and(|value| value == "json");
        }
    }
    false
}

/// The JSON form of a usage error, on stdout: `{"verdict": "error",
/// "error": MESSAGE}`. A failed write is ignored: the run already ends in
/// exit status 2 with the message on stderr.
fn print_json_error(message: &str) {
    let value = serde_json::json!({ "verdict": "error", "error": message });
    let _ = print(&json_text(&value));
}

fn check(args: CheckArgs) -> Result<u8, Failure> {
    let mut policy = Policy::for_profile(args.profile).worded_for(FrontEnd::Cli);
    for check in args.allow {
        policy = policy.allow(check);
    }
    // Renamed first: a required variable may share a renamed one's name.
    for pair in args.rename {
        let usage = |err: String| Failure::Usage(format!("--rename: {err}"));
        let (from, name) = pair
            .split_once('=')
            .ok_or_else(|| usage("expected VAR=NAME, e.g. SECRET_KEY=SESSION_SECRET".to_owned()))?;
        let variable = variable_of(args.profile, from.trim()).map_err(usage)?;
        policy =
            policy.try_rename(variable, name.to_owned()).map_err(|err| usage(err.to_string()))?;
    }
    for name in args.require {
        policy =
            policy.try_require(name).map_err(|err| Failure::Usage(format!("--require: {err}")))?;
    }
    if args.no_database {
        policy = policy.no_database();
    }
    if args.no_secret {
        policy = policy.no_secret();
    }
    if args.cookie_key {
        policy = policy.cookie_key();
    }
    if args.probe {
        policy = policy.probe(Duration::from_millis(args.probe_timeout));
    }
    let result = if args.env_files.is_empty() {
        policy.validate()
    } else {
        let unreadable = |err: env_file::EnvFileError| Failure::Usage(err.to_string());
        let texts = env_file::read_all(&args.env_files).map_err(unreadable)?;
        let vars = env_file::variables(&args.env_files, &texts).map_err(unreadable)?;
        policy.validate_env(vars.iter().map(|(name, value)| (*name, value.as_ref())))
    };
    let (report, fit) = match &result {
        Ok(report) => (report, true),
        Err(err) => (err.report(), false),
    };
    match args.format {
        CheckFormat::Text => {
            let text = match &result {
                Ok(report) => format!("{report:#}"),
                Err(err) => err.to_string(),
            };
            print(&render::paint(&text, render::colour_stdout()))?;
        }
        CheckFormat::Json => print(&json_text(&render::check_json(report, fit)))?,
        CheckFormat::Github => print(&render::check_github(report, fit))?,
    }
    Ok(if fit { EXIT_FIT } else { EXIT_MISCONFIGURED })
}

fn explain(args: ExplainArgs) -> Result<u8, Failure> {
    match (args.check, args.profile) {
        (_, Some(profile)) => print(&profile.describe())?,
        (Some(check), None) => print(&check.explain(FrontEnd::Cli))?,
        (None, None) => {
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
            text.push_str("\n`prodguard explain ID` describes one check; `prodguard explain --profile NAME` a framework profile.");
            print(&text)?;
        }
    }
    Ok(EXIT_FIT)
}

fn classify(args: ClassifyArgs) -> Result<u8, Failure> {
    let (raw, source) = if args.stdin || args.dash.is_some() {
        let line = first_line(io::stdin().lock()).map_err(Failure::Usage)?;
        (line, "standard input".to_owned())
    } else if let Some(url) = args.url {
        (url, "--url".to_owned())
    } else {
        if !is_name(&args.variable) {
            return Err(Failure::Usage(format!("--var: {}", VariableNameError::Invalid)));
        }
        let value = std::env::var_os(&args.variable).ok_or_else(|| {
            Failure::Usage(format!(
                "{} is not set; pass --url URL, or a line on standard input with --stdin",
                args.variable
            ))
        })?;
        let value = value
            .into_string()
            .map_err(|_| Failure::Usage(format!("{} is not valid UTF-8", args.variable)))?;
        (value, args.variable)
    };
    if raw.trim().is_empty() {
        return Err(Failure::Usage(format!("no connection string to classify: {source} is empty")));
    }
    match DatabaseUrl::classify(&raw) {
        Ok(url) => {
            match args.format {
                Format::Text => print(&render::classify_text(&url))?,
                Format::Json => print(&json_text(&render::classify_json(&url)))?,
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
                    eprint_line(&format!("error: {message}\n  value: {}{backend}", err.shown()));
                }
                Format::Json => print(&json_text(&serde_json::json!({
                    "backend": err.backend().map(prodguard::Backend::id),
                    "url": err.shown(),
                    "error": message,
                })))?,
            }
            Ok(EXIT_MISCONFIGURED)
        }
    }
}

/// The first line of `input` that is not blank, without its line ending;
/// an empty string when there is none.
///
/// The read is bounded: `input` is read through `take`, so a stream with
/// no line ending (`cat /dev/zero | prodguard classify -`) costs at most
/// [`MAX_STDIN_LINE`] bytes of memory, and the blank lines skipped count
/// towards that bound.
fn first_line(input: impl BufRead) -> Result<String, String> {
    // Room for the longest line and its `\r\n`, and one byte to tell a line
    // that is too long.
    let limit = MAX_STDIN_LINE as u64 + 3;
    let mut input = input.take(limit);
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = input
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        if read == 0 {
            return Ok(String::new());
        }
        let ended = line.ends_with(b"\n");
        let content = line.strip_suffix(b"\n").unwrap_or(&line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if content.len() > MAX_STDIN_LINE || (!ended && input.limit() == 0) {
            return Err("standard input holds a line longer than 128 KiB, \
                        the most an environment variable holds"
                .to_owned());
        }
        if content.iter().all(u8::is_ascii_whitespace) {
            if !ended {
                return Ok(String::new());
            }
            continue;
        }
        return String::from_utf8(content.to_vec())
            .map_err(|_| "standard input is not valid UTF-8".to_owned());
    }
}

fn json_text(value: &serde_json::Value) -> String {
    // Serialising a `Value` built from strings, numbers and bools cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Writes one block of output, and a line ending, to stdout.
fn print(text: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    keep_broken_pipe(writeln!(stdout, "{text}").and_then(|()| stdout.flush()))
        .map_err(Failure::Output)
}

/// A write to a closed pipe (`guard … | head`) is no failure: the reader
/// has all it wanted, and the exit status still carries the verdict.
fn keep_broken_pipe(written: io::Result<()>) -> io::Result<()> {
    match written {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes a line to stderr, ignoring a failed write: `eprintln!` would
/// panic (`prodguard check 2>/dev/full`), and a message nobody can read must
/// not change the exit status.
fn eprint_line(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

#[cfg(test)]
mod tests {
    use super::{Cli, MAX_STDIN_LINE, asks_for_json, first_line};
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn json_is_asked_for_by_either_spelling_before_a_double_dash() {
        let cases: &[(&[&str], bool)] = &[
            (&["prodguard", "check", "--format", "json", "--bogus"], true),
            (&["prodguard", "check", "--format=json", "--allow", "x"], true),
            (&["prodguard", "classify", "--bogus", "--format", "json"], true),
            (&["prodguard", "check", "--format", "text", "--bogus"], false),
            (&["prodguard", "check", "--format"], false),
            (&["prodguard", "check", "--format", "yaml"], false),
            (&["prodguard", "check", "--", "--format", "json"], false),
            (&["prodguard", "check", "json"], false),
            (&["prodguard", "check"], false),
        ];
        for (args, json) in cases {
            let args = args.iter().map(Into::into);
            assert_eq!(asks_for_json(args), *json, "{cases:?}");
        }
    }

    #[test]
    fn the_first_line_skips_blank_lines_and_drops_the_line_ending() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("plain", b"postgres://h/db\n", "postgres://h/db"),
            ("no line ending", b"postgres://h/db", "postgres://h/db"),
            ("crlf", b"postgres://h/db\r\n", "postgres://h/db"),
            ("blank lines first", b"\n\r\n  \n\tpostgres://h/db\n", "\tpostgres://h/db"),
            ("only the first line", b"a.db\nb.db\n", "a.db"),
            ("empty", b"", ""),
            ("only blank lines", b"\n\n \n", ""),
            ("blank, no line ending", b"\n   ", ""),
        ];
        for (name, input, expected) in cases {
            assert_eq!(first_line(*input).as_deref(), Ok(*expected), "{name}");
        }
    }

    #[test]
    fn the_first_line_is_bounded_at_128_kib() {
        let longest = "x".repeat(MAX_STDIN_LINE);
        for ending in ["", "\n", "\r\n"] {
            let input = format!("{longest}{ending}");
            assert_eq!(first_line(input.as_bytes()).as_deref(), Ok(&*longest));
        }
        let too_long = "x".repeat(MAX_STDIN_LINE + 1);
        for ending in ["", "\n", "\r\n"] {
            let input = format!("{too_long}{ending}");
            let err = first_line(input.as_bytes()).unwrap_err();
            assert!(err.contains("longer than 128 KiB"), "{err}");
        }
        // Blank lines count towards the bound.
        let input = format!("\n\n\n\n{longest}\n");
        assert!(first_line(input.as_bytes()).is_err());
    }

    #[test]
    fn the_first_line_must_be_utf8() {
        assert_eq!(
            first_line(&b"\xffsqlite\n"[..]).unwrap_err(),
            "standard input is not valid UTF-8"
        );
    }
}
