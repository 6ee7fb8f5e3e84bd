//! What both fuzz targets share with `guard-core/tests/test_database_secrets.rs`
//! (which includes this file as a module):
//! the connection-string templates of every grammar guard reads, the ways a
//! secret is written into them, and the secret's alphabet.

/// How a secret is written into its place.
#[derive(Clone, Copy, Debug)]
pub enum Writing {
    /// As it is, without the template's `not_raw` characters.
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

use Writing::*;

/// A connection string with `{}` where the secret goes, how it may be
/// written there, and what a raw secret cannot hold there (where such a
/// character starts another part of the string, the secret is no longer a
/// password but a different connection string).
pub struct Template {
    pub text: &'static str,
    pub writings: &'static [Writing],
    pub not_raw: &'static str,
}

const fn t(text: &'static str, writings: &'static [Writing]) -> Template {
    Template { text, writings, not_raw: "" }
}

/// libpq's `isspace`, which ends an unquoted value.
const LIBPQ_SPACE: &str = " \t\n\r\u{b}\u{c}";

pub const TEMPLATES: &[Template] = &[
    t("postgresql://app:{}@db.example.com:5432/shop?sslmode=require", &[Raw, Percent]),
    t("postgresql://app:{}@h1.internal:5432,h2.internal:5433/shop", &[Raw, Percent]),
    t("mysql://root:{}@mysql.railway.internal:3306/railway", &[Percent]),
    t("mongodb+srv://u:{}@cluster0.example.net/app?retryWrites=true", &[Raw, Percent]),
    t("oracle://scott:{}@db.example.com:1521/orcl", &[Percent]),
    t("redis://default:{}@cache.internal:6379", &[Percent]),
    t("mssql+pyodbc://sa:{}@dsn", &[Percent]),
    t("jdbc:mysql://app:{}@db.example.com:3306/shop", &[Percent]),
    t("postgresql://app@db.example.com/shop?password={}&sslmode=require", &[Percent]),
    t("postgres://db.example.com/app?sslmode=disable&PWD={}", &[Percent]),
    t("libsql://shop.turso.io?authToken={}", &[Percent]),
    t("mongodb://u@db.example.com/app?authMechanismProperties=AWS_SESSION_TOKEN:{}", &[Percent]),
    t("prisma://accelerate.prisma-data.net/?api_key={}", &[Percent]),
    t("jdbc:postgresql://db.example.com:5432/app?user=u&password={}", &[Percent]),
    t("sqlite:///data/app.db?password={}", &[Percent]),
    Template {
        text: "host=db.example.com port=5432 dbname=shop password={} sslmode=disable",
        writings: &[Raw, LibpqQuoted],
        not_raw: LIBPQ_SPACE,
    },
    t("sslpassword={} host=db.example.com", &[LibpqQuoted]),
    t("Server=tcp:db.example.com,1433;Database=app;User ID=u;Password={};", &[AdoQuoted, Braced]),
    t("Data Source=db.example.com;Initial Catalog=app;PWD={}", &[AdoQuoted, Braced]),
    t("Data Source=app.db;Password={}", &[AdoQuoted]),
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
    t("app:{}@tcp(db.example.com:3306)/shop?tls=true", &[Raw]),
    t("scott/{}@db.example.com:1521/orclpdb1", &[Raw]),
    t("scott/{}@//db.example.com:1521/orclpdb1", &[Raw]),
    // A value pasted alone (without the characters that would make it a
    // connection string of its own: `u/p@db:1/x` is EZConnect, and its
    // host is shown).
    Template { text: "{}", writings: &[Raw], not_raw: ":/@=;." },
    t("\"postgresql://app:{}@db.example.com/shop\"", &[Percent]),
];

/// The secret's alphabet: delimiters of every grammar, whitespace, control
/// characters, a BOM, a non-ASCII letter, letters and digits.
pub const ALPHABET: &[char] = &[
    '@', '/', ':', ';', '{', '}', '"', '\'', '#', '%', '?', '&', '=', '\\', ',', '+', '!', '$',
    '*', '.', '-', '_', '~', '[', ']', ' ', '\t', '\n', '\r', '\u{feff}', 'é', 'a', 'b', 'c', 'x',
    'y', 'z', 'P', 'Q', 'W', '0', '1', '7', '9',
];

/// The plain secret of the control run.
pub const BENIGN: &str = "Benign0secret";

/// Fuzz bytes as a secret drawn from [`ALPHABET`].
pub fn secret(bytes: &[u8]) -> String {
    bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()]).collect()
}

/// `secret` as `writing` writes it into `template`.
pub fn write(secret: &str, writing: Writing, not_raw: &str) -> String {
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

/// The template and writing that two fuzz bytes choose.
pub fn choose(template: u8, writing: u8) -> (&'static Template, Writing) {
    let template = &TEMPLATES[usize::from(template) % TEMPLATES.len()];
    let writing = template.writings[usize::from(writing) % template.writings.len()];
    (template, writing)
}

/// The pieces of `text` of 6 characters (any longer piece holds one).
pub fn pieces(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(6).map(|w| w.iter().collect()).collect()
}
