//! Table-driven classification: one row per form users really write, per
//! grammar, with the exact shown form; misfits; and leak probes.

use super::*;

/// What a row expects.
enum Verdict {
    /// Classified, with this family and this shown form.
    Ok(Backend, &'static str),
    /// Invalid, still reporting this family (or none).
    Invalid(Option<Backend>),
}

use Verdict::{Invalid, Ok as Fit};

/// The planted secret of the leak probes.
const SECRET: &str = "S3CRET";

/// Every text `classify` gives about `raw`.
fn outputs(raw: &str) -> Vec<String> {
    match DatabaseUrl::classify(raw) {
        Ok(url) => vec![
            url.to_string(),
            format!("{url:?}"),
            url.shown().to_owned(),
            format!("{:?}", url.scheme()),
            format!("{:?}", url.database()),
        ],
        Err(err) => vec![err.to_string(), format!("{err:?}"), err.shown().to_owned()],
    }
}

fn check_rows(rows: &[(&str, Verdict)]) {
    for (raw, expected) in rows {
        let result = DatabaseUrl::classify(raw);
        match (expected, &result) {
            (Fit(backend, shown), Ok(url)) => {
                assert_eq!(url.backend(), *backend, "{raw}");
                assert_eq!(url.shown(), *shown, "{raw}");
            }
            (Invalid(backend), Err(err)) => assert_eq!(err.backend(), *backend, "{raw}: {err:?}"),
            _ => panic!("{raw}: {result:?}"),
        }
        for out in outputs(raw) {
            assert!(!out.contains(SECRET), "{raw} shows {out}");
            assert!(!out.chars().any(char::is_control), "{raw} shows {out:?}");
        }
    }
}

#[test]
fn the_issues_examples_are_shown_exactly() {
    check_rows(&[
        (
            "postgresql://u:pw@db.internal:5432/app?sslmode=require&token=x",
            Fit(
                Backend::Postgresql,
                "postgresql://u:***@db.internal:5432/app?sslmode=require&token=***",
            ),
        ),
        (
            "host=db password='a b' dbname=app",
            Fit(Backend::Postgresql, "host=db password=*** dbname=app"),
        ),
        (
            "Server=tcp:db.example.com,1433;Database=app;User ID=u;Password=p;",
            Fit(
                Backend::Sqlserver,
                "Server=tcp:db.example.com,1433;Database=app;User ID=u;Password=***;",
            ),
        ),
    ]);
    let err = DatabaseUrl::classify("Sup3rPastedPw0rd").unwrap_err();
    assert_eq!(err.shown(), "(16 characters, not shown)");
    assert_eq!(err.problem(), &DatabaseUrlProblem::NoForm);
}

/// Each example of the issue's "Why": a leak, a false pass or a false
/// refusal of guard 0.1, with its right verdict.
#[test]
fn the_issues_broken_cases() {
    check_rows(&[
        // Leaks.
        (
            "host=db password=\tS3CRET dbname=app",
            Fit(Backend::Postgresql, "host=db password=*** dbname=app"),
        ),
        (
            "postgres://h/db?pass%77ord=S3CRET",
            Fit(Backend::Postgresql, "postgres://h/db?password=***"),
        ),
        (
            "jdbc:mysql://address=(host=h)(port=3306)(user=u)(password=S3CRET)/db",
            Fit(
                Backend::Mysql,
                "jdbc:mysql://address=(host=h)(port=3306)(user=u)(password=***)/db",
            ),
        ),
        (
            "jdbc:sqlserver://h;password={a;S3CRET};databaseName=db",
            Fit(Backend::Sqlserver, "jdbc:sqlserver://h;password=***;databaseName=db"),
        ),
        (
            "mssql+pyodbc:///?odbc_connect=DRIVER%3D%7BODBC+Driver+18%7D%3BSERVER%3Dh%3BPWD%3DS3CRET",
            Fit(Backend::Sqlserver, "mssql+pyodbc:///?odbc_connect=***"),
        ),
        ("user:p@ss/S3CRET@tcp(h:3306)/db", Fit(Backend::Mysql, "user:***@tcp(h:3306)/db")),
        ("postgres://admin:S3CRET", Invalid(Some(Backend::Postgresql))),
        (
            "mongodb://u@h/db?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:S3CRET",
            Fit(
                Backend::Mongodb,
                "mongodb://u@h/db?authMechanism=MONGODB-AWS&authMechanismProperties=***",
            ),
        ),
        ("oracle://scott/S3CRET@h:1521/svc", Invalid(Some(Backend::Oracle))),
        ("S3CRETpastedAlone", Invalid(None)),
        // False passes.
        ("DATABASE_URL=sqlite:///data/app.db", Invalid(None)),
        ("./data@v2.sqlite3", Fit(Backend::Sqlite, "(17 characters)")),
        ("data/app@v2.db", Fit(Backend::Sqlite, "(14 characters)")),
        ("postgresql//u:S3CRET@h/db", Invalid(Some(Backend::Postgresql))),
        // No go-sql-driver DSN either: `@/` is no signature.
        ("postgresql//u:S3CRET@/db", Invalid(Some(Backend::Postgresql))),
        ("Xk9vQ2m@/Lp7rT4w", Invalid(None)),
        // A URL whose query holds a DSN's shape is still a URL.
        (
            "postgres://app@db.internal:5432/app?password=Tr0ub@tcp()/S3CRET",
            Invalid(Some(Backend::Postgresql)),
        ),
        ("postgres:", Invalid(Some(Backend::Postgresql))),
        ("mysql:foo", Invalid(Some(Backend::Mysql))),
        ("mysql://u:S3CRET@/db", Invalid(Some(Backend::Mysql))),
        // False refusals.
        (
            "sqlserver://db\\sql2019;database=app;user=sa;password=S3CRET;encrypt=true",
            Fit(
                Backend::Sqlserver,
                "sqlserver://db\\sql2019;database=app;user=sa;password=***;encrypt=true",
            ),
        ),
        (
            "prisma+postgres://accelerate.prisma-data.net/?api_key=S3CRET",
            Fit(Backend::Postgresql, "prisma+postgres://accelerate.prisma-data.net/?api_key=***"),
        ),
        (
            "prisma://accelerate.prisma-data.net/?api_key=S3CRET",
            Fit(Backend::Postgresql, "prisma://accelerate.prisma-data.net/?api_key=***"),
        ),
        ("//db.example.com:1521/ORCL", Fit(Backend::Oracle, "//db.example.com:1521/ORCL")),
        (
            "Server=tcp:db.example.com,1433;Database=app;User ID=u;Password=S3CRET",
            Fit(
                Backend::Sqlserver,
                "Server=tcp:db.example.com,1433;Database=app;User ID=u;Password=***",
            ),
        ),
    ]);
}

/// An `@` in a query value or property is no userinfo: the host stays,
/// and TLS off to it is seen.
/// An `@` in the query of a parameter whose value holds none (MongoDB's
/// `w`) is the end of a password holding a raw `?`: the "host" before it
/// is a piece of that password (found by the classify fuzz target).
#[test]
fn an_at_sign_where_no_value_holds_one_is_invalid() {
    check_rows(&[
        (
            "postgresql://app:@S3CRETyyyW?W=@@:@@x@@h1.internal:5432,h2.internal:5433/shop",
            Invalid(Some(Backend::Postgresql)),
        ),
        ("postgresql://app:@S3CRET?w=x@h1.internal/shop", Invalid(Some(Backend::Postgresql))),
        ("mongodb://app:@S3CRET?replicaSet=x@h1/shop", Invalid(Some(Backend::Mongodb))),
        (
            "postgresql://u:pw@db/app?application_name=me@x",
            Fit(Backend::Postgresql, "postgresql://u:***@db/app?application_name=***"),
        ),
    ]);
}

#[test]
fn an_at_sign_after_the_host_does_not_move_it() {
    for raw in [
        "postgres://db.example.com/app?sslmode=disable&application_name=me@x",
        "postgres://u@db.example.com/app?user=u@srv&sslmode=disable",
        "jdbc:sqlserver://db.example.com;user=u@srv;encrypt=false",
    ] {
        let url = DatabaseUrl::classify(raw).unwrap();
        assert_eq!(url.endpoints()[0].host(), "db.example.com", "{raw}");
        assert_eq!(url.tls(), Tls::Disabled, "{raw}");
    }
}

#[test]
fn the_verdict_table() {
    check_rows(&[
        // `scheme://` URLs, after the split of several hosts and SQL
        // Server's `host\instance` and `;key=value` tails.
        (
            "postgresql://h1:5432,h2:5433/db?target_session_attrs=read-write",
            Fit(
                Backend::Postgresql,
                "postgresql://h1:5432,h2:5433/db?target_session_attrs=read-write",
            ),
        ),
        (
            "mssql://sa:S3CRET@db\\inst:1433/app",
            Fit(Backend::Sqlserver, "mssql://sa:***@db\\inst:1433/app"),
        ),
        // A raw `/`, `#` or `?` in userinfo: invalid, shown by length.
        ("postgres://user:passw#ord!@localhost/db", Invalid(Some(Backend::Postgresql))),
        ("postgres://u:pa/S3CRET@h/db", Invalid(Some(Backend::Postgresql))),
        ("postgres://u:S3?CRET@h/db", Invalid(Some(Backend::Postgresql))),
        ("postgres://u:12?S3CRET&S3CRETx=1@h/db", Invalid(Some(Backend::Postgresql))),
        ("postgres://u:/S3CRET/x@h/db", Invalid(Some(Backend::Postgresql))),
        // A password's end that reads as a query after `host:port`: only
        // allow-listed names are shown, and no path.
        (
            "postgres://u:?S3CRETx&application_name=@h/db",
            Fit(Backend::Postgresql, "postgres://u?application_name=*** (+1 parameter not shown)"),
        ),
        (
            "postgres://u:/S3CRET/x?application_name=@h",
            Fit(Backend::Postgresql, "postgres://u/(8 characters)?application_name=***"),
        ),
        // MongoDB userinfo with sub-delimiters.
        (
            "mongodb://u:S3CRET!$&'()*+,;=@h1:27017,h2:27017/app?replicaSet=rs0",
            Fit(Backend::Mongodb, "mongodb://u:***@h1:27017,h2:27017/app?replicaSet=rs0"),
        ),
        // An empty host: a socket for PostgreSQL and CockroachDB, a TNS
        // name for Oracle, invalid elsewhere.
        ("postgresql:///app", Fit(Backend::Postgresql, "postgresql:///app")),
        ("postgresql://user@", Fit(Backend::Postgresql, "postgresql://user@")),
        ("cockroachdb://root@/app", Fit(Backend::Cockroachdb, "cockroachdb://root@/app")),
        ("oracle://u:S3CRET@/tnsname", Fit(Backend::Oracle, "oracle://u:***@/tnsname")),
        ("mysql://", Invalid(Some(Backend::Mysql))),
        ("mongodb://u:S3CRET@/app", Invalid(Some(Backend::Mongodb))),
        // libpq key/value: only when every key is a libpq keyword.
        ("dbname='foo bar'", Fit(Backend::Postgresql, "dbname=***")),
        (
            "host=/var/run/postgresql dbname=app",
            Fit(Backend::Postgresql, "host=/var/run/postgresql dbname=app"),
        ),
        ("host=db Password=S3CRET", Invalid(None)),
        ("host=db junk=S3CRET", Invalid(None)),
        // ADO.NET/ODBC.
        (
            "Data Source=app.db;Mode=ReadOnly",
            Fit(Backend::Sqlite, "Data Source=app.db;Mode=ReadOnly"),
        ),
        ("Filename=:memory:", Fit(Backend::Sqlite, "Filename=:memory:")),
        (
            "Data Source=(localdb)\\MSSQLLocalDB;Initial Catalog=app;Integrated Security=True",
            Fit(
                Backend::Sqlserver,
                "Data Source=(localdb)\\MSSQLLocalDB;Initial Catalog=app;Integrated Security=True",
            ),
        ),
        (
            "Driver={ODBC Driver 18 for SQL Server};Server=db,1433;UID=sa;PWD={S3;CRET}};x};Encrypt=yes",
            Fit(Backend::Sqlserver, "Driver=***;Server=db,1433;UID=sa;PWD=***;Encrypt=yes"),
        ),
        (
            "Server=db;Password=\"S3\"\"CRET;\";Database=app",
            Fit(Backend::Sqlserver, "Server=db;Password=***;Database=app"),
        ),
        ("Server=db;Bogus=S3CRET", Invalid(None)),
        // JDBC.
        (
            "jdbc:postgresql://db:5432/app?user=u&password=S3CRET",
            Fit(Backend::Postgresql, "jdbc:postgresql://db:5432/app?user=u&password=***"),
        ),
        (
            "jdbc:mysql://(host=h1,port=3306,password=S3C@RET),h2:3307/db?sslMode=DISABLED",
            Fit(
                Backend::Mysql,
                "jdbc:mysql://(host=h1,port=3306,password=***),h2:3307/db?sslMode=DISABLED",
            ),
        ),
        (
            "jdbc:mysql:loadbalance://h1,h2/db",
            Fit(Backend::Mysql, "jdbc:mysql:loadbalance://h1,h2/db"),
        ),
        (
            "jdbc:sqlserver://;serverName=db;databaseName=app;password={S3@CRET}",
            Fit(
                Backend::Sqlserver,
                "jdbc:sqlserver://;serverName=db;databaseName=app;password=***",
            ),
        ),
        (
            "jdbc:oracle:thin:@//db:1521/ORCL",
            Fit(Backend::Oracle, "jdbc:oracle:thin:@//db:1521/ORCL"),
        ),
        ("jdbc:h2:mem:test", Invalid(None)),
        ("jdbc:postgresql:app", Invalid(Some(Backend::Postgresql))),
        // go-sql-driver.
        (
            "root@unix(/var/run/mysqld/mysqld.sock)/shop?parseTime=true",
            Fit(Backend::Mysql, "root@unix(/var/run/mysqld/mysqld.sock)/shop?parseTime=true"),
        ),
        ("u:S3@CRET:x@tcp([::1]:3306)/db", Fit(Backend::Mysql, "u:***@tcp([::1]:3306)/db")),
        // EZConnect.
        (
            "scott/S3CRET@db.example.com:1521/orclpdb1",
            Fit(Backend::Oracle, "scott/***@db.example.com:1521/orclpdb1"),
        ),
        (
            "scott/S3@CRET@//db.example.com/orclpdb1",
            Fit(Backend::Oracle, "scott/***@//db.example.com/orclpdb1"),
        ),
        // A bare `host:port/path`: a URL that lost its scheme.
        ("localhost:5432/app", Invalid(None)),
        ("db.example.com:5432/app", Invalid(None)),
        ("user:S3CRET@db.example.com:5432/app", Invalid(None)),
        // SQLite, a path before EZConnect, but `//host:digits/` EZConnect.
        ("sqlite:///data/app.db", Fit(Backend::Sqlite, "sqlite:///data/app.db")),
        ("file:app.db?mode=ro", Fit(Backend::Sqlite, "file:app.db?mode=ro")),
        ("/data/app.db", Fit(Backend::Sqlite, "/data/app.db")),
        // A path shown only when it ends like a SQLite file: a password
        // holding a `/` may be pasted alone.
        ("/S3CRET/x", Fit(Backend::Sqlite, "(9 characters, not shown)")),
        ("S3CRET/x", Fit(Backend::Sqlite, "(8 characters, not shown)")),
        ("//server/share/app.db", Fit(Backend::Sqlite, "//server/share/app.db")),
        ("//db:1521", Fit(Backend::Oracle, "//db:1521")),
        // Unknown schemes with `//` are classified, as unknown.
        (
            "redis://default:S3CRET@cache:6379",
            Fit(Backend::Unknown, "redis://default:***@cache:6379"),
        ),
    ]);
}

#[test]
fn every_sqlite_form_is_sqlite() {
    let forms = [
        "sqlite:",
        "sqlite:app.db",
        "sqlite3:app.db",
        "sqlite://app.db",
        "sqlite:///abs/app.db",
        "sqlite:////data/app.db",
        "sqlite::memory:",
        "SQLITE:///app.db",
        "Sqlite3://app.db",
        "sqlite+aiosqlite:///./test.db",
        "sqlite+pysqlite:///file.db",
        "spatialite:///geo.db",
        "file:app.db",
        "file:app.db?mode=ro&cache=shared",
        "file:///data/app.db",
        "FILE:app.db",
        ":memory:",
        "db.sqlite3",
        "app.db",
        "data.sqlite",
        "data.DB",
        "./data/app.db",
        "../app.db",
        "/data/app.db",
        "data/app",
        "C:\\data\\app.db",
        "c:/data/app.db",
        "c://data/app.db",
        ".\\app.db",
        "jdbc:sqlite:app.db",
        "jdbc:sqlite:/data/app.db",
        "JDBC:SQLITE::memory:",
        "jdbc:p6spy:sqlite:/data/app.db",
        "Data Source=app.db",
        "Data Source=/data/app.db;Cache=Shared",
        "Data Source=C:\\data\\app.db",
        "./data@v2.sqlite3",
        "sqlite://",
        "sqlite://:memory:",
        // Microsoft.Data.Sqlite's named in-memory database and its other
        // keywords: SqlClient has none of them, so no server is meant.
        "Data Source=InMemorySample;Mode=Memory;Cache=Shared",
        "Data Source=app;Mode=ReadWriteCreate",
        "Data Source=appdata;Foreign Keys=True",
        "Data Source=app;Vfs=unix-dotfile",
        // Microsoft.Data.Sqlite opens URI filenames.
        "Data Source=file::memory:?cache=shared",
        "Data Source=file:app.db?mode=ro",
        // The SQLite ODBC driver, whatever the other keys say.
        "Driver={SQLite3 ODBC Driver};Database=app.db;",
        "Driver={SQLite3 ODBC Driver};Data Source=app",
        "Driver=SQLite3;Server=x;Database=app.db",
        // A relative path: SQL Server's Data Source never holds `/`.
        "Data Source=data/blog",
        // A file whose directory holds `@`: no go-sql-driver DSN.
        "./backup@/app.db",
        "/srv/me@host/app.sqlite3",
        "sqlite:/var/lib/app@/data",
        "file:/srv/x@/prod",
        "sqlite:data@tcp(db:3306)/app",
        "backup(2024)/app.db",
        "data(1)/app.sqlite3",
        // Doctrine's driver scheme, and SQLAlchemy's libSQL dialect on a
        // local file.
        "pdo-sqlite:///var/data/app.db",
        "sqlite+libsql:///local.db",
        "sqlite+libsql://",
        "sqlite+libsql://~/app.db",
    ];
    for form in forms {
        let url = DatabaseUrl::classify(form).unwrap_or_else(|e| panic!("{form}: {e}"));
        assert_eq!(url.backend(), Backend::Sqlite, "{form}");
    }
}

#[test]
fn every_backend_family() {
    let cases: &[(&str, Backend)] = &[
        ("postgres://u:pw@db:5432/app", Backend::Postgresql),
        ("postgresql://u:pw@db:5432/app", Backend::Postgresql),
        ("POSTGRESQL://db/app", Backend::Postgresql),
        ("pgsql://db/app", Backend::Postgresql),
        ("postgis://db/app", Backend::Postgresql),
        ("timescale://db/app", Backend::Postgresql),
        (
            "redshift://u:pw@cluster.abc.us-east-1.redshift.amazonaws.com:5439/dev",
            Backend::Postgresql,
        ),
        ("postgresql+asyncpg://u:pw@db/app", Backend::Postgresql),
        ("postgresql+psycopg2://u:pw@db/app", Backend::Postgresql),
        ("jdbc:postgresql://db:5432/app?user=u&password=pw", Backend::Postgresql),
        ("postgresql://h1:5432,h2:5432/app?target_session_attrs=read-write", Backend::Postgresql),
        ("postgresql:///app?host=/var/run/postgresql", Backend::Postgresql),
        ("postgresql://%2Fvar%2Frun%2Fpostgresql/app", Backend::Postgresql),
        ("host=db port=5432 dbname=app user=u password=pw", Backend::Postgresql),
        ("host=/var/run/postgresql dbname=app", Backend::Postgresql),
        ("dbname=app", Backend::Postgresql),
        ("mysql://u:pw@db:3306/app", Backend::Mysql),
        ("mysql2://u:pw@db/app", Backend::Mysql),
        ("mariadb://u:pw@db/app", Backend::Mysql),
        ("mysql+pymysql://u:pw@db/app?charset=utf8mb4", Backend::Mysql),
        ("mysqlx://u:pw@db:33060/app", Backend::Mysql),
        ("jdbc:mysql://db:3306/app?useSSL=false", Backend::Mysql),
        ("jdbc:mariadb://db:3306/app", Backend::Mysql),
        // Wrapping drivers: the URL they wrap decides.
        ("jdbc:p6spy:mysql://db:3306/app", Backend::Mysql),
        ("jdbc:log4jdbc:postgresql://db/app", Backend::Postgresql),
        ("jdbc:otel:sqlserver://db:1433;databaseName=app", Backend::Sqlserver),
        ("jdbc:aws-wrapper:postgresql://db.cluster-x.rds.amazonaws.com/app", Backend::Postgresql),
        ("jdbc:mysql:aws://db.cluster-x.rds.amazonaws.com:3306/app", Backend::Mysql),
        ("libsql://shop-org.turso.io?authToken=abc", Backend::Libsql),
        ("mssql://sa:pw@db:1433/app", Backend::Sqlserver),
        ("sqlserver://db:1433;database=app;user=sa;password=pw;encrypt=true", Backend::Sqlserver),
        ("jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=pw", Backend::Sqlserver),
        ("mssql+pyodbc://sa:pw@dsn", Backend::Sqlserver),
        ("oracle://u:pw@db:1521/ORCL", Backend::Oracle),
        ("oracle+cx_oracle://u:pw@db:1521/?service_name=ORCL", Backend::Oracle),
        ("jdbc:oracle:thin:@//db:1521/ORCL", Backend::Oracle),
        ("jdbc:oracle:thin:@db:1521:ORCL", Backend::Oracle),
        ("jdbc:oracle:thin:scott/tiger@db:1521:ORCL", Backend::Oracle),
        ("jdbc:oracle:thin:@orcl_alias", Backend::Oracle),
        ("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=db)(PORT=1521)))", Backend::Oracle),
        ("scott/tiger@db.example.com:1521/orclpdb1", Backend::Oracle),
        // Easy Connect Plus: a protocol (Autonomous Database needs tcps),
        // a host list.
        (
            "jdbc:oracle:thin:@tcps://adb.eu-frankfurt-1.oraclecloud.com:1522/x_high.adb.oraclecloud.com",
            Backend::Oracle,
        ),
        ("scott/tiger@tcps://db.example.com:1522/orclpdb1", Backend::Oracle),
        ("jdbc:oracle:thin:@//h1:1521,h2:1521/svc", Backend::Oracle),
        ("scott/tiger@//h1,h2:1521/svc", Backend::Oracle),
        ("//h1:1521,h2:1521/svc", Backend::Oracle),
        ("cockroachdb://root@db:26257/app?sslmode=verify-full", Backend::Cockroachdb),
        ("cockroach://root@db:26257/app", Backend::Cockroachdb),
        ("mongodb://u:pw@db:27017/app", Backend::Mongodb),
        (
            "mongodb+srv://u:pw@cluster0.abcde.mongodb.net/app?retryWrites=true&w=majority",
            Backend::Mongodb,
        ),
        ("mongodb://u:pw@h1:27017,h2:27017,h3:27017/app?replicaSet=rs0", Backend::Mongodb),
        ("redis://cache:6379", Backend::Unknown),
        ("https://example.com", Backend::Unknown),
        ("root:pw@tcp(db.example.com:3306)/shop?tls=true", Backend::Mysql),
        ("root@unix(/var/run/mysqld/mysqld.sock)/shop", Backend::Mysql),
        // A dial function the app registered, with its own address.
        ("user@cloudsql(project-id:instance-name)/dbname", Backend::Mysql),
        // SQLAlchemy's Cloud SQL form: no host, a socket.
        ("mysql+pymysql://u:pw@/shop?unix_socket=/cloudsql/p:r:i", Backend::Mysql),
        ("mysql2://u:pw@/shop?socket=/tmp/mysql.sock", Backend::Mysql),
        ("postgres://u:p@%2Fcloudsql%2Fproject%3Aregion%3Ainstance/db", Backend::Postgresql),
        ("postgresql://uri-user@", Backend::Postgresql),
        ("postgresql://[::1]:12345/db", Backend::Postgresql),
        ("prisma://accelerate.prisma-data.net/?api_key=k", Backend::Postgresql),
        // The adapters' and drivers' own schemes: Rails' Trilogy and
        // oracle-enhanced, Laravel's sqlsrv, Doctrine DBAL's.
        ("trilogy://u:pw@db/app", Backend::Mysql),
        ("oracle-enhanced://u:pw@db:1521/orcl", Backend::Oracle),
        ("sqlsrv://u:pw@db:1433/app", Backend::Sqlserver),
        ("pdo-pgsql://u:pw@db/app", Backend::Postgresql),
        ("pdo-mysql://u:pw@db/app", Backend::Mysql),
        ("mysqli://u:pw@db/app", Backend::Mysql),
        ("oci8://u:pw@db:1521/orcl", Backend::Oracle),
        // SQLAlchemy's libSQL dialect on a Turso server.
        ("sqlite+libsql://shop-org.turso.io/?authToken=abc&secure=true", Backend::Libsql),
    ];
    for (raw, expected) in cases {
        let url = DatabaseUrl::classify(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert_eq!(url.backend(), *expected, "{raw}");
    }
}

#[test]
fn invalid_values() {
    let problem = |raw: &str| DatabaseUrl::classify(raw).unwrap_err().problem().clone();
    for empty in ["", "   ", "\t\n"] {
        assert_eq!(problem(empty), DatabaseUrlProblem::Empty, "{empty:?}");
    }
    for quoted in [
        "\"postgres://db/app\"",
        "'postgres://db/app'",
        "postgres://db/app\"",
        "“postgres://db/app”",
    ] {
        assert_eq!(problem(quoted), DatabaseUrlProblem::Quoted, "{quoted}");
    }
    let railway = DatabaseUrlProblem::UnresolvedReference { railway: true };
    let shell = DatabaseUrlProblem::UnresolvedReference { railway: false };
    for (raw, expected, shown) in [
        ("${{Postgres.DATABASE_URL}}", &railway, "${{…}}"),
        ("postgresql://u:pw@${{Postgres.PGHOST}}:5432/app", &railway, "${{…}}"),
        ("${DATABASE_URL}", &shell, "${…}"),
        ("postgres://app_user:${@@@@@postgres.railway.internal/shop", &shell, "${…}"),
    ] {
        let err = DatabaseUrl::classify(raw).unwrap_err();
        assert_eq!(err.problem(), expected, "{raw}");
        assert_eq!(err.shown(), shown, "{raw}");
    }
    for no_form in [
        "just-a-word",
        "postgres",
        "localhost:5432/app",
        "user:pass@db.example.com:5432/app",
        "jdbc:",
        "a/b@c",
        "user:pass@",
    ] {
        assert_eq!(problem(no_form), DatabaseUrlProblem::NoForm, "{no_form}");
    }
    for malformed in [
        "postgres://u:pw@db:99999/app",
        "postgres://u:pw@db:port/app",
        "postgres://u:pw@db:54x2/app",
        "mysql://[::1/app",
        "postgres://a,,b/db",
        "postgres://db/app\u{1b}[2J",
        "host='unterminated",
        "sqlserver://h;password",
        "mongodb://h1:1,h2:x/db",
    ] {
        assert!(
            matches!(problem(malformed), DatabaseUrlProblem::Malformed { .. }),
            "{malformed}: {:?}",
            problem(malformed)
        );
    }
}

/// A libpq `host` that is no host nor socket directory, or a `hostaddr`
/// that is no IP address, is not understood.
#[test]
fn a_libpq_host_that_is_no_host_is_invalid() {
    check_rows(&[
        ("host='my db' password=S3CRET", Invalid(Some(Backend::Postgresql))),
        ("host=db,localhost% dbname=app", Invalid(Some(Backend::Postgresql))),
        ("host=db,/tmp dbname=app", Fit(Backend::Postgresql, "host=db,/tmp dbname=app")),
        ("host=db,,h2 dbname=app", Fit(Backend::Postgresql, "host=*** dbname=app")),
        // `hostaddr` is numeric: libpq cannot parse a name or a directory there.
        ("host=db hostaddr=notanip dbname=app", Invalid(Some(Backend::Postgresql))),
        ("hostaddr=/tmp dbname=app", Invalid(Some(Backend::Postgresql))),
        (
            "hostaddr=10.0.0.5,10.0.0.6 dbname=app",
            Fit(Backend::Postgresql, "hostaddr=10.0.0.5,10.0.0.6 dbname=app"),
        ),
        // An IPv6 address goes without brackets in libpq's host lists.
        ("host=fd12::5,db dbname=app", Fit(Backend::Postgresql, "host=fd12::5,db dbname=app")),
        ("hostaddr=::1 dbname=app", Fit(Backend::Postgresql, "hostaddr=::1 dbname=app")),
    ]);
}

/// A SQL Server `Server`/`Data Source` that is no host is not understood.
#[test]
fn a_sql_server_that_is_no_host_is_invalid() {
    check_rows(&[
        ("Server=my db;Password=S3CRET", Invalid(Some(Backend::Sqlserver))),
        ("Server=tcp:h,99999", Invalid(Some(Backend::Sqlserver))),
        ("Data Source=h;Server=x y", Invalid(Some(Backend::Sqlserver))),
        ("Data Source=app.db host=db", Invalid(Some(Backend::Sqlserver))),
        ("Server=np:\\\\h\\pipe\\sql\\query", Fit(Backend::Sqlserver, "Server=np:(18 characters)")),
    ]);
}

#[test]
fn the_quoted_value_is_shown_rebuilt() {
    let err = DatabaseUrl::classify("\"postgres://u:S3CRET@db/app\"").unwrap_err();
    assert_eq!(err.shown(), "postgres://u:***@db/app");
    assert_eq!(err.backend(), Some(Backend::Postgresql));
    assert_eq!(DatabaseUrl::classify("' \"'").unwrap_err().shown(), "(4 characters, not shown)");
}

#[test]
fn components_are_read_for_the_checks() {
    let url = DatabaseUrl::classify(
        " postgresql://postgres:pw@postgres.railway.internal:5432/railway \n",
    )
    .unwrap();
    assert_eq!(
        url.endpoints(),
        &[Endpoint { host: "postgres.railway.internal".into(), port: Some(5432) }]
    );
    assert_eq!(url.database(), Some("railway"));
    assert!(!url.is_unix_socket());

    // What follows a hidden value in a query may be its tail: it is read
    // as the driver reads it (a `host=` there is connected to), but no
    // database name is taken from it.
    let url = DatabaseUrl::classify(
        "postgresql:///app?password=Tr0ub&dbname=S3CRETtail&host=localhost&sslmode=disable",
    )
    .unwrap();
    assert_eq!(url.database(), Some("app"));
    assert_eq!(url.endpoints(), &[Endpoint { host: "localhost".into(), port: None }]);
    assert_eq!(url.tls(), Tls::Disabled);
    // Connector/J's host groups, as its documentation writes them: the
    // credentials inside a group end no group.
    for raw in [
        "jdbc:mysql://address=(host=h1)(port=1111)(user=sandy)(password=S3CRET),address=(host=h2)(port=2222)(user=finn)(password=S3CRET)/db",
        "jdbc:mysql://(host=h1,port=3306,user=app,password=S3CRET),(host=h2,port=3306)/app",
        "jdbc:mysql://(password=S3CRET,host=h1,port=3306)/app",
    ] {
        let url = DatabaseUrl::classify(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert_eq!(url.endpoints()[0].host(), "h1", "{raw}");
    }
    // SQL Server's properties, in any order.
    let url =
        DatabaseUrl::classify("jdbc:sqlserver://;password=S3CRET;serverName=db;databaseName=app")
            .unwrap();
    assert_eq!(url.endpoints()[0].host(), "db");
    // An `@` in the parameters could be the password's: not read.
    assert!(
        DatabaseUrl::classify(
            "jdbc:oracle:thin:@localhost:1521/svc?wallet_location=a@db.internal:1521/svc",
        )
        .is_err()
    );

    let url = DatabaseUrl::classify("postgresql://h1:5432,h2:5433/app?sslmode=disable").unwrap();
    let hosts: Vec<_> = url.endpoints().iter().map(|e| (e.host(), e.port())).collect();
    assert_eq!(hosts, [("h1", Some(5432)), ("h2", Some(5433))]);
    assert_eq!(url.tls(), Tls::Disabled);
    assert_eq!(url.database(), Some("app"));

    for socket in [
        "postgresql:///app?host=/var/run/postgresql",
        "postgresql://%2Fvar%2Frun%2Fpostgresql/app",
        "postgres:///app",
        "host=/var/run/postgresql dbname=app",
        "dbname=app",
        "mysql://u:pw@localhost/app?socket=/tmp/mysql.sock",
        "root@unix(/run/mysqld.sock)/shop",
        "postgres://u:p@%2Fcloudsql%2Fp%3Ar%3Ai/db",
    ] {
        assert!(DatabaseUrl::classify(socket).unwrap().is_unix_socket(), "{socket}");
    }

    let url =
        DatabaseUrl::classify("host=db.example.com port=6432 dbname=app sslmode=disable").unwrap();
    assert_eq!(url.endpoints()[0].host(), "db.example.com");
    assert_eq!(url.endpoints()[0].port(), Some(6432));
    assert_eq!(url.database(), Some("app"));
    assert_eq!(url.tls(), Tls::Disabled);

    let url = DatabaseUrl::classify(
        "jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=pw;encrypt=false",
    )
    .unwrap();
    assert_eq!(url.endpoints()[0].host(), "db");
    assert_eq!(url.database(), Some("app"));
    assert_eq!(url.tls(), Tls::Disabled);

    let url = DatabaseUrl::classify("root:pw@tcp(db.example.com:3306)/shop?tls=false").unwrap();
    assert_eq!(url.endpoints()[0].host(), "db.example.com");
    assert_eq!(url.endpoints()[0].port(), Some(3306));
    assert_eq!(url.database(), Some("shop"));
    assert_eq!(url.tls(), Tls::Disabled);
    assert_eq!(url.shown(), "root:***@tcp(db.example.com:3306)/shop?tls=false");

    let url = DatabaseUrl::classify("scott/tiger@db.example.com:1521/orclpdb1").unwrap();
    assert_eq!(url.endpoints()[0].host(), "db.example.com");
    assert_eq!(url.database(), Some("orclpdb1"));

    let url = DatabaseUrl::classify("Server=tcp:DB.example.com,1433;Encrypt=False").unwrap();
    assert_eq!(url.endpoints()[0].host(), "db.example.com");
    assert_eq!(url.endpoints()[0].port(), Some(1433));
    assert_eq!(url.tls(), Tls::Disabled);

    let url =
        DatabaseUrl::classify("jdbc:mysql://address=(host=db.example.com)(port=3307)/app").unwrap();
    assert_eq!(url.endpoints()[0].host(), "db.example.com");
    assert_eq!(url.endpoints()[0].port(), Some(3307));

    let tls_off = [
        "postgres://db.example.com/app?sslmode=disable",
        "postgres://db.example.com/app?SSLMODE=Allow",
        "mysql://db.example.com/app?ssl-mode=DISABLED",
        "jdbc:mysql://db.example.com/app?useSSL=false",
        "mongodb://db.example.com/app?tls=false",
        "mongodb://db.example.com/app?ssl=false",
        "mssql://db.example.com/app?encrypt=false",
        "Server=db.example.com;Encrypt=Optional",
    ];
    for raw in tls_off {
        assert_eq!(DatabaseUrl::classify(raw).unwrap().tls(), Tls::Disabled, "{raw}");
    }
    assert_eq!(
        DatabaseUrl::classify("postgres://db/app?sslmode=prefer").unwrap().tls(),
        Tls::Default
    );
    assert_eq!(
        DatabaseUrl::classify("postgres://db/app?sslmode=verify-full").unwrap().tls(),
        Tls::Required
    );
}

#[test]
fn parts_that_do_not_fit_their_role_are_shown_by_length() {
    check_rows(&[
        (
            "postgres://u%40x:pw@db/my%20db?application_name=my%20app&x%2Fy=1",
            Fit(
                Backend::Postgresql,
                "postgres://(5 characters):***@db/(7 characters)?application_name=*** (+1 parameter not shown)",
            ),
        ),
        (
            "postgres://DB.Example.COM/app?sslmode=bogus&connect_timeout=10",
            Fit(
                Backend::Postgresql,
                "postgres://db.example.com/app?sslmode=***&connect_timeout=10",
            ),
        ),
        (
            "host=db options='-c statement_timeout=5' application_name=shop",
            Fit(Backend::Postgresql, "host=db options=*** application_name=shop"),
        ),
        ("postgres://db/app#S3CRET", Fit(Backend::Postgresql, "postgres://db/app#(6 characters)")),
        // A raw `&` in a secret value: its tail is a name without `=`,
        // shown only when allow-listed (`?ssl`).
        (
            "postgres://db/app?password=x7&S3CRETtail&ssl",
            Fit(Backend::Postgresql, "postgres://db/app?password=***&ssl (+1 parameter not shown)"),
        ),
        // Oracle's `user/password` habit, written where a user goes: a
        // user is shown without `/`.
        ("scott/S3CRET@tcp(db:3306)/app", Fit(Backend::Mysql, "(12 characters)@tcp(db:3306)/app")),
        ("host=db user=scott/S3CRET", Fit(Backend::Postgresql, "host=db user=***")),
        ("Server=db;User ID=scott/S3CRET", Fit(Backend::Sqlserver, "Server=db;User ID=***")),
        (
            "postgres://db/app?user=scott%2FS3CRET",
            Fit(Backend::Postgresql, "postgres://db/app?user=***"),
        ),
        (
            "jdbc:mysql://(host=db,user=scott/S3CRET)/app",
            Fit(Backend::Mysql, "jdbc:mysql://(host=db,user=***)/app"),
        ),
        (
            "u:p@tcp(db:3306)/app?token=x&S3CRETtail",
            Fit(Backend::Mysql, "u:***@tcp(db:3306)/app?token=*** (+1 parameter not shown)"),
        ),
        // …and a tail holding `=` too: after a hidden value, a name is
        // shown only when allow-listed.
        (
            "postgres://db/app?password=Tr0ub&S3CRETtail=4dor&sslmode=require",
            Fit(
                Backend::Postgresql,
                "postgres://db/app?password=***&sslmode=require (+1 parameter not shown)",
            ),
        ),
        (
            "jdbc:postgresql://db:5432/app?user=u&password=Tr0ub&S3CRETtail=4dor",
            Fit(
                Backend::Postgresql,
                "jdbc:postgresql://db:5432/app?user=u&password=*** (+1 parameter not shown)",
            ),
        ),
        (
            "jdbc:sqlserver://db:1433;databaseName=app;password=Tr0ub;S3CRETtail=4dor",
            Fit(
                Backend::Sqlserver,
                "jdbc:sqlserver://db:1433;databaseName=app;password=*** (+1 parameter not shown)",
            ),
        ),
        (
            "jdbc:mysql://(host=db,password=a,S3CRETtailuser=x)/app",
            Fit(Backend::Mysql, "jdbc:mysql://(host=db,password=***)/app (+1 parameter not shown)"),
        ),
        // …and a tail that names an allow-listed parameter: its value is
        // shown, and read, only from a closed set.
        (
            "postgres://db/app?password=Tr0ub&application_name=S3CRETtail&sslmode=disable",
            Fit(
                Backend::Postgresql,
                "postgres://db/app?password=***&application_name=***&sslmode=disable",
            ),
        ),
        // A hidden name, or a user's hidden value (Oracle's `user/password`
        // habit), starts a tail too; a mistyped TLS mode does not.
        (
            "postgres://db/app?p%21ss=Tr0ub&S3CRETtail=1",
            Fit(Backend::Postgresql, "postgres://db/app (+2 parameters not shown)"),
        ),
        (
            "postgres://db/app?user=scott/Tr0ub&application_name=S3CRETtail",
            Fit(Backend::Postgresql, "postgres://db/app?user=***&application_name=***"),
        ),
        (
            "jdbc:mysql://(host=db,password=Tr0ub,host=S3CRETtail)/app",
            Fit(Backend::Mysql, "jdbc:mysql://(host=db,password=***,host=***)/app"),
        ),
        // An `@` on both sides of a `?`: the query's, or the password's?
        (
            "jdbc:oracle:thin:u/pw@db:1521/svc?wallet_password=Tr0ub@S3CRETtail",
            Invalid(Some(Backend::Oracle)),
        ),
        ("jdbc:oracle:thin:scott/a@S3CRET?x@db:1521:ORCL", Invalid(Some(Backend::Oracle))),
        ("scott/a@S3CRET?x@db:1521/orcl", Invalid(None)),
        // Before any hidden value, any plain name is shown; after one,
        // only an allow-listed name.
        (
            "postgres://db/app?appx=1&sslmode=require&password=Tr0ub",
            Fit(
                Backend::Postgresql,
                "postgres://db/app?appx=***&sslmode=require (+1 parameter not shown)",
            ),
        ),
    ]);
}

#[test]
fn a_secret_in_any_place_is_never_shown() {
    let templates = [
        "postgresql://u:{}@db:5432/app",
        "postgresql://u:{}@h1,h2/app",
        "postgresql://db/app?password={}&sslmode=require",
        "postgresql://db/app?PassWord={}",
        "postgresql://db/app?sslpassword={}",
        "postgresql://db/app?sslmode={}",
        "mysql://u:{}@db/app",
        "mongodb+srv://u:{}@cluster0.example.net/app",
        "libsql://shop.turso.io?authToken={}",
        "host=db password={} dbname=app",
        "host=db password='{} x' dbname=app",
        "host=db sslpassword={}",
        "Server=db;Password={};Database=app",
        "Server=db;Password=\"{};x\";Database=app",
        "Server=db;PWD={{{}}};Database=app",
        "jdbc:sqlserver://db;password={};encrypt=true",
        "jdbc:sqlserver://db;password={{{};x}};encrypt=true",
        "jdbc:mysql://db/app?user=u&password={}",
        "jdbc:mysql://address=(host=db)(password={})/app",
        "jdbc:oracle:thin:scott/{}@db:1521:ORCL",
        "scott/{}@db:1521/orcl",
        "u:{}@tcp(db:3306)/app",
        "sqlite:///data/app.db?password={}",
        "{}",
        "\"{}\"",
    ];
    for secret in ["S3CRET", "S3CRET@h/x", "S3CRET;x=1", "x/S3CRET", "S3CRET%40"] {
        for template in templates {
            let raw = template.replace("{}", secret);
            for out in outputs(&raw) {
                assert!(!out.contains(SECRET), "{raw} shows {out}");
            }
        }
    }
}
