//! Runnable guard apps: see `examples/` (`cargo run --example NAME`).
