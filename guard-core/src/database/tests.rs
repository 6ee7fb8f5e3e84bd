//! Table-driven classification: one row per form users really write.

use super::*;

fn backend(raw: &str) -> Backend {
    DatabaseUrl::classify(raw).unwrap_or_else(|e| panic!("{raw}: {e}")).backend()
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
        ".\\app.db",
        "jdbc:sqlite:app.db",
        "jdbc:sqlite:/data/app.db",
        "JDBC:SQLITE::memory:",
    ];
    for form in forms {
        assert_eq!(backend(form), Backend::Sqlite, "{form}");
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
        ("scott/tiger@db.example.com:1521/orclpdb1", Backend::Oracle),
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
        ("postgres://u:p@%2Fcloudsql%2Fproject%3Aregion%3Ainstance/db", Backend::Postgresql),
        ("postgresql://uri-user@", Backend::Postgresql),
        ("postgresql://[::1]:12345/db", Backend::Postgresql),
        ("sqlite://", Backend::Sqlite),
        ("sqlite://:memory:", Backend::Sqlite),
    ];
    for (raw, expected) in cases {
        assert_eq!(backend(raw), *expected, "{raw}");
    }
}

#[test]
fn invalid_values() {
    let cases: &[(&str, DatabaseUrlError)] = &[
        ("", DatabaseUrlError::Empty),
        ("   ", DatabaseUrlError::Empty),
        ("\"postgres://db/app\"", DatabaseUrlError::Quoted),
        ("'postgres://db/app'", DatabaseUrlError::Quoted),
        ("postgres://db/app\"", DatabaseUrlError::Quoted),
        (
            "${{Postgres.DATABASE_URL}}",
            DatabaseUrlError::UnresolvedReference {
                reference: "${{Postgres.DATABASE_URL}}".into(),
            },
        ),
        (
            "postgresql://u:pw@${{Postgres.PGHOST}}:5432/app",
            DatabaseUrlError::UnresolvedReference { reference: "${{Postgres.PGHOST}}".into() },
        ),
        (
            "${DATABASE_URL}",
            DatabaseUrlError::UnresolvedReference { reference: "${DATABASE_URL}".into() },
        ),
        (
            // Found by the property tests: the reference was read from the
            // raw text and ran on through the password.
            "postgres://app_user:${@@@@@postgres.railway.internal/shop",
            DatabaseUrlError::UnresolvedReference { reference: "${***}".into() },
        ),
        (
            "postgres://u:${{Postgres.PGPASSWORD}}@db.railway.internal/app",
            DatabaseUrlError::UnresolvedReference { reference: "${{***}}".into() },
        ),
        ("just-a-word", DatabaseUrlError::NoScheme),
        ("postgres", DatabaseUrlError::NoScheme),
        ("localhost:5432/app", DatabaseUrlError::NoScheme),
        ("user:pass@db.example.com:5432/app", DatabaseUrlError::NoScheme),
        ("jdbc:", DatabaseUrlError::NoScheme),
    ];
    for (raw, expected) in cases {
        assert_eq!(DatabaseUrl::classify(raw).as_ref(), Err(expected), "{raw}");
    }
    for malformed in
        ["postgres://u:pw@db:99999/app", "postgres://u:pw@db:port/app", "mysql://[::1/app"]
    {
        assert!(
            matches!(DatabaseUrl::classify(malformed), Err(DatabaseUrlError::Malformed { .. })),
            "{malformed}"
        );
    }
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
        "mysql://u:pw@localhost/app?socket=/tmp/mysql.sock",
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
    assert_eq!(url.redacted(), "root:***@tcp(db.example.com:3306)/shop?tls=false");
    assert!(DatabaseUrl::classify("root@unix(/run/mysqld.sock)/shop").unwrap().is_unix_socket());
    assert!(
        DatabaseUrl::classify("postgres://u:p@%2Fcloudsql%2Fp%3Ar%3Ai/db")
            .unwrap()
            .is_unix_socket()
    );

    let url = DatabaseUrl::classify("scott/tiger@db.example.com:1521/orclpdb1").unwrap();
    assert_eq!(url.endpoints()[0].host(), "db.example.com");
    assert_eq!(url.database(), Some("orclpdb1"));

    let tls_off = [
        "postgres://db.example.com/app?sslmode=disable",
        "postgres://db.example.com/app?SSLMODE=Allow",
        "mysql://db.example.com/app?ssl-mode=DISABLED",
        "jdbc:mysql://db.example.com/app?useSSL=false",
        "mongodb://db.example.com/app?tls=false",
        "mongodb://db.example.com/app?ssl=false",
        "mssql://db.example.com/app?encrypt=false",
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
fn redacted_forms_hide_every_password() {
    let cases: &[(&str, &str)] = &[
        ("postgresql://postgres:hunter2@db:5432/railway", "hunter2"),
        ("postgresql://postgres:p%40ss@db:5432/railway", "p%40ss"),
        ("postgresql://postgres:p@ss@db:5432/railway", "p@ss"),
        ("postgresql://postgres:pa/ss#1@db:5432/railway", "pa/ss#1"),
        ("postgresql://db/railway?password=hunter2", "hunter2"),
        ("postgresql://db/railway?sslpassword=hunter2", "hunter2"),
        ("libsql://db.turso.io?authToken=hunter2", "hunter2"),
        ("host=db password=hunter2 dbname=app", "hunter2"),
        ("jdbc:sqlserver://db:1433;password=hunter2;user=sa", "hunter2"),
        ("jdbc:oracle:thin:scott/hunter2@db:1521:ORCL", "hunter2"),
        ("scott/hunter2@db:1521/orcl", "hunter2"),
        ("mongodb://u:hunter2@h1:27017,h2:27017/app", "hunter2"),
        ("postgres://u:hunter2@db:99999/app", "hunter2"),
    ];
    for (raw, secret) in cases {
        let url = DatabaseUrl::classify(raw);
        let shown = match &url {
            Ok(url) => format!("{url} {url:?}"),
            Err(err) => format!("{err} {err:?} {}", DatabaseUrl::redact(raw)),
        };
        assert!(!shown.contains(secret), "{raw} shows {shown}");
        assert!(shown.contains("***"), "{raw} shows {shown}");
    }
}

/// `read_plain`, the one-pass reading of plain server URLs, must give what
/// the general reading gives, or step aside.
mod plain_reading {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn plain_server_urls_take_the_one_pass_reading() {
        for url in [
            "postgresql://postgres:Zq7vN2pK9xR4tW8m@postgres.railway.internal:5432/railway",
            "postgres://u@db/app?sslmode=require&application_name=shop",
            "postgresql+asyncpg://:pw@db:6543",
            "mysql://root:pw@mysql.railway.internal:3306/railway",
            "mongodb+srv://u:pw@cluster0.abcde.mongodb.net/shop?retryWrites=true",
            "libsql://shop-team.turso.io",
            "cockroachdb://root@crdb.internal:26257/shop?sslmode=verify-full",
        ] {
            let plain = DatabaseUrl::read_plain(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!(Ok(plain), DatabaseUrl::read_any(url), "{url}");
        }
    }

    #[test]
    fn anything_else_takes_the_general_reading() {
        for url in [
            "POSTGRES://u:pw@db/app",
            "postgres://u:p@ss@db/app",
            "postgres://u:pa/ss@db/app",
            "postgres://u:p%40ss@db/app",
            "postgres://db/app?password=s3cret",
            "postgres://h1:5432,h2:5432/app",
            "postgres://u@/app",
            "postgres://[::1]:5432/app",
            "postgres://db/app#x",
            "postgres://db/./app",
            "sqlite:///app/db.sqlite3",
            "oracle://scott:tiger@db:1521/orcl",
            "redis://default:pw@redis:6379",
            "jdbc:postgresql://db/app",
            "c://data/app.db",
            "postgres://${{Postgres.PGHOST}}/app",
        ] {
            assert!(DatabaseUrl::read_plain(url).is_none(), "{url}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn read_plain_agrees_with_the_general_reading(
            scheme in prop::sample::select(vec![
                "postgres", "postgresql", "postgresql+asyncpg", "pg2", "mysql", "mariadb",
                "libsql", "mssql", "sqlserver", "cockroachdb", "mongodb", "mongodb+srv",
                "Postgres", "redis", "sqlite", "oracle", "http", "c",
            ]),
            userinfo in "([a-zA-Z0-9._~*:@/?#%$-]{0,10}@)?",
            host in "[a-zA-Z0-9._:-]{0,12}",
            port in "(:[0-9]{0,6})?",
            path in "(/[a-zA-Z0-9._~/%-]{0,10})?",
            query in "(\\?((sslmode|ssl|password|authToken|dbname|x)(=[a-zA-Z0-9._-]{0,8})?&?){0,3})?",
            fragment in "(#[a-z]{0,3})?",
        ) {
            let value = format!("{scheme}://{userinfo}{host}{port}{path}{query}{fragment}");
            if let Some(plain) = DatabaseUrl::read_plain(&value) {
                prop_assert_eq!(Ok(plain), DatabaseUrl::read_any(&value), "{}", value);
            }
        }

        #[test]
        fn plain_urls_with_passwords_read_alike_both_ways(
            scheme in prop::sample::select(vec!["postgresql", "mysql", "mongodb+srv", "sqlserver"]),
            user in "[a-z_]{0,6}",
            password in "[a-zA-Z0-9._~:*-]{0,12}",
            host in "[a-z][a-z0-9.-]{0,12}",
            port in "(:[1-9][0-9]{0,3})?",
            path in "(/[a-z_]{0,8}(/[a-z]{0,3})?)?",
            query in "(\\?(sslmode=(disable|require|prefer)|ssl=(true|false)|application_name=shop)(&tls=(on|off))?)?",
        ) {
            let value = format!("{scheme}://{user}:{password}@{host}{port}{path}{query}");
            let plain = DatabaseUrl::read_plain(&value);
            prop_assert!(plain.is_some(), "{}", value);
            let plain = plain.unwrap();
            let mask = if password.is_empty() { "" } else { "***" };
            prop_assert_eq!(
                plain.redacted(),
                format!("{scheme}://{user}:{mask}@{host}{port}{path}{query}")
            );
            prop_assert_eq!(Ok(plain), DatabaseUrl::read_any(&value), "{}", value);
        }
    }
}
