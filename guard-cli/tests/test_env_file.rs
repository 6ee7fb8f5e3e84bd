//! `--env-file`: exactly the variables in the files, read literally.

mod common;

use common::{FIT, INCIDENT, env_file, env_text, guard};

#[test]
fn env_file_ignores_the_process_environment() {
    let fit = env_file(&env_text(FIT));
    // The child's own environment is the incident; the file is fit.
    let run = guard(&["check", "--env-file", fit.to_str().unwrap(), "--format", "json"], INCIDENT);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.finding_ids(), Vec::<String>::new());

    // And the other way round: a fit process, an unfit file.
    let incident = env_file(&env_text(INCIDENT));
    let run = guard(&["check", "--env-file", incident.to_str().unwrap()], FIT);
    assert_eq!(run.code, 78, "{run:?}");
}

#[test]
fn without_env_file_the_process_environment_is_checked() {
    assert_eq!(guard(&["check"], INCIDENT).code, 78);
    assert_eq!(guard(&["check"], FIT).code, 0);
}

#[test]
fn references_stay_literal() {
    let file = env_file(concat!(
        "RAILWAY_ENVIRONMENT_NAME=production\n",
        "SECRET_KEY=3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52\n",
        "DATABASE_URL=${{Postgres.DATABASE_URL}}\n",
        "LOCAL_TEST=${HOME}\n",
    ));
    // HOME is set for the child: a loader that expanded `${HOME}` would
    // hand guard a path instead of the reference.
    let run = guard(
        &["check", "--env-file", file.to_str().unwrap(), "--format", "json"],
        &[("HOME", "/root"), ("Postgres.DATABASE_URL", "postgres://x@db/app")],
    );
    assert_eq!(run.code, 78, "{run:?}");
    let invalid_url = run.finding("database_url_invalid");
    // Left literal, and shown by its shape only.
    assert!(
        invalid_url["message"].as_str().unwrap().contains("unresolved reference `${{…}}`"),
        "{invalid_url:#}"
    );
    let invalid_bool = run.finding("invalid_boolean");
    assert!(
        invalid_bool["message"]
            .as_str()
            .unwrap()
            .starts_with("LOCAL_TEST=(7 characters, not shown) "),
        "{invalid_bool:#}"
    );
    assert!(!run.stdout.contains("/root"));
}

#[test]
fn comments_export_and_quotes_are_read_as_dotenv_files_write_them() {
    let file = env_file(concat!(
        "# production, as Railway has it\n",
        "\n",
        "export RAILWAY_ENVIRONMENT_NAME=production\n",
        "  # an indented comment\n",
        "DATABASE_URL='postgresql://postgres:pw@postgres.railway.internal:5432/railway'\n",
        "SECRET_KEY=\"3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52\" # from openssl rand -hex 32\n",
        "ALLOWED_HOSTS=shop.example.com   # inline comment\n",
        "SITE_URL=\"https://shop.example.com\"\n",
        "DEBUG='false'\n",
    ));
    let run = guard(&["check", "--env-file", file.to_str().unwrap(), "--format", "json"], &[]);
    assert_eq!(run.code, 0, "{run:?}");
    let json = run.json();
    assert_eq!(json["platform"], "railway");
    assert_eq!(json["environment"], "production");
    assert_eq!(json["database"]["backend"], "postgresql");
    assert_eq!(json["findings"], serde_json::json!([]), "{json:#}");
}

#[test]
fn single_quotes_keep_escapes_and_double_quotes_read_them() {
    // `\n` in double quotes is a newline, in single quotes a backslash and
    // an `n`; both make the value an invalid boolean, shown by its length
    // (10 and 6 characters) as no plain word is.
    let file = env_file("DEBUG=\"true\\nfalse\"\nLOCAL_TEST='true\\n'\n");
    let run = guard(&["check", "--env-file", file.to_str().unwrap(), "--format", "json"], &[]);
    let messages: Vec<String> = run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == "invalid_boolean")
        .map(|f| f["message"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(messages.len(), 2, "{run:?}");
    assert!(messages[0].starts_with("DEBUG=(10 characters, not shown) "), "{messages:?}");
    assert!(messages[1].starts_with("LOCAL_TEST=(6 characters, not shown) "), "{messages:?}");
}

#[test]
fn later_files_win() {
    let base = env_file(&env_text(INCIDENT));
    let fix =
        env_file(&env_text(&common::with(FIT, &[("DEBUG", "false"), ("LOCAL_TEST", "false")])));
    let (base, fix) = (base.to_str().unwrap(), fix.to_str().unwrap());
    assert_eq!(guard(&["check", "--env-file", base, "--env-file", fix], &[]).code, 0);
    assert_eq!(guard(&["check", "--env-file", fix, "--env-file", base], &[]).code, 78);
}

#[test]
fn variables_only_in_an_earlier_file_are_kept() {
    let first = env_file("LOCAL_TEST=true\n");
    let second = env_file(&env_text(FIT));
    let run = guard(
        &[
            "check",
            "--env-file",
            first.to_str().unwrap(),
            "--env-file",
            second.to_str().unwrap(),
            "--format",
            "json",
        ],
        &[],
    );
    assert_eq!(run.code, 78);
    assert_eq!(run.finding_ids(), ["local_test_in_production"]);
}
