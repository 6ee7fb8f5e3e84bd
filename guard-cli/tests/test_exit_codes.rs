//! Exit status: 0 fit, 78 misconfigured, 2 usage errors; each usage error
//! says what is wrong on its first line.

mod common;

use common::{FIT, INCIDENT, env_file, env_text, guard, sample};

#[test]
fn fit_deployment_exits_0() {
    let run = guard(&["check"], FIT);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn warnings_alone_still_exit_0() {
    let env = common::with(FIT, &[("ALLOWED_HOSTS", "*")]);
    let run = guard(&["check"], &env);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("allowed_hosts_wildcard"), "{run:?}");
}

#[test]
fn misconfigured_deployment_exits_78() {
    let run = guard(&["check"], INCIDENT);
    assert_eq!(run.code, 78, "{run:?}");
}

#[test]
fn the_sample_incident_replays_with_78_and_the_fixed_one_passes() {
    let incident = guard(&["check", "--env-file", &sample("incident.env")], &[]);
    assert_eq!(incident.code, 78, "{incident:?}");
    assert!(incident.stdout.starts_with("🚨 PRODUCTION ENVIRONMENT MISCONFIGURATION DETECTED:"));
    for line in [
        "❌ DEBUG=True (MUST be False in production)",
        "❌ LOCAL_TEST=True (MUST be False in production)",
        "[sqlite_in_production]",
        "[secret_key_weak]",
        "Project → Service → Variables",
    ] {
        assert!(incident.stdout.contains(line), "missing {line}:\n{}", incident.stdout);
    }

    let fixed = guard(&["check", "--env-file", &sample("fixed.env")], &[]);
    assert_eq!(fixed.code, 0, "{fixed:?}");
    assert_eq!(fixed.stdout, "✅ Using PostgreSQL database from DATABASE_URL\n");
}

#[test]
fn allowing_the_only_error_exits_0() {
    let env = common::with(FIT, &[("DATABASE_URL", "sqlite:////data/app.db")]);
    assert_eq!(guard(&["check"], &env).code, 78);
    let run = guard(&["check", "--allow", "sqlite_in_production"], &env);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("☑️"), "the allowed check is still listed: {run:?}");
}

/// Asserts a usage error: status 2, nothing on stdout, and a first line on
/// stderr that starts `error:` and contains `names`.
fn assert_usage_error(args: &[&str], names: &str) {
    let run = guard(args, FIT);
    assert_eq!(run.code, 2, "{args:?}: {run:?}");
    assert_eq!(run.stdout, "", "{args:?}");
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("error:"), "{args:?}: {first}");
    assert!(first.contains(names), "{args:?}: first line {first:?} lacks {names:?}");
}

#[test]
fn usage_errors_exit_2_with_one_clear_first_line() {
    assert_usage_error(&["check", "--bogus"], "--bogus");
    assert_usage_error(&["chek"], "chek");
    assert_usage_error(&[], "requires a subcommand");
    assert_usage_error(&["check", "--format", "yaml"], "yaml");
    assert_usage_error(&["check", "--env-file"], "--env-file");
    assert_usage_error(&["check", "--require", ""], "--require");
    assert_usage_error(&["explain", "one", "two"], "two");
    assert_usage_error(&["classify", "--url", "x", "--stdin"], "--url");
}

#[test]
fn unknown_check_id_exits_2_and_lists_the_valid_ids() {
    assert_usage_error(&["check", "--allow", "sqlite"], "unknown check id `sqlite`");
    assert_usage_error(&["check", "--allow", "sqlite"], "sqlite_in_production");
    assert_usage_error(&["explain", "no_such_check"], "no_such_check");
}

#[test]
fn check_ids_parse_as_guard_core_parses_them() {
    let env = common::with(FIT, &[("DATABASE_URL", "sqlite:////data/app.db")]);
    let run = guard(&["check", "--allow", "SQLITE-IN-PRODUCTION"], &env);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn unreadable_env_file_exits_2_naming_the_file() {
    let missing = format!("{}/no-such-file.env", env!("CARGO_TARGET_TMPDIR"));
    assert_usage_error(&["check", "--env-file", &missing], "cannot read env file");
    assert_usage_error(&["check", "--env-file", &missing], "no-such-file.env");

    let dir = env!("CARGO_TARGET_TMPDIR");
    assert_usage_error(&["check", "--env-file", dir], "cannot read env file");
}

#[test]
fn a_file_that_is_not_env_syntax_exits_2_naming_file_and_line() {
    let path = env_file(&format!("{}BAD KEY=value\n", env_text(FIT)));
    let path = path.to_str().unwrap();
    assert_usage_error(&["check", "--env-file", path], "cannot parse env file");
    assert_usage_error(&["check", "--env-file", path], "line 5");
}

#[test]
fn a_file_that_is_not_utf8_exits_2() {
    let path = env_file("");
    std::fs::write(&path, b"DEBUG=\xff\n").unwrap();
    assert_usage_error(&["check", "--env-file", path.to_str().unwrap()], "not UTF-8");
}

#[test]
fn help_and_version_exit_0() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["explain", "--help"],
        &["classify", "--help"],
        &["--version"],
    ] {
        let run = guard(args, &[]);
        assert_eq!(run.code, 0, "{args:?}: {run:?}");
    }
    let help = guard(&["check", "--help"], &[]).stdout;
    for expected in [
        "--env-file <FILE>",
        "--allow <ID>",
        "--require <VAR>",
        "--format <FORMAT>",
        "Examples:",
        "Exit status:",
    ] {
        assert!(help.contains(expected), "check --help lacks {expected}:\n{help}");
    }
}
