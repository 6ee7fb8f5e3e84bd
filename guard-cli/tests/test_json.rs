//! `--format json`: one object on stdout, carrying what prodguard decided.

mod common;

use common::{FIT, INCIDENT, guard, with};
use serde_json::{Value, json};

#[test]
fn misconfigured_json_carries_every_field() {
    let run = guard(&["check", "--format", "json"], INCIDENT);
    assert_eq!(run.code, 78);
    assert_eq!(run.stderr, "", "nothing but JSON, and only on stdout");
    let json = run.json();
    assert_eq!(json["verdict"], "misconfigured");
    assert_eq!(json["production"], true);
    assert_eq!(json["platform"], "railway");
    assert_eq!(json["environment"], "production");
    assert_eq!(json["preview"], false);
    assert_eq!(json["database"], json!({"backend": "sqlite", "url": "sqlite:///app/db.sqlite3"}));
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(json["errors"], findings.iter().filter(|f| f["severity"] == "error").count());
    assert_eq!(json["warnings"], 0);
    for finding in findings {
        let object = finding.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["id", "message", "remediation", "severity", "variable"]);
        assert!(object.values().all(Value::is_string), "{finding:#}");
    }
    let debug = findings.iter().find(|f| f["id"] == "debug_in_production").unwrap();
    assert_eq!(debug["severity"], "error");
    assert_eq!(debug["variable"], "DEBUG");
    assert_eq!(debug["message"], "DEBUG=True (MUST be False in production)");
    assert!(debug["remediation"].as_str().unwrap().contains("Project → Service → Variables"));
}

#[test]
fn json_findings_match_guard_core_one_for_one() {
    let err = prodguard::validate_env(INCIDENT.iter().copied()).unwrap_err();
    let json = guard(&["check", "--format", "json"], INCIDENT).json();
    let from_cli = json["findings"].as_array().unwrap();
    assert_eq!(from_cli.len(), err.findings().len());
    for (cli, core) in from_cli.iter().zip(err.findings()) {
        assert_eq!(cli["id"], core.id());
        assert_eq!(cli["severity"], core.severity().id());
        assert_eq!(cli["variable"], core.variable());
        assert_eq!(cli["message"], core.message());
        assert_eq!(cli["remediation"], core.remediation());
    }
}

#[test]
fn fit_json_says_ok_with_the_database() {
    let run = guard(&["check", "--format", "json"], FIT);
    assert_eq!(run.code, 0);
    let json = run.json();
    assert_eq!(json["verdict"], "ok");
    assert_eq!(json["production"], true);
    assert_eq!(json["database"]["backend"], "postgresql");
    assert_eq!(
        json["database"]["url"],
        "postgresql://postgres:***@postgres.railway.internal:5432/railway"
    );
    assert_eq!(json["findings"], json!([]));
}

#[test]
fn no_platform_and_no_database_are_null() {
    let run = guard(&["check", "--format", "json"], &[("DEBUG", "false")]);
    assert_eq!(run.code, 78);
    let json = run.json();
    assert_eq!(json["platform"], Value::Null);
    assert_eq!(json["environment"], Value::Null);
    assert_eq!(json["database"], Value::Null);
    assert_eq!(json["production"], true, "DEBUG is not true: production");
}

#[test]
fn warnings_and_allowed_checks_have_their_severity() {
    let env = with(FIT, &[("ALLOWED_HOSTS", "*"), ("DATABASE_URL", "sqlite:////data/app.db")]);
    let run = guard(&["check", "--format", "json", "--allow", "sqlite_in_production"], &env);
    assert_eq!(run.code, 0, "{run:?}");
    let json = run.json();
    let severities: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        severities,
        [("allowed_hosts_wildcard", "warning"), ("sqlite_in_production", "allowed")]
    );
    assert_eq!(json["warnings"], 1);
}

#[test]
fn a_preview_deployment_says_so() {
    let env = [("VERCEL", "1"), ("VERCEL_ENV", "preview")];
    let json = guard(&["check", "--format", "json"], &env).json();
    assert_eq!(json["platform"], "vercel");
    assert_eq!(json["preview"], true);
    assert_eq!(json["production"], true);
}

#[test]
fn json_output_is_a_single_document() {
    // Parses as exactly one value: nothing printed before or after it.
    let run = guard(&["check", "--format", "json"], INCIDENT);
    let mut stream = serde_json::Deserializer::from_str(&run.stdout).into_iter::<Value>();
    assert!(stream.next().unwrap().is_ok());
    assert!(stream.next().is_none());
}

/// Asserts a usage error under `--format json`: status 2, one JSON object
/// `{"verdict": "error", "error": …}` on stdout whose message contains
/// `names`, and the same message on stderr's first line.
fn assert_json_usage_error(args: &[&str], names: &str) {
    let run = common::guard_with_stdin(args, FIT, "");
    assert_eq!(run.code, 2, "{args:?}: {run:?}");
    let json = run.json();
    let object = json.as_object().expect("an object");
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["error", "verdict"], "{args:?}: {json:#}");
    assert_eq!(json["verdict"], "error");
    let message = json["error"].as_str().unwrap();
    assert!(message.contains(names), "{args:?}: {message}");
    assert!(!message.starts_with("error:"), "{message}");
    let first = run.stderr.lines().next().unwrap_or_default();
    assert_eq!(first, format!("error: {message}"), "{args:?}");
}

#[test]
fn a_usage_error_under_json_is_a_json_error_object_too() {
    let missing = format!("{}/no-such-file.env", env!("CARGO_TARGET_TMPDIR"));
    // Refused by clap: the format is read from the raw arguments.
    assert_json_usage_error(&["check", "--format", "json", "--bogus"], "--bogus");
    assert_json_usage_error(
        &["check", "--format=json", "--allow", "sqlite"],
        "unknown check id `sqlite`",
    );
    assert_json_usage_error(
        &["check", "--allow", "sqlite", "--format", "json"],
        "sqlite_in_production",
    );
    assert_json_usage_error(&["check", "--format", "json", "--require", ""], "--require");
    assert_json_usage_error(&["classify", "--format", "json", "--url", "x", "--stdin"], "--url");
    // Found by guard once the arguments parsed.
    assert_json_usage_error(
        &["check", "--format", "json", "--env-file", &missing],
        "cannot read env file",
    );
    assert_json_usage_error(&["classify", "--format", "json", "--stdin"], "no connection string");
}

#[test]
fn a_usage_error_without_json_prints_nothing_on_stdout() {
    for args in [
        &["check", "--format", "yaml"][..],
        &["check", "--format", "text", "--bogus"],
        &["check", "--bogus", "--", "--format", "json"],
        &["check", "--env-file", "/no/such/file.env"],
    ] {
        let run = guard(args, FIT);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
}
