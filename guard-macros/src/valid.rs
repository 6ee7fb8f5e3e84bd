//! What parsing cannot see: the item is `main`, and the options make sense
//! together. Each error is spanned on the offending token and says what is
//! valid. Check ids and variable names are left to the compiler (see
//! `expand.rs`): the macro keeps no copy of prodguard's catalog.

use syn::{Error, Result};

use crate::ast::{Args, MainFn, OptKind};

/// The attribute's own name, to spot it applied twice.
const NAME: &str = "production_safe";

pub fn main_fn(main: &MainFn) -> Result<()> {
    let mut errors = Errors::default();
    if main.ident != "main" {
        errors.push(Error::new(
            main.ident.span(),
            format!(
                "#[production_safe] goes on `fn main` only, not on `fn {}`; \
in other start-up code call `prodguard::validate()` and handle its result",
                main.ident
            ),
        ));
    } else if main.has_parameters() {
        errors.push(Error::new(
            main.params.span(),
            "`main` takes no parameters: write `fn main()`; read arguments with `std::env::args()`",
        ));
    }
    for attr in &main.attrs {
        let applied_again =
            attr.path().segments.last().is_some_and(|segment| segment.ident == NAME);
        if applied_again {
            errors.push(Error::new_spanned(
                attr,
                "#[production_safe] is applied twice: keep one and put all options in it",
            ));
        }
    }
    errors.finish()
}

pub fn args(args: &Args) -> Result<()> {
    let mut errors = Errors::default();
    let mut seen: Vec<String> = Vec::new();
    for opt in &args.options {
        // `dotenv` and `dotenv = "PATH"` are the same option.
        let name = opt.keyword.to_string();
        if seen.contains(&name) {
            errors.push(Error::new(
                opt.keyword.span(),
                format!("option `{name}` is given twice: give it once{}", list_hint(&opt.kind)),
            ));
        }
        seen.push(name);
        match &opt.kind {
            OptKind::Require(names) => {
                let mut required = Vec::new();
                for lit in names {
                    let name = lit.value();
                    if let Err(message) = variable_name(&name) {
                        errors.push(Error::new(lit.span(), message));
                    } else if required.contains(&name) {
                        errors.push(Error::new(
                            lit.span(),
                            format!("`{name}` is required twice: list it once"),
                        ));
                    }
                    required.push(name);
                }
            }
            OptKind::Allow(ids) => {
                let mut allowed = Vec::new();
                for id in ids.iter().map(|id| id.ident()) {
                    if allowed.contains(id) {
                        errors.push(Error::new(
                            id.span(),
                            format!("`{id}` is allowed twice: list it once"),
                        ));
                    }
                    allowed.push(id.clone());
                }
            }
            OptKind::Rename(renames) => {
                let mut variables = Vec::new();
                let mut names = Vec::new();
                for rename in renames {
                    let name = rename.name.value();
                    if variables.contains(&rename.variable) {
                        errors.push(Error::new(
                            rename.variable.span(),
                            format!("`{}` is renamed twice: give it one name", rename.variable),
                        ));
                    }
                    if let Err(message) = variable_name(&name) {
                        errors.push(Error::new(rename.name.span(), message));
                    } else if names.contains(&name) {
                        errors.push(Error::new(
                            rename.name.span(),
                            format!(
                                "two variables are renamed to `{name}`: give each its own name"
                            ),
                        ));
                    }
                    variables.push(rename.variable.clone());
                    names.push(name);
                }
            }
            OptKind::Dotenv(Some(path)) if path.value().trim().is_empty() => {
                errors.push(Error::new(
                    path.span(),
                    "the .env path is empty: write `dotenv` for `.env`, or `dotenv = \"PATH\"`",
                ));
            }
            OptKind::Probe(Some(bound)) => {
                if let Err(message) = probe_millis(&bound.value()) {
                    errors.push(Error::new(bound.span(), message));
                }
            }
            OptKind::Dotenv(_)
            | OptKind::Profile(_)
            | OptKind::Probe(None)
            | OptKind::Crate(_)
            | OptKind::NoDatabase
            | OptKind::NoSecret
            | OptKind::CookieKey
            | OptKind::Quiet
            | OptKind::Exit => {}
        }
    }
    errors.finish()
}

