//! Properties over generated input: redaction holds for any password,
//! nothing panics on any input, and the verdict ignores letter case where
//! the rules say case does not matter.

use std::collections::BTreeSet;
use std::ffi::OsString;

mod common;

use common::{STRONG_SECRET, classify_output, every_output};
use prodguard::{GuardError, Report};
use proptest::prelude::*;
use proptest::sample::select;

/// The schemes of every backend family, with aliases, drivers and `jdbc:`.
const SCHEMES: &[&str] = &[
    "postgres",
    "postgresql",
    "pgsql",
    "postgis",
    "timescale",
    "redshift",
    "postgresql+asyncpg",
    "postgresql+psycopg2",
    "jdbc:postgresql",
    "mysql",
    "mysql2",
    "mariadb",
    "mysql+pymysql",
    "jdbc:mysql",
    "sqlite",
    "sqlite3",
    "libsql",
    "mssql",
    "sqlserver",
    "mssql+pyodbc",
    "oracle",
    "oracle+cx_oracle",
    "cockroachdb",
    "mongodb",
    "mongodb+srv",
    "redis",
];

const SECRET_PARAMETERS: &[&str] = &[
    "password",
    "pass",
    "passwd",
    "pwd",
    "sslpassword",
    "secret",
    "token",
    "authToken",
    "access_token",
    "api_key",
];

const HOSTS: &[&str] = &[
    "postgres.railway.internal",
    "monorail.proxy.rlwy.net:41234",
    "localhost:5432",
    "10.0.0.7",
    "[::1]:5432",
    "h1:5432,h2:5433",
    "cluster0.abcde.mongodb.net",
];

/// A password: mostly characters that mean something in a URL, so the
/// redaction's splitting is exercised, plus any character at all.
fn password() -> impl Strategy<Value = String> {
    let special = select("@/:#?&;=%+' \"\\[]{}$,!*~.-_\t\n".chars().collect::<Vec<_>>());
    let char = prop_oneof![
        3 => special,
        3 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('0', '9'),
        2 => any::<char>(),
    ];
    proptest::collection::vec(char, 6..24).prop_map(|chars| chars.into_iter().collect())
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `text` with its letters in the case `upper` says, cycling.
fn recase(text: &str, upper: &[bool]) -> String {
    text.chars()
        .zip(upper.iter().cycle())
        .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
        .collect()
}

/// Where a password goes in a connection string.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// `scheme://user:PASSWORD@host/db`
    Userinfo,
    /// `scheme://user@host/db?KEY=PASSWORD&sslmode=require`
    Query,
}

/// A URL holding `secret` (as written, raw or encoded), and the same URL
/// with the secret left out, to tell a leak from a chance match.
fn url_with(scheme: &str, host: &str, place: Place, key: &str, secret: &str) -> (String, String) {
    let build = |secret: &str| match place {
        Place::Userinfo => format!("{scheme}://app_user:{secret}@{host}/shop?sslmode=require"),
        Place::Query => {
            format!("{scheme}://app_user@{host}/shop?user=app_user&{key}={secret}&sslmode=require")
        }
    };
    (build(secret), build(""))
}

