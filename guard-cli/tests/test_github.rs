//! `--format github`: one GitHub Actions workflow annotation per finding,
//! escaped as GitHub's toolkit escapes them, then one summary line.

mod common;

use common::{FIT, guard, sample, with};

#[test]
fn the_incident_is_one_annotation_per_finding_and_a_refusal() {
    let args = ["check", "--env-file", &sample("incident.env")];
    let json = guard(&[&args[..], &["--format", "json"]].concat(), &[]).json();
    let run = guard(&[&args[..], &["--format", "github"]].concat(), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(run.stderr, "");

    let lines: Vec<&str> = run.stdout.lines().collect();
    let (summary, annotations) = lines.split_last().unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(annotations.len(), findings.len(), "{}", run.stdout);
    for (line, finding) in annotations.iter().zip(findings) {
        let command = match finding["severity"].as_str().unwrap() {
            "error" => "::error",
            "warning" => "::warning",
            other => panic!("the incident has no {other} finding"),
        };
        let title = format!(
            "{command} title={}%3A {}::",
            finding["variable"].as_str().unwrap(),
            finding["id"].as_str().unwrap()
        );
        assert!(line.starts_with(&title), "{line}\nlacks {title}");
        // The message, then the remediation on a line of its own.
        let data = line.split_once("::").unwrap().1.split_once("::").unwrap().1;
        let remediation = finding["remediation"].as_str().unwrap();
        assert_eq!(data, format!("{}%0A{remediation}", finding["message"].as_str().unwrap()));
    }
    assert_eq!(
        *summary,
        "This deployment would be refused at start-up: 4 errors, 1 warning (production on Railway)."
    );
}

#[test]
fn a_fit_deployment_is_one_summary_line() {
    let run = guard(&["check", "--env-file", &sample("fixed.env"), "--format", "github"], &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "Fit to start: 0 errors, 0 warnings (production on Railway).\n");
}

#[test]
fn an_allowed_check_is_a_notice() {
    let env = with(FIT, &[("DATABASE_URL", "sqlite:////data/app.db")]);
    let run = guard(&["check", "--allow", "sqlite_in_production", "--format", "github"], &env);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with(
            "::notice title=DATABASE_URL%3A sqlite_in_production (allowed)::DATABASE_URL is SQLite"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(
            "\nFit to start: 0 errors, 0 warnings, 1 allowed (production on Railway).\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_name_that_is_no_name_is_refused_not_echoed() {
    // A name holds only `[A-Za-z0-9_.-]`, so none needs escaping in an
    // annotation (the escaping itself is `render.rs`'s unit test); what is
    // given where a name belongs may be a value, and is not repeated.
    for name in ["A,B:C%D", "SECRET_KEY=Zq9XkW2mPt", "postgresql://u:Zq9XkW2mPt@db/app"] {
        let run = guard(&["check", "--require", name, "--format", "github"], FIT);
        assert_eq!(run.code, 2, "{run:?}");
        assert!(run.stderr.contains("--require: a variable name must"), "{run:?}");
        assert!(!run.stdout.contains(name) && !run.stderr.contains(name), "{run:?}");
    }
}

#[test]
fn annotations_are_never_coloured() {
    let env = with(FIT, &[("CLICOLOR_FORCE", "1"), ("ALLOWED_HOSTS", "*")]);
    let run = guard(&["check", "--format", "github"], &env);
    assert!(run.stdout.starts_with("::warning title="), "{run:?}");
    assert!(!run.stdout.contains('\x1b'), "{run:?}");
}
