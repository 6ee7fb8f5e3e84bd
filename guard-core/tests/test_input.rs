//! Bad input gets a clear finding, never a panic: non-UTF-8 values, quotes,
//! odd casing, whitespace.

mod common;

use common::{check, ids, railway_fit, with};
use prodguard::{Backend, Policy, Severity};

#[cfg(unix)]
fn not_utf8() -> std::ffi::OsString {
    use std::os::unix::ffi::OsStringExt;
    std::ffi::OsString::from_vec(b"postgres://u:p\xffw@db/app".to_vec())
}

#[cfg(unix)]
#[test]
fn a_non_utf8_value_is_a_finding_of_the_check_that_owns_it() {
    use std::ffi::OsString;
    let cases: &[(&str, &str)] = &[
        ("DEBUG", "invalid_boolean"),
        ("LOCAL_TEST", "invalid_boolean"),
        ("DATABASE_URL", "database_url_invalid"),
        ("SECRET_KEY", "secret_key_weak"),
        ("SITE_URL", "site_url_insecure"),
        ("REDIS_URL", "required_variable_missing"),
    ];
    for (var, id) in cases {
        let mut env: Vec<(OsString, OsString)> = railway_fit()
            .into_iter()
            .filter(|(k, _)| k != var)
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        env.push(((*var).into(), not_utf8()));
        let result = Policy::new().require("REDIS_URL").validate_env(env);
        let err = result.expect_err(var);
        let finding =
            err.errors().find(|f| f.id() == *id).unwrap_or_else(|| panic!("{var}: no {id}"));
        assert_eq!(finding.variable(), *var);
        assert!(finding.message().contains("UTF-8"), "{}", finding.message());
    }
}

#[cfg(unix)]
#[test]
fn a_non_utf8_allowed_hosts_is_reported_as_not_utf8() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    let mut env: Vec<(OsString, OsString)> =
        railway_fit().into_iter().map(|(k, v)| (k.into(), v.into())).collect();
    env.push(("SITE_URL".into(), "https://shop.example.com".into()));
    env.push(("ALLOWED_HOSTS".into(), OsString::from_vec(b"shop.\xffexample.com".to_vec())));
    let err = Policy::new().validate_env(env).unwrap_err();
    let finding = err
        .errors()
        .find(|f| f.id() == "site_url_host_not_allowed")
        .expect("site_url_host_not_allowed");
    assert_eq!(finding.variable(), "ALLOWED_HOSTS");
    assert!(finding.message().contains("not valid UTF-8"), "{}", finding.message());
}

#[test]
fn allowed_hosts_match_as_django_matches_them() {
    // (ALLOWED_HOSTS, SITE_URL, allowed), after Django's validate_host and
    // its tests: brackets kept on IPv6, one trailing dot removed from the
    // host and none from an entry, case ignored.
    let cases = [
        ("[::1]", "https://[::1]:8080/", true),
        ("[::1]", "https://[0:0::1]/", true),
        ("::1", "https://[::1]/", false),
        ("shop.example.com", "https://shop.example.com./", true),
        ("shop.example.com", "https://shop.example.com../", false),
        ("shop.example.com.", "https://shop.example.com/", false),
        (".example.com", "https://www.EXAMPLE.com/", true),
        (".example.com", "https://example.com/", true),
        (".example.com", "https://badexample.com/", false),
        ("*", "https://anything.example/", true),
    ];
    for (hosts, site, allowed) in cases {
        let env = with(railway_fit(), &[("ALLOWED_HOSTS", Some(hosts)), ("SITE_URL", Some(site))]);
        let found = ids(&check(&Policy::new(), &env)).contains(&"site_url_host_not_allowed");
        assert_eq!(!found, allowed, "{hosts} {site}");
    }
}

#[test]
fn a_local_run_is_told_how_to_develop_locally() {
    let err = check(&Policy::new(), &[]).unwrap_err();
    let text = err.to_string();
    let second = text.lines().nth(1).unwrap_or_default();
    assert!(second.contains("No hosting platform detected"), "{text}");
    assert!(second.contains("DEBUG=true"), "{text}");
    // On a platform production is no inference: no such line.
    let err = check(&Policy::new(), &with(railway_fit(), &[("DEBUG", Some("1"))])).unwrap_err();
    assert!(!err.to_string().contains("No hosting platform detected"));
}

