//! Text output is prodguard's own report, coloured only on a terminal and
//! never with `NO_COLOR`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{FIT, INCIDENT, guard, with};

#[test]
fn misconfigured_text_is_the_librarys_report() {
    let err = prodguard::Policy::new()
        .worded_for(prodguard::FrontEnd::Cli)
        .validate_env(INCIDENT.iter().copied())
        .unwrap_err();
    let run = guard(&["check"], INCIDENT);
    assert_eq!(run.stdout, format!("{err}\n"));
    assert_eq!(run.stderr, "");
}

#[test]
fn fit_text_is_the_startup_line_with_warnings() {
    let env = with(FIT, &[("ALLOWED_HOSTS", "*")]);
    let report = prodguard::validate_env(env.iter().copied()).unwrap();
    let run = guard(&["check"], &env);
    assert_eq!(run.stdout, format!("{report:#}\n"));
    assert!(run.stdout.starts_with("✅ Using PostgreSQL database from DATABASE_URL\n  ⚠️"));
}

#[test]
fn allowed_and_required_reach_the_library_policy() {
    let env = with(FIT, &[("DATABASE_URL", "sqlite:////data/app.db")]);
    let policy = prodguard::Policy::new()
        .worded_for(prodguard::FrontEnd::Cli)
        .allow(prodguard::Check::SqliteInProduction)
        .require("REDIS_URL");
    let err = policy.validate_env(env.iter().copied()).unwrap_err();
    let run = guard(&["check", "--allow", "sqlite_in_production", "--require", "REDIS_URL"], &env);
    assert_eq!(run.code, 78);
    assert_eq!(run.stdout, format!("{err}\n"));
}

#[test]
fn piped_output_has_no_colour() {
    for env in [INCIDENT, FIT] {
        let run = guard(&["check"], env);
        assert!(!run.stdout.contains('\x1b'), "{run:?}");
    }
}

/// Runs `guard ARGS` on a pseudo-terminal through util-linux `script`,
/// or returns `None` where `script` is not installed.
fn on_a_terminal(args: &str, no_color: bool) -> Option<String> {
    let script = ["/usr/bin/script", "/bin/script"].into_iter().find(|p| Path::new(p).exists())?;
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_prodguard"));
    let mut child = Command::new(script);
    child
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .envs(INCIDENT.iter().copied());
    if no_color {
        child.env("NO_COLOR", "1");
    }
    let output = child.output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    let Some(coloured) = on_a_terminal("check", false) else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    assert!(coloured.contains("\x1b["), "{coloured:?}");
    assert!(coloured.contains("🚨 PRODUCTION ENVIRONMENT MISCONFIGURATION DETECTED:"));
    assert!(coloured.contains("❌ DEBUG=True (MUST be False in production)"));

    let plain = on_a_terminal("check", true).unwrap();
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(plain.contains("❌ DEBUG=True (MUST be False in production)"));

    let json = on_a_terminal("check --format json", false).unwrap();
    assert!(!json.contains('\x1b'), "JSON is never coloured: {json:?}");
}

#[test]
fn clicolor_force_colours_a_pipe_unless_no_color_is_set() {
    let forced = with(INCIDENT, &[("CLICOLOR_FORCE", "1")]);
    let run = guard(&["check"], &forced);
    assert!(run.stdout.starts_with("\x1b["), "{run:?}");
    assert!(run.stdout.contains("❌ DEBUG=True (MUST be False in production)"));

    let off = with(&forced, &[("NO_COLOR", "1")]);
    assert!(!guard(&["check"], &off).stdout.contains('\x1b'));

    let json = guard(&["check", "--format", "json"], &forced);
    assert!(!json.stdout.contains('\x1b'), "JSON is never coloured");
}

#[test]
fn the_command_speaks_cli_not_rust() {
    // Every finding that suggests a policy change, in every format, and
    // every check's explanation: flags, never Rust API names.
    let env = [("RAILWAY_PROJECT_ID", "p"), ("DATABASE_URL", "sqlite:app.db")];
    let mut outputs = Vec::new();
    for format in ["text", "json", "github"] {
        outputs.push(common::guard(&["check", "--format", format], &env));
        outputs.push(common::guard(&["check", "--format", format], &[("DYNO", "web.1")]));
    }
    for check in prodguard::Check::ALL {
        outputs.push(common::guard(&["explain", check.id()], &[]));
    }
    let text: String = outputs.iter().map(|run| format!("{}{}", run.stdout, run.stderr)).collect();
    for rust in ["Policy::", "production_safe", "Check::", "The app did not start"] {
        assert!(!text.contains(rust), "`{rust}` in the CLI's output:\n{text}");
    }
    for flag in ["--no-database", "--no-secret", "--allow sqlite_in_production"] {
        assert!(text.contains(flag), "no `{flag}` in the CLI's output");
    }
    assert!(text.contains("This deployment would be refused at start-up"));
}