fn list_hint(kind: &OptKind) -> &'static str {
    match kind {
        OptKind::Require(_) => ", with every name in it: `require(\"A\", \"B\")`",
        OptKind::Allow(_) => ", with every id in it: `allow(id_a, id_b)`",
        OptKind::Rename(_) => ", with every rename in it: `rename(A = \"X\", B = \"Y\")`",
        _ => "",
    }
}

/// The probe's time bound when none is given, as the CLI's.
pub const DEFAULT_PROBE_MILLIS: u64 = 5000;

/// The milliseconds of a probe bound written `500ms` or `2s`: from 1 ms
/// to 10 minutes.
pub fn probe_millis(bound: &str) -> std::result::Result<u64, String> {
    let (digits, scale) = if let Some(ms) = bound.strip_suffix("ms") {
        (ms, 1)
    } else if let Some(s) = bound.strip_suffix('s') {
        (s, 1000)
    } else {
        return Err(format!(
            "`{}` is no time bound: write milliseconds or seconds, e.g. `\"500ms\"` or `\"2s\"`",
            bound.escape_debug()
        ));
    };
    let millis = digits
        .parse::<u64>()
        .ok()
        .filter(|n| digits.bytes().all(|b| b.is_ascii_digit()) && *n > 0)
        .and_then(|n| n.checked_mul(scale))
        .filter(|ms| *ms <= 600_000);
    millis.ok_or_else(|| {
        format!(
            "`{}` is no time bound from 1ms to 600s: write e.g. `\"500ms\"` or `\"2s\"`",
            bound.escape_debug()
        )
    })
}

/// A name prodguard takes (`Policy::try_require`'s rule, which the
/// attribute's expansion would otherwise fail at start-up): not empty, and
/// only ASCII letters, digits, `_`, `.` and `-`.
fn variable_name(name: &str) -> std::result::Result<(), String> {
    if name.is_empty() {
        Err("the variable name is empty: write its name, e.g. `\"REDIS_URL\"`".to_owned())
    } else if name.contains('=') {
        Err(format!(
            "`{}` is not a variable name: a name cannot contain `=`; write the name alone, e.g. `\"{}\"`",
            name.escape_debug(),
            name.split('=').next().unwrap_or_default().escape_debug()
        ))
    } else if name.contains(|c: char| c.is_whitespace() || c.is_control()) {
        Err(format!(
            "`{}` is not a variable name: a name cannot contain whitespace, NUL or control characters",
            name.escape_debug()
        ))
    } else if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)) {
        Err(format!(
            "`{}` is not a variable name: a name is made of ASCII letters, digits, `_`, `.` and `-`",
            name.escape_debug()
        ))
    } else {
        Ok(())
    }
}

/// Every error found, reported together.
#[derive(Default)]
struct Errors(Option<Error>);

impl Errors {
    fn push(&mut self, error: Error) {
        match &mut self.0 {
            Some(first) => first.combine(error),
            None => self.0 = Some(error),
        }
    }

    fn finish(self) -> Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::variable_name;

    #[test]
    fn variable_names() {
        let cases = [
            ("plain", "REDIS_URL", true),
            ("lowercase", "redis_url", true),
            ("empty", "", false),
            ("with equals", "REDIS_URL=redis://", false),
            ("with nul", "REDIS\0URL", false),
            ("with a space", " REDIS_URL", false),
            ("with a tab", "REDIS\tURL", false),
            ("dotted", "app.db-url", true),
            ("not ASCII", "ÄPFEL", false),
            ("invisible", "REDIS\u{200b}URL", false),
            ("a URL", "redis://cache:6379", false),
        ];
        for (case, name, valid) in cases {
            assert_eq!(variable_name(name).is_ok(), valid, "{case}");
        }
    }

    #[test]
    fn probe_bounds() {
        use super::probe_millis;
        let cases = [
            ("500ms", Ok(500)),
            ("2s", Ok(2000)),
            ("600s", Ok(600_000)),
            ("601s", Err(())),
            ("0ms", Err(())),
            ("+5s", Err(())),
            ("5", Err(())),
            ("1.5s", Err(())),
            ("", Err(())),
        ];
        for (bound, expected) in cases {
            assert_eq!(probe_millis(bound).map_err(|_| ()), expected, "{bound}");
        }
    }

    #[test]
    fn equals_hint_names_the_variable_alone() {
        let message = variable_name("REDIS_URL=redis://").unwrap_err();
        assert!(message.contains("`\"REDIS_URL\"`"), "{message}");
    }
}
