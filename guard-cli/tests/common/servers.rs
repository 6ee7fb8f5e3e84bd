//! Real PostgreSQL and MariaDB servers for the probe's tests, each on a
//! free loopback port, in a temp dir of its own, as a child process of
//! the test: dropping the handle stops it by its pid (and waits for it),
//! also when the test panics.
//!
//! The servers come from Debian's `postgresql` and `mariadb-server`
//! (`.ci/servers.sh` installs them). When a binary is missing, `start`
//! says why and the test skips, loudly.
//!
//! PostgreSQL runs as the `postgres` user when the tests run as root
//! (initdb and postgres refuse root): initdb through `runuser -u postgres`,
//! the server itself as a direct child with that uid, not through
//! `pg_ctl`, which would detach it and leave no child to wait for.

#![allow(dead_code)] // each test file uses a part

use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The environment of every command the helpers run.
const ENV: &[(&str, &str)] = &[("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), ("LC_ALL", "C")];

/// How long a server may take to become ready.
const READY_WITHIN: Duration = Duration::from_secs(60);

/// Writes `SKIPPED …` to stderr, past the test harness's capture (it
/// captures `eprintln!`, not the stream itself), so a skip is never silent.
pub fn skip(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "\nSKIPPED {test}: {why}");
}

/// A server started by a test; dropping it stops it.
pub struct Server {
    pub name: &'static str,
    pub port: u16,
    child: Child,
    dir: PathBuf,
    /// The signal that shuts it down cleanly.
    stop_signal: &'static str,
}

impl Server {
    /// The server's log, for a failing test's message.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = command("kill").args([self.stop_signal, &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // SIGKILL if it is still there; then reap it.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command.env_clear().envs(ENV.iter().copied());
    command
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A fresh directory under the system's temp dir.
fn temp_dir(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "guard-{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn output(command: &mut Command) -> Option<String> {
    let out = command.stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn is_root() -> bool {
    output(command("id").arg("-u")).as_deref() == Some("0")
}

/// Runs `command` to its end; panics with its output when it fails.
fn run(what: &str, command: &mut Command) {
    let out = command.output().unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Waits until `ready` says yes; panics (stopping the server) when the
/// server exits or takes too long.
fn wait_ready(server: &mut Server, ready: impl Fn(u16) -> bool) {
    let deadline = Instant::now() + READY_WITHIN;
    loop {
        if ready(server.port) {
            return;
        }
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!("{} exited ({status}) before it was ready:\n{}", server.name, server.log());
        }
        assert!(Instant::now() < deadline, "{} not ready in time:\n{}", server.name, server.log());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The newest `/usr/lib/postgresql/*/bin`.
fn postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// Starts PostgreSQL on 127.0.0.1, with TLS (a self-signed certificate)
/// when `tls`; `Err` says why it cannot (the test then skips).
pub fn postgres(tls: bool) -> Result<Server, String> {
    let bin = postgres_bin().ok_or(
        "no /usr/lib/postgresql/*/bin/initdb: install Debian's postgresql (.ci/servers.sh does)",
    )?;
    if tls && output(command("openssl").arg("version")).is_none() {
        return Err("no openssl to make a certificate with".to_owned());
    }
    // (uid, gid) of the user the server runs as; None: this user.
    let user = if is_root() {
        let id = |flag| output(command("id").args([flag, "postgres"]))?.parse::<u32>().ok();
        Some((id("-u").ok_or("no postgres user")?, id("-g").ok_or("no postgres group")?))
    } else {
        None
    };
    let dir = temp_dir("postgres");
    let data = dir.join("data");
    let as_user = |program: &Path| {
        let mut cmd = command(program);
        if let Some((uid, gid)) = user {
            cmd.uid(uid).gid(gid);
        }
        cmd
    };
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).unwrap();
    }
    let initdb = bin.join("initdb");
    let mut init = match user {
        Some(_) => {
            let mut cmd = command("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(&initdb);
            cmd
        }
        None => command(&initdb),
    };
    init.arg("-D").arg(&data).args(["-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
    run("initdb", &mut init);
    let port = free_port();
    let mut server = as_user(&bin.join("postgres"));
    server
        .arg("-D")
        .arg(&data)
        .args(["-p", &port.to_string(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"])
        .arg("-c")
        .arg(format!("unix_socket_directories={}", dir.display()));
    if tls {
        let (cert, key) = (dir.join("server.crt"), dir.join("server.key"));
        run(
            "openssl req",
            command("openssl")
                .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"])
                .args(["-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout"])
                .arg(&key)
                .arg("-out")
                .arg(&cert),
        );
        for file in [&cert, &key] {
            if let Some((uid, gid)) = user {
                std::os::unix::fs::chown(file, Some(uid), Some(gid)).unwrap();
            }
        }
        std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
        server
            .args(["-c", "ssl=on"])
            .arg("-c")
            .arg(format!("ssl_cert_file={}", cert.display()))
            .arg("-c")
            .arg(format!("ssl_key_file={}", key.display()));
    }
    let log = std::fs::File::create(dir.join("server.log")).unwrap();
    let child = server
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start postgres: {e}"));
    // SIGINT: PostgreSQL's fast shutdown.
    let mut server = Server { name: "PostgreSQL", port, child, dir, stop_signal: "-INT" };
    let pg_isready = bin.join("pg_isready");
    wait_ready(&mut server, |port| {
        command(&pg_isready)
            .args(["-q", "-h", "127.0.0.1", "-p", &port.to_string(), "-t", "1"])
            .status()
            .is_ok_and(|status| status.success())
    });
    Ok(server)
}

/// Starts MariaDB on 127.0.0.1; `Err` says why it cannot.
pub fn mariadb() -> Result<Server, String> {
    let mariadbd = ["/usr/sbin/mariadbd", "/usr/bin/mariadbd"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
        .ok_or("no mariadbd: install Debian's mariadb-server (.ci/servers.sh does)")?;
    let install = ["/usr/bin/mariadb-install-db", "/usr/scripts/mariadb-install-db"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
        .ok_or("no mariadb-install-db: install Debian's mariadb-server")?;
    let root = is_root();
    let dir = temp_dir("mariadb");
    let data = dir.join("data");
    let mut init = command(&install);
    init.arg("--no-defaults")
        .arg(format!("--datadir={}", data.display()))
        .args(["--auth-root-authentication-method=normal", "--skip-test-db"]);
    if root {
        init.arg("--user=root");
    }
    run("mariadb-install-db", &mut init);
    let port = free_port();
    let log = std::fs::File::create(dir.join("server.log")).unwrap();
    let mut server = command(&mariadbd);
    server
        .arg("--no-defaults")
        .arg(format!("--datadir={}", data.display()))
        .arg(format!("--port={port}"))
        .arg("--bind-address=127.0.0.1")
        .arg(format!("--socket={}", dir.join("mariadb.sock").display()))
        .arg(format!("--pid-file={}", dir.join("mariadb.pid").display()))
        .args(["--skip-log-bin", "--innodb-buffer-pool-size=16M", "--skip-name-resolve"]);
    if root {
        server.arg("--user=root");
    }
    let child = server
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start mariadbd: {e}"));
    // SIGTERM: MariaDB's clean shutdown.
    let mut server = Server { name: "MariaDB", port, child, dir, stop_signal: "-TERM" };
    wait_ready(&mut server, |port| {
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(200))
            .is_ok()
    });
    Ok(server)
}
