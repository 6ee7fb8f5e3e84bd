//! `prodguard explain`: the catalog's own text, for one check or all.

mod common;

use common::guard;
use prodguard::Check;

#[test]
fn explain_prints_each_checks_long_text() {
    for &check in Check::ALL {
        let run = guard(&["explain", check.id()], &[]);
        assert_eq!(run.code, 0, "{check}: {run:?}");
        assert_eq!(run.stdout, format!("{}\n", check.explain(prodguard::FrontEnd::Cli)), "{check}");
        assert!(run.stdout.contains(&format!("prodguard check --allow {}", check.id())));
        assert_eq!(run.stderr, "");
    }
}

#[test]
fn explain_without_an_id_lists_every_check_with_its_summary() {
    let run = guard(&["explain"], &[]);
    assert_eq!(run.code, 0, "{run:?}");
    for &check in Check::ALL {
        let line = run
            .stdout
            .lines()
            .find(|line| line.split_whitespace().next() == Some(check.id()))
            .unwrap_or_else(|| panic!("{check} is not listed:\n{}", run.stdout));
        assert!(line.ends_with(check.summary()), "{line}");
        assert!(line.contains(check.severity_in_production().id()), "{line}");
    }
}
