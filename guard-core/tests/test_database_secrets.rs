//! A secret planted in any grammar's connection string never reaches any
//! output, whatever characters it holds: 10,000 generated cases over every
//! form guard reads, with passwords and secret parameter values drawn from
//! an alphabet of delimiters (`@ / : ; { } " ' # % ? & =`), whitespace,
//! control characters and a BOM, written raw, percent-encoded or quoted.

mod common;

use std::cell::Cell;

use common::{STRONG_SECRET, every_output};
use prodguard::DatabaseUrl;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestRunner;

/// How the secret is written into its place.
#[derive(Clone, Copy, Debug)]
enum Writing {
    /// As it is.
    Raw,
    /// Percent-encoded, but for RFC 3986's unreserved characters.
    Percent,
    /// libpq's `'…'`, with `\` before `'` and `\`.
    LibpqQuoted,
    /// ADO.NET's `"…"`, with `"` doubled.
    AdoQuoted,
    /// ODBC's and SQL Server JDBC's `{…}`, with `}` doubled.
    Braced,
}

/// A connection string with `{}` where the secret goes, how it is
/// written there, and the characters the raw writing cannot hold (a raw
/// `,` in Connector/J's `(k=v,k=v)` starts a property: such a secret is
/// not a password there, but a different connection string).
struct Template {
    text: &'static str,
    writings: &'static [Writing],
    not_raw: &'static str,
}

const fn t(text: &'static str, writings: &'static [Writing]) -> Template {
    Template { text, writings, not_raw: "" }
}

use Writing::*;

/// Every grammar guard reads, with a password or a secret parameter.
const TEMPLATES: &[Template] = &[
    // URLs: userinfo.
    t("postgresql://app:{}@db.example.com:5432/shop?sslmode=require", &[Raw, Percent]),
    t("postgresql://app:{}@h1.internal:5432,h2.internal:5433/shop", &[Raw, Percent]),
    t("mysql://root:{}@mysql.railway.internal:3306/railway", &[Percent]),
    t("mongodb+srv://u:{}@cluster0.example.net/app?retryWrites=true", &[Raw, Percent]),
    t("oracle://scott:{}@db.example.com:1521/orcl", &[Percent]),
    t("redis://default:{}@cache.internal:6379", &[Percent]),
    t("mssql+pyodbc://sa:{}@dsn", &[Percent]),
    t("jdbc:mysql://app:{}@db.example.com:3306/shop", &[Percent]),
    // URLs: secret parameters.
    t("postgresql://app@db.example.com/shop?password={}&sslmode=require", &[Percent]),
    t("postgres://db.example.com/app?sslmode=disable&PWD={}", &[Percent]),
    t("libsql://shop.turso.io?authToken={}", &[Percent]),
    t("mongodb://u@db.example.com/app?authMechanismProperties=AWS_SESSION_TOKEN:{}", &[Percent]),
    t("prisma://accelerate.prisma-data.net/?api_key={}", &[Percent]),
    t("jdbc:postgresql://db.example.com:5432/app?user=u&password={}", &[Percent]),
    t("sqlite:///data/app.db?password={}", &[Percent]),
    // libpq key/value.
    t("host=db.example.com port=5432 dbname=shop password={} sslmode=disable", &[Raw, LibpqQuoted]),
    t("sslpassword={} host=db.example.com", &[LibpqQuoted]),
    // ADO.NET / ODBC.
    t("Server=tcp:db.example.com,1433;Database=app;User ID=u;Password={};", &[AdoQuoted, Braced]),
    t("Data Source=db.example.com;Initial Catalog=app;PWD={}", &[AdoQuoted, Braced]),
    t("Data Source=app.db;Password={}", &[AdoQuoted]),
    // JDBC.
    t(
        "jdbc:sqlserver://db.example.com:1433;databaseName=app;user=sa;password={};encrypt=false",
        &[Braced],
    ),
    Template {
        text: "jdbc:mysql://address=(host=db.example.com)(port=3306)(user=u)(password={})/app",
        writings: &[Raw],
        not_raw: "()",
    },
    Template {
        text: "jdbc:mysql://(host=db.example.com,port=3306,password={})/app",
        writings: &[Raw],
        not_raw: "(),",
    },
    t("jdbc:oracle:thin:scott/{}@db.example.com:1521:ORCL", &[Raw]),
    // go-sql-driver.
    t("app:{}@tcp(db.example.com:3306)/shop?tls=true", &[Raw]),
    // EZConnect.
    t("scott/{}@db.example.com:1521/orclpdb1", &[Raw]),
    t("scott/{}@//db.example.com:1521/orclpdb1", &[Raw]),
    // A value pasted alone (without the characters that would make it a
    // connection string of its own: `u/p@db:1/x` is EZConnect, and its
    // host is shown), and one in quotes.
    Template { text: "{}", writings: &[Raw], not_raw: ":/@=;." },
    t("\"postgresql://app:{}@db.example.com/shop\"", &[Percent]),
];

