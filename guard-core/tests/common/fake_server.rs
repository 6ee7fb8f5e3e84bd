//! Fake database servers on loopback for the probe's tests: a thread that
//! accepts on 127.0.0.1 and answers as told. Dropping one stops it.
//! prodguard-cli's tests include this file too.

#![allow(dead_code)] // each test file uses a part

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// What a fake server does with each connection it accepts.
#[derive(Clone)]
pub enum Behaviour {
    /// Accepts and never answers.
    Silent,
    /// Reads what the client sends first (up to 8 bytes), then writes these bytes.
    Reply(Vec<u8>),
    /// Writes these bytes as soon as it accepts, as a MySQL server greets.
    Greet(Vec<u8>),
    /// Reads what the client sends first, if anything comes soon, then
    /// closes without a byte, as a proxy whose database is down does.
    Close,
}

pub struct FakeServer {
    port: u16,
    stop: Arc<AtomicBool>,
    accepted: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl FakeServer {
    pub fn start(behaviour: Behaviour) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let accepted = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&accepted);
        let thread = std::thread::spawn(move || {
            // Held open until the server stops, so a client sees silence,
            // not a closed connection.
            let mut held = Vec::new();
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                counted.fetch_add(1, Ordering::SeqCst);
                match &behaviour {
                    Behaviour::Silent => {}
                    Behaviour::Reply(bytes) => {
                        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                        let mut first = [0u8; 8];
                        let _ = stream.read_exact(&mut first);
                        let _ = stream.write_all(bytes);
                    }
                    Behaviour::Greet(bytes) => {
                        let _ = stream.write_all(bytes);
                    }
                    Behaviour::Close => {
                        let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
                        let _ = stream.read(&mut [0u8; 8]);
                        continue;
                    }
                }
                held.push(stream);
            }
        });
        FakeServer { port, stop, accepted, thread: Some(thread) }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// How many connections it has accepted so far.
    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop, which then sees `stop`.
        let _ =
            TcpStream::connect_timeout(&([127, 0, 0, 1], self.port).into(), Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A loopback port nothing listens on (it did a moment ago).
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener.local_addr().unwrap().port()
}

/// A MySQL protocol-10 greeting, with `CLIENT_SSL` when `tls`.
pub fn mysql_greeting(tls: bool) -> Vec<u8> {
    let flags: u16 = if tls { 0xF7FF | 0x0800 } else { 0xF7FF };
    let mut payload = vec![10];
    payload.extend_from_slice(b"10.11.19-MariaDB-fake\0");
    payload.extend_from_slice(&42u32.to_le_bytes());
    payload.extend_from_slice(b"12345678\0");
    payload.extend_from_slice(&flags.to_le_bytes());
    payload.extend_from_slice(&[8, 2, 0, 0xFF, 0x81, 21]);
    payload.extend_from_slice(&[0; 10]);
    payload.extend_from_slice(b"123456789012\0mysql_native_password\0");
    let len = u32::try_from(payload.len()).unwrap().to_le_bytes();
    let mut packet = vec![len[0], len[1], len[2], 0];
    packet.extend(payload);
    packet
}
