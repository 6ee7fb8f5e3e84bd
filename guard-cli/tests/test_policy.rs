//! `--require`, `--rename`, `--no-database` and `--no-secret` reach
//! prodguard's policy.

mod common;

use common::{FIT, FIT_SECRET_KEY, guard};

#[test]
fn renamed_variables_are_read_and_named_in_findings() {
    let env = [
        ("RAILWAY_PROJECT_ID", "p"),
        ("PRIMARY_DB", "postgresql://u:pw@postgres.railway.internal:5432/app"),
        ("SESSION_SECRET", FIT_SECRET_KEY),
    ];
    let renames =
        ["check", "--rename", "DATABASE_URL=PRIMARY_DB", "--rename", "secret_key=SESSION_SECRET"];
    let run = guard(&renames, &env);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "✅ Using PostgreSQL database from PRIMARY_DB\n");

    let run = guard(&renames, &env[..2]);
    assert_eq!(run.code, 78);
    assert!(run.stdout.contains("SESSION_SECRET"), "{}", run.stdout);
    assert!(!run.stdout.contains("SECRET_KEY "), "{}", run.stdout);
}

#[test]
fn no_database_and_no_secret_skip_those_checks() {
    let env = [("RAILWAY_PROJECT_ID", "p")];
    assert_eq!(guard(&["check"], &env).code, 78);
    let run = guard(&["check", "--no-database", "--no-secret", "--format", "json"], &env);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json()["database"], serde_json::Value::Null);
    assert_eq!(run.finding_ids(), Vec::<String>::new());
}

#[test]
fn required_variables_are_checked_in_the_env_file_too() {
    let file = common::env_file(&common::env_text(FIT));
    let file = file.to_str().unwrap();
    let run = guard(
        &[
            "check",
            "--env-file",
            file,
            "--require",
            "REDIS_URL",
            "--require",
            "STRIPE_KEY",
            "--format",
            "json",
        ],
        &[("REDIS_URL", "redis://cache:6379")],
    );
    assert_eq!(run.code, 78, "the process's REDIS_URL does not count");
    let json = run.json();
    let variables: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["variable"].as_str().unwrap())
        .collect();
    assert_eq!(variables, ["REDIS_URL", "STRIPE_KEY"]);
}

#[test]
fn a_bad_rename_is_a_usage_error_listing_the_variables() {
    for (arg, names) in
        [("FOO=BAR", "DATABASE_URL"), ("SECRET_KEY", "VAR=NAME"), ("SECRET_KEY=", "non-empty")]
    {
        let run = guard(&["check", "--rename", arg], FIT);
        assert_eq!(run.code, 2, "{arg}: {run:?}");
        let first = run.stderr.lines().next().unwrap();
        assert!(first.starts_with("error:") && first.contains(names), "{arg}: {first}");
    }
    // What is given is never repeated: it may be a value, not a name.
    for arg in ["postgres://u:Tr0ubS3CRET@db/app", "Tr0ubS3CRET", "SECRET_KEY=Tr0ub:S3CRET"] {
        let run = guard(&["check", "--rename", arg], FIT);
        assert_eq!(run.code, 2, "{arg}: {run:?}");
        assert!(!run.stderr.contains("S3CRET") && !run.stdout.contains("S3CRET"), "{run:?}");
    }
}