#[cfg(unix)]
#[test]
fn a_non_utf8_name_is_ignored() {
    use std::os::unix::ffi::OsStringExt;
    let name = std::ffi::OsString::from_vec(b"DEBUG\xff".to_vec());
    let result = Policy::new().validate_env([(name, std::ffi::OsString::from("true"))]);
    assert!(result.unwrap_err().report().is_production());
}

#[test]
fn quotes_around_a_url_are_a_finding() {
    for quoted in [
        "\"postgresql://u:pw@db.railway.internal/app\"",
        "'postgresql://u:pw@db.railway.internal/app'",
    ] {
        let err = check(&Policy::new(), &with(railway_fit(), &[("DATABASE_URL", Some(quoted))]))
            .unwrap_err();
        let finding = err.errors().next().unwrap();
        assert_eq!(finding.id(), "database_url_invalid");
        assert!(finding.message().contains("quotes"), "{}", finding.message());
        assert!(finding.remediation().contains("Remove the quotes"), "{}", finding.remediation());
    }
}

#[test]
fn odd_casing_and_whitespace_change_nothing() {
    let fit = check(&Policy::new(), &railway_fit());
    assert!(fit.is_ok());
    let variants = [
        " POSTGRESQL://postgres:pw@postgres.railway.internal:5432/railway ",
        "\tPostgres://postgres:pw@postgres.railway.internal:5432/railway\n",
        "JDBC:PostgreSQL://postgres.railway.internal:5432/railway",
    ];
    for url in variants {
        let report =
            check(&Policy::new(), &with(railway_fit(), &[("DATABASE_URL", Some(url))])).unwrap();
        assert_eq!(report.database().unwrap().backend(), Backend::Postgresql, "{url:?}");
    }
    for sqlite in ["SQLITE:///db.sqlite3", " sqlite::memory: ", "DB.SQLITE3", "File:app.db"] {
        let result = check(&Policy::new(), &with(railway_fit(), &[("DATABASE_URL", Some(sqlite))]));
        assert_eq!(ids(&result), ["sqlite_in_production"], "{sqlite:?}");
    }
}

#[test]
fn unset_empty_and_whitespace_are_the_same() {
    let unset = ids(&check(&Policy::new(), &with(railway_fit(), &[("SECRET_KEY", None)])));
    for blank in ["", " ", "\t\n"] {
        let blankish =
            ids(&check(&Policy::new(), &with(railway_fit(), &[("SECRET_KEY", Some(blank))])));
        assert_eq!(blankish, unset, "{blank:?}");
    }
}

#[test]
fn an_invalid_boolean_shows_its_value_and_the_accepted_spellings() {
    let err = check(&Policy::new(), &with(railway_fit(), &[("DEBUG", Some("Ture"))])).unwrap_err();
    let finding = err.errors().next().unwrap();
    assert_eq!(finding.severity(), Severity::Error);
    assert!(finding.message().contains("DEBUG=Ture "), "{}", finding.message());
    assert!(finding.message().contains("yes/no"), "{}", finding.message());
}

#[test]
fn arbitrary_junk_never_panics() {
    let junk = [
        "://",
        ":",
        "@",
        "@@@",
        "postgres://",
        "postgres://@",
        "postgres://:@:/",
        "postgres://[",
        "postgres://[]:5432",
        "postgres://a,,b/db",
        "host=",
        "host='unterminated",
        "=",
        "jdbc:",
        "jdbc:oracle:thin:",
        "${",
        "${{",
        "}}",
        "sqlserver://;",
        "sqlserver://h;password",
        "mongodb://h1:1,h2:x/db",
        "file:",
        "\u{0}",
        "ü://ö",
        "a/b@c",
        "user:pass@",
        "😀://😀@😀/😀",
    ];
    for value in junk {
        let _ = check(&Policy::new(), &with(railway_fit(), &[("DATABASE_URL", Some(value))]));
        let _ = check(
            &Policy::new(),
            &with(railway_fit(), &[("SITE_URL", Some(value)), ("ALLOWED_HOSTS", Some(value))]),
        );
    }
}