/// The secret of the control run: plain, and valid in every writing.
const BENIGN: &str = "Benign0secret";

/// A secret: mostly characters that delimit something in some grammar.
fn secret() -> impl Strategy<Value = String> {
    let special = select("@/:;{}\"'#%?&=\\,+!$*.-_~[] \t\n\r\u{feff}é".chars().collect::<Vec<_>>());
    let char = prop_oneof![
        4 => special,
        3 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        2 => proptest::char::range('0', '9'),
    ];
    proptest::collection::vec(char, 6..24).prop_map(|chars| chars.into_iter().collect())
}

fn write(secret: &str, writing: Writing, not_raw: &str) -> String {
    match writing {
        Raw => secret.chars().filter(|c| !not_raw.contains(*c)).collect(),
        Percent => {
            let mut out = String::new();
            for byte in secret.bytes() {
                if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                    out.push(byte as char);
                } else {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            out
        }
        LibpqQuoted => format!("'{}'", secret.replace('\\', "\\\\").replace('\'', "\\'")),
        AdoQuoted => format!("\"{}\"", secret.replace('"', "\"\"")),
        Braced => format!("{{{}}}", secret.replace('}', "}}")),
    }
}

/// Everything a user can print about `raw`: classified directly, and
/// checked as the `DATABASE_URL` of a production deployment.
fn outputs(raw: &str) -> (bool, Vec<String>) {
    let mut out = Vec::new();
    let ok = match DatabaseUrl::classify(raw) {
        Ok(url) => {
            out.push(url.to_string());
            out.push(format!("{url:?}"));
            out.push(format!("{:?} {:?}", url.scheme(), url.database()));
            true
        }
        Err(err) => {
            out.push(err.to_string());
            out.push(format!("{err:?}"));
            out.push(err.shown().to_owned());
            false
        }
    };
    for piece in &out {
        assert!(
            !piece.chars().any(char::is_control),
            "{raw:?} prints a control character: {piece:?}"
        );
    }
    let env = [
        ("RAILWAY_ENVIRONMENT_NAME", "production"),
        ("RAILWAY_PROJECT_ID", "6d1f0b2e"),
        ("DATABASE_URL", raw),
        ("SECRET_KEY", STRONG_SECRET),
    ];
    out.push(every_output(&prodguard::validate_env(env)));
    (ok, out)
}

/// The pieces of `text` of 6 characters (any longer piece holds one).
fn pieces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(6).map(|w| w.iter().collect()).collect()
}

#[test]
fn no_planted_secret_reaches_any_output() {
    let cases: Vec<(usize, Writing)> = TEMPLATES
        .iter()
        .enumerate()
        .flat_map(|(i, template)| template.writings.iter().map(move |w| (i, *w)))
        .collect();
    let classified = Cell::new(0u32);
    let total = Cell::new(0u32);
    let mut runner = TestRunner::new(ProptestConfig {
        // Generated, not persisted: a failure prints its case.
        failure_persistence: None,
        ..ProptestConfig::with_cases(10_000)
    });
    let result = runner.run(&(select(cases), secret()), |((index, writing), secret)| {
        let template = &TEMPLATES[index];
        let written = write(&secret, writing, template.not_raw);
        let raw = template.text.replace("{}", &written);
        let benign = template.text.replace("{}", &write(BENIGN, writing, ""));
        let (ok, out) = outputs(&raw);
        let (_, control) = outputs(&benign);
        let control = control.concat();
        total.set(total.get() + 1);
        classified.set(classified.get() + u32::from(ok));
        let raw_secret: String =
            secret.chars().filter(|c| !template.not_raw.contains(*c)).collect();
        for piece in pieces(&raw_secret).into_iter().chain(pieces(&written)) {
            if control.contains(&piece) {
                continue;
            }
            for text in &out {
                prop_assert!(
                    !text.contains(&piece),
                    "{raw:?} shows {piece:?} of its secret:\n{text}"
                );
            }
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let (classified, total) = (classified.get(), total.get());
    assert!(total >= 10_000, "only {total} cases ran");
    assert!(
        classified * 2 >= total,
        "only {classified} of {total} cases classified: the rebuilt form is barely exercised"
    );
    eprintln!("{classified} of {total} cases classified");
}
