//! `prodguard classify`: backend family and shown URL, from the
//! environment, `--url`, or standard input.

mod common;

use common::{guard, guard_with_stdin};

const URL: &str = "postgresql://postgres:Zq7vN2pK9xR4tW8m@postgres.railway.internal:5432/railway";
const SHOWN: &str = "postgresql://postgres:***@postgres.railway.internal:5432/railway";

#[test]
fn classifies_database_url_from_the_environment() {
    let run = guard(&["classify"], &[("DATABASE_URL", URL)]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("backend:  postgresql (PostgreSQL)\n"), "{}", run.stdout);
    assert!(run.stdout.contains(&format!("url:      {SHOWN}\n")), "{}", run.stdout);
    assert!(run.stdout.contains("hosts:    postgres.railway.internal:5432"));
    assert!(run.stdout.contains("database: railway"));
}

#[test]
fn classifies_another_variable_with_var() {
    let run =
        guard(&["classify", "--var", "PRIMARY_DB"], &[("PRIMARY_DB", "mysql://u:pw@db/shop")]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("backend:  mysql (MySQL)"), "{}", run.stdout);
}

#[test]
fn classifies_url_and_stdin_alike() {
    let from_flag = guard(&["classify", "--url", URL], &[]);
    let from_stdin = guard_with_stdin(&["classify", "--stdin"], &[], &format!("{URL}\n"));
    let from_dash = guard_with_stdin(&["classify", "-"], &[], URL);
    assert_eq!(from_flag.code, 0, "{from_flag:?}");
    assert_eq!(from_flag.stdout, from_stdin.stdout);
    assert_eq!(from_flag.stdout, from_dash.stdout);
}

#[test]
fn stdin_wins_over_the_environment() {
    let run = guard_with_stdin(
        &["classify", "-"],
        &[("DATABASE_URL", URL)],
        "sqlite:///app/db.sqlite3\n",
    );
    assert!(run.stdout.starts_with("backend:  sqlite (SQLite)"), "{run:?}");
}

#[test]
fn sqlite_forms_are_sqlite() {
    for url in ["sqlite:///app/db.sqlite3", "db.sqlite3", "sqlite::memory:", "file:app.db"] {
        let json = guard(&["classify", "--url", url, "--format", "json"], &[]);
        assert_eq!(json.code, 0, "{url}");
        assert_eq!(json.json()["backend"], "sqlite", "{url}");
    }
}

#[test]
fn json_carries_backend_url_and_hosts() {
    let run = guard(&["classify", "--url", URL, "--format", "json"], &[]);
    assert_eq!(run.code, 0);
    let json = run.json();
    assert_eq!(json["backend"], "postgresql");
    assert_eq!(json["name"], "PostgreSQL");
    assert_eq!(json["url"], SHOWN);
    assert_eq!(json["hosts"][0]["host"], "postgres.railway.internal");
    assert_eq!(json["hosts"][0]["port"], 5432);
    assert_eq!(json["database"], "railway");
}

#[test]
fn an_unknown_scheme_is_classified_as_unknown() {
    let run = guard(&["classify", "--url", "redis://cache:6379"], &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("backend:  unknown"), "{}", run.stdout);
}

#[test]
fn an_invalid_url_exits_78_with_a_clear_message() {
    let run = guard(&["classify"], &[("DATABASE_URL", "${{Postgres.DATABASE_URL}}")]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(run.stdout, "");
    let first = run.stderr.lines().next().unwrap();
    assert!(first.starts_with("error: the connection string from DATABASE_URL"), "{first}");
    assert!(first.contains("unresolved reference `${{…}}`"), "{first}");
    assert!(!run.stderr.contains("Postgres.DATABASE_URL"), "{run:?}");

    let json = guard(&["classify", "--url", "\"postgres://u:pw@db/app\"", "--format", "json"], &[]);
    assert_eq!(json.code, 78);
    let value = json.json();
    // The family is still clear from the quoted value.
    assert_eq!(value["backend"], "postgresql");
    assert!(value["error"].as_str().unwrap().contains("quotes"), "{value:#}");
    assert_eq!(value["url"], "postgres://u:***@db/app");
}

#[test]
fn nothing_to_classify_is_a_usage_error() {
    let unset = guard(&["classify"], &[]);
    assert_eq!(unset.code, 2);
    assert!(unset.stderr.starts_with("error: DATABASE_URL is not set"), "{unset:?}");

    for input in ["", "\n", "\n \n\r\n"] {
        let empty = guard_with_stdin(&["classify", "--stdin"], &[], input);
        assert_eq!(empty.code, 2, "{input:?}");
        assert!(empty.stderr.starts_with("error: no connection string"), "{empty:?}");
    }

    let bad = guard(&["classify", "+"], &[]);
    assert_eq!(bad.code, 2, "{bad:?}");
}

#[test]
fn stdin_skips_leading_blank_lines() {
    let from_flag = guard(&["classify", "--url", URL], &[]);
    for input in [format!("\n{URL}\n"), format!("\r\n  \n\n{URL}\nnot read\n")] {
        let run = guard_with_stdin(&["classify", "-"], &[], &input);
        assert_eq!(run.code, 0, "{input:?}: {run:?}");
        assert_eq!(run.stdout, from_flag.stdout, "{input:?}");
    }
}

#[test]
fn stdin_past_128_kib_is_a_usage_error() {
    let limit = 128 * 1024;
    let too_long = format!("postgresql://h/{}\n", "d".repeat(limit));
    // No line ending at all: guard stops reading at the bound.
    let endless = "d".repeat(8 * limit);
    for input in [too_long, endless] {
        let run = guard_with_stdin(&["classify", "--stdin"], &[], &input);
        assert_eq!(run.code, 2, "{run:?}");
        assert!(
            run.stderr.starts_with("error: standard input holds a line longer than 128 KiB"),
            "{run:?}"
        );
    }
    // The longest a variable holds is read whole.
    let longest = format!("postgresql://h/{}", "d".repeat(limit - "postgresql://h/".len()));
    let run = guard_with_stdin(&["classify", "--stdin", "--format", "json"], &[], &longest);
    assert_ne!(run.code, 2, "{}", run.stderr);
}

#[test]
fn an_invalid_value_is_shown_by_its_length_with_its_family() {
    let run = guard(&["classify", "--url", "postgres://user:passw#S3CRET@localhost/db"], &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(!run.stderr.contains("S3CRET"), "{run:?}");
    assert!(
        run.stderr
            .contains("value: (41 characters, not shown)\n  backend: postgresql (PostgreSQL)"),
        "{run:?}"
    );
}
