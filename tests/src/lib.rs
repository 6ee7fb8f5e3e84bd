//! Tests of `#[production_safe]`: the apps in `src/bin` are `main`s of
//! every shape, run as child processes by `tests/test_*.rs`, and `ui/`
//! holds the compile-fail cases, the catalogue of mistakes.