/// The environments a URL is checked in: Railway fit, development, and a
/// platform with `LOCAL_TEST` set.
fn environments(url: &str) -> [Vec<(&str, &str)>; 3] {
    [
        vec![
            ("RAILWAY_ENVIRONMENT_NAME", "production"),
            ("RAILWAY_PROJECT_ID", "6d1f0b2e"),
            ("DATABASE_URL", url),
            ("SECRET_KEY", STRONG_SECRET),
        ],
        vec![("DEBUG", "true"), ("DATABASE_URL", url)],
        vec![("KUBERNETES_SERVICE_HOST", "10.0.0.1"), ("LOCAL_TEST", "1"), ("DATABASE_URL", url)],
    ]
}

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(256)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn redaction_hides_any_password(
        scheme in select(SCHEMES),
        host in select(HOSTS),
        key in select(SECRET_PARAMETERS),
        key_case in proptest::collection::vec(any::<bool>(), 1..8),
        place in prop_oneof![Just(Place::Userinfo), Just(Place::Query)],
        encoded in any::<bool>(),
        password in password(),
    ) {
        // A raw `&` ends a query value by definition: a raw password there
        // holds none.
        let password = if !encoded && matches!(place, Place::Query) {
            password.replace('&', "")
        } else {
            password
        };
        let written = if encoded { percent_encode(&password) } else { password.clone() };
        let key = recase(key, &key_case);
        let (url, without) = url_with(scheme, host, place, &key, &written);
        let forms: BTreeSet<&str> = [password.as_str(), written.as_str()].into();
        for form in &forms {
            // A short or common password may be in the rest of the URL by chance.
            prop_assume!(form.trim().chars().count() >= 6 && !without.contains(form.trim()));
        }

        let direct = classify_output(&url);
        for form in &forms {
            prop_assert!(!direct.contains(form), "{url:?} leaks {form:?}:\n{direct}");
        }
        for env in environments(&url) {
            let control = every_output(&prodguard::validate_env(
                env.iter().map(|&(k, v)| (k, if k == "DATABASE_URL" { without.as_str() } else { v })),
            ));
            let out = every_output(&prodguard::validate_env(env));
            for form in &forms {
                prop_assume!(!control.contains(form));
                prop_assert!(!out.contains(form), "{url:?} leaks {form:?}:\n{out}");
            }
        }
    }

    #[test]
    fn redaction_hides_passwords_in_key_value_and_jdbc_forms(
        template in select(&[
            "host=db.example.com port=5432 dbname=shop password={} sslmode=disable",
            "host=db.example.com password='{}' dbname=shop",
            "jdbc:sqlserver://db.example.com:1433;databaseName=shop;user=sa;password={};encrypt=false",
            "Server=db.example.com;Database=shop;User Id=sa;Password={};",
            "scott/{}@db.example.com:1521/orcl",
            "jdbc:oracle:thin:scott/{}@db.example.com:1521:ORCL",
        ][..]),
        password in password(),
    ) {
        let quoted = template.contains("'{}'");
        // Each form has its own terminator: whitespace for libpq's plain
        // words, `'` for its quoted values, `;` for property lists. Unquoted,
        // a password holds none of them, and does not start with a quote.
        let password = if quoted {
            password
        } else {
            let kept: String = password
                .chars()
                .filter(|&c| c != ';' && !c.is_whitespace())
                .collect();
            kept.trim_start_matches(['\'', '"']).to_owned()
        };
        let written = if quoted {
            password.replace('\\', "\\\\").replace('\'', "\\'")
        } else {
            password.clone()
        };
        let url = template.replace("{}", &written);
        let without = template.replace("{}", "");
        prop_assume!(password.trim().chars().count() >= 6 && !without.contains(password.trim()));
        let direct = classify_output(&url);
        prop_assert!(!direct.contains(&password), "{url:?} leaks:\n{direct}");
        for env in environments(&url) {
            let out = every_output(&prodguard::validate_env(env));
            prop_assert!(!out.contains(&password), "{url:?} leaks:\n{out}");
        }
    }

    #[test]
    fn a_secret_key_never_appears(secret in password()) {
        let env = [
            ("RAILWAY_PROJECT_ID", "6d1f0b2e"),
            ("DATABASE_URL", "postgresql://app@postgres.railway.internal/shop"),
            ("SECRET_KEY", secret.as_str()),
        ];
        let control = every_output(&prodguard::validate_env(
            env.iter().map(|&(k, v)| (k, if k == "SECRET_KEY" { "x" } else { v })),
        ));
        prop_assume!(secret.trim().chars().count() >= 6 && !control.contains(secret.trim()));
        let out = every_output(&prodguard::validate_env(env));
        prop_assert!(!out.contains(secret.trim()), "SECRET_KEY leaks:\n{out}");
    }

    #[test]
    fn classify_never_panics(raw in any::<String>()) {
        let _ = classify_output(&raw);
    }

    #[test]
    fn classify_never_panics_on_url_shaped_input(
        scheme in select(SCHEMES),
        rest in "[a-z0-9@/:#?&;=%\\[\\]{}$,.\\-_ ]{0,40}",
    ) {
        let _ = classify_output(&format!("{scheme}://{rest}"));
        let _ = classify_output(&format!("{scheme}:{rest}"));
        let _ = classify_output(&rest);
    }

    #[test]
    fn validate_env_never_panics_on_arbitrary_pairs(
        pairs in proptest::collection::vec(
            (
                prop_oneof![
                    3 => select(&[
                        "DEBUG", "LOCAL_TEST", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS",
                        "SITE_URL", "RAILWAY_PROJECT_ID", "RAILWAY_ENVIRONMENT_NAME",
                        "RAILWAY_PUBLIC_DOMAIN", "RAILWAY_VOLUME_MOUNT_PATH", "VERCEL",
                        "VERCEL_ENV", "NETLIFY", "CONTEXT", "RENDER", "IS_PULL_REQUEST",
                        "K_SERVICE", "K_CONFIGURATION", "REDIS_URL",
                    ][..]).prop_map(|name| name.as_bytes().to_vec()),
                    1 => proptest::collection::vec(any::<u8>(), 0..12),
                ],
                proptest::collection::vec(any::<u8>(), 0..64),
            ),
            0..10,
        ),
    ) {
        let env: Vec<(OsString, OsString)> =
            pairs.into_iter().map(|(k, v)| (os_string(k), os_string(v))).collect();
        let result = prodguard::Policy::new()
            .require("REDIS_URL")
            .validate_env(env.iter().map(|(k, v)| (k, v)));
        let _ = every_output(&result);
    }

    #[test]
    fn the_verdict_ignores_the_case_of_schemes_and_booleans(
        url in select(&[
            ("postgresql", "://app:pw@postgres.railway.internal:5432/shop"),
            ("postgres+asyncpg", "://app:pw@db.example.com/shop?sslmode=disable"),
            ("jdbc:postgresql", "://localhost:5432/shop"),
            ("mysql", "://root:pw@127.0.0.1:3306/shop"),
            ("mariadb", "://root:pw@db.example.com/shop?ssl=false"),
            ("sqlite", ":///data/app.db"),
            ("sqlite", "::memory:"),
            ("sqlite3", ":app.db"),
            ("spatialite", ":geo.db"),
            ("file", ":app.db?mode=ro"),
            ("libsql", "://shop.turso.io?authToken=tok"),
            ("mssql", "://sa:pw@db.example.com:1433/shop"),
            ("jdbc:sqlserver", "://db.example.com:1433;databaseName=shop;encrypt=false"),
            ("oracle", "://scott:tiger@db.example.com:1521/orcl"),
            ("jdbc:oracle:thin:", "scott/tiger@db.example.com:1521:ORCL"),
            ("cockroachdb", "://root@localhost:26257/shop"),
            ("mongodb+srv", "://u:pw@cluster0.example.net/shop"),
            ("redis", "://cache:6379"),
        ][..]),
        scheme_case in proptest::collection::vec(any::<bool>(), 1..8),
        debug in select(&[None, Some("true"), Some("1"), Some("yes"), Some("on"),
            Some("false"), Some("0"), Some("no"), Some("off")][..]),
        local_test in select(&[None, Some("true"), Some("yes"), Some("on"), Some("off"), Some("false")][..]),
        debug_case in proptest::collection::vec(any::<bool>(), 1..6),
        local_case in proptest::collection::vec(any::<bool>(), 1..6),
        platform in select(&[None, Some("RAILWAY_PROJECT_ID"), Some("DYNO"), Some("KUBERNETES_SERVICE_HOST")][..]),
        secret in select(&[None, Some(STRONG_SECRET), Some("short")][..]),
    ) {
        let (scheme, rest) = url;
        let env = |scheme: &str, debug: Option<String>, local_test: Option<String>| {
            let mut env = vec![("DATABASE_URL".to_owned(), format!("{scheme}{rest}"))];
            env.extend(debug.map(|v| ("DEBUG".to_owned(), v)));
            env.extend(local_test.map(|v| ("LOCAL_TEST".to_owned(), v)));
            env.extend(platform.map(|name| (name.to_owned(), "x".to_owned())));
            env.extend(secret.map(|s| ("SECRET_KEY".to_owned(), s.to_owned())));
            verdict(&prodguard::validate_env(env))
        };
        let canonical = env(scheme, debug.map(str::to_owned), local_test.map(str::to_owned));
        let recased = env(
            &recase(scheme, &scheme_case),
            debug.map(|v| recase(v, &debug_case)),
            local_test.map(|v| recase(v, &local_case)),
        );
        prop_assert_eq!(canonical, recased);
    }
}

/// Ok or Err, and the set of finding ids.
fn verdict(result: &Result<Report, GuardError>) -> (bool, BTreeSet<&'static str>) {
    let report = match result {
        Ok(report) => report,
        Err(err) => err.report(),
    };
    (result.is_ok(), report.findings().iter().map(|f| f.id()).collect())
}

#[cfg(unix)]
fn os_string(bytes: Vec<u8>) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes)
}

#[cfg(not(unix))]
fn os_string(bytes: Vec<u8>) -> OsString {
    String::from_utf8_lossy(&bytes).into_owned().into()
}
