//! Rendering what prodguard decided: its report text (optionally
//! coloured), JSON or GitHub Actions annotations. Nothing here judges a
//! variable.

use std::ffi::OsString;
use std::io::IsTerminal;

use anstyle::{AnsiColor, Style};
use prodguard::{Backend, DatabaseUrl, Finding, Platform, Report, Severity};
use serde_json::{Value, json};

/// Whether to colour text written to standard output, by [`colour`].
pub fn colour_stdout() -> bool {
    colour(|name| std::env::var_os(name), std::io::stdout().is_terminal())
}

/// Whether to colour output, given the process's variables (`var`) and
/// whether the output is a terminal. The conventions, first match wins:
///
/// 1. `NO_COLOR` set and non-empty: no colour (<https://no-color.org>);
/// 2. `CLICOLOR_FORCE` set, non-empty and not `0`: colour, even into a
///    pipe (<https://bixense.com/clicolors/>);
/// 3. `CLICOLOR=0`: no colour;
/// 4. `TERM=dumb`: no colour;
/// 5. otherwise colour only on a terminal.
///
/// This is anstream's order (the one clap's own messages follow), written
/// out rather than taken from `anstyle-query`: that crate reads the process
/// environment inside each function, which tests cannot inject without
/// `set_var`, and it takes `CLICOLOR_FORCE=0` as forcing colour, where the
/// convention says `!= 0`.
pub fn colour(var: impl Fn(&str) -> Option<OsString>, is_terminal: bool) -> bool {
    let set = |name| var(name).filter(|value| !value.is_empty());
    if set("NO_COLOR").is_some() {
        return false;
    }
    if set("CLICOLOR_FORCE").is_some_and(|value| value != "0") {
        return true;
    }
    let refused = var("CLICOLOR").is_some_and(|value| value == "0")
        || var("TERM").is_some_and(|value| value == "dumb");
    is_terminal && !refused
}

/// Colours a report's lines by the marker that starts them; the markers
/// themselves stay, so the text reads the same without colour.
pub fn paint(text: &str, colour: bool) -> String {
    if !colour {
        return text.to_owned();
    }
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let styles: [(&str, Style); 5] = [
        ("🚨", red.bold()),
        ("❌", red),
        ("⚠️", Style::new().fg_color(Some(AnsiColor::Yellow.into()))),
        ("✅", Style::new().fg_color(Some(AnsiColor::Green.into()))),
        ("☑️", Style::new().dimmed()),
    ];
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let marker = line.trim_start();
        match styles.iter().find(|(m, _)| marker.starts_with(m)) {
            Some((_, style)) => out.push_str(&format!("{style}{line}{style:#}")),
            None => out.push_str(line),
        }
    }
    out
}

/// The JSON form of a `prodguard check` run.
///
/// `verdict`, `production`, `platform`, `database` and `findings` are the
/// documented interface; `environment`, `preview`, `errors`, `warnings`
/// and `probe` (null without `--probe`) are additions that never change
/// those.
pub fn check_json(report: &Report, fit: bool) -> Value {
    let count = |severity| report.findings().iter().filter(|f| f.severity() == severity).count();
    json!({
        "verdict": if fit { "ok" } else { "misconfigured" },
        "production": report.is_production(),
        "platform": report.platform().map(Platform::id),
        "environment": report.environment(),
        "preview": report.is_preview(),
        "database": report.database().map(|url| json!({
            "backend": url.backend().id(),
            "url": url.shown(),
        })),
        "errors": count(prodguard::Severity::Error),
        "warnings": count(prodguard::Severity::Warning),
        "findings": report.findings().iter().map(finding_json).collect::<Vec<_>>(),
        "probe": report.probe().map(|probe| json!({
            // Whole milliseconds, rounded up: no float formatting linked.
            "elapsed_ms": u64::try_from(probe.elapsed().as_micros().div_ceil(1000)).unwrap_or(u64::MAX),
            "notes": probe.notes(),
        })),
    })
}

/// The GitHub Actions form of a `prodguard check` run: one workflow command
/// per finding (`::error`, `::warning`, and `::notice` for an allowed
/// check), titled with the variable and the check's id, then one summary
/// line.
///
/// Messages are escaped as GitHub's toolkit escapes them, so no value can
/// end a command early or start another.
pub fn check_github(report: &Report, fit: bool) -> String {
    let mut out = String::new();
    for finding in report.findings() {
        let (command, marker) = match finding.severity() {
            Severity::Error => ("error", ""),
            Severity::Warning => ("warning", ""),
            Severity::Allowed => ("notice", " (allowed)"),
            // A severity prodguard adds later blocks nothing today.
            _ => ("notice", ""),
        };
        let title = format!("{}: {}{marker}", finding.variable(), finding.id());
        let message = format!("{}\n{}", finding.message(), finding.remediation());
        out.push_str(&format!(
            "::{command} title={}::{}\n",
            github_property(&title),
            github_data(&message)
        ));
    }
    for note in report.probe().iter().flat_map(|probe| probe.notes()) {
        out.push_str(&format!("::notice title=probe::{}\n", github_data(note)));
    }
    let verdict = if fit { "Fit to start" } else { "This deployment would be refused at start-up" };
    let place = match (report.is_production(), report.platform()) {
        (true, Some(platform)) => format!("production on {platform}"),
        (true, None) => "production".to_owned(),
        (false, _) => "not production".to_owned(),
    };
    let count = |severity| report.findings().iter().filter(|f| f.severity() == severity).count();
    let plural = |n, one, many| format!("{n} {}", if n == 1 { one } else { many });
    let mut counts = vec![
        plural(count(Severity::Error), "error", "errors"),
        plural(count(Severity::Warning), "warning", "warnings"),
    ];
    if count(Severity::Allowed) > 0 {
        counts.push(format!("{} allowed", count(Severity::Allowed)));
    }
    out.push_str(&format!("{verdict}: {} ({place}).", counts.join(", ")));
    out
}

/// Escapes a workflow command's message, as `escapeData` in
/// `@actions/core` does.
fn github_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value (`title=…`), as
/// `escapeProperty` in `@actions/core` does.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn finding_json(finding: &Finding) -> Value {
    json!({
        "id": finding.id(),
        "severity": finding.severity().id(),
        "variable": finding.variable(),
        "message": finding.message(),
        "remediation": finding.remediation(),
    })
}

/// The JSON form of a classified connection string.
pub fn classify_json(url: &DatabaseUrl) -> Value {
    json!({
        "backend": url.backend().id(),
        "name": url.backend().name(),
        "url": url.shown(),
        "hosts": url.endpoints().iter().map(|e| json!({"host": e.host(), "port": e.port()})).collect::<Vec<_>>(),
        "unix_socket": url.is_unix_socket(),
        "database": url.database(),
    })
}

/// The text form of a classified connection string.
pub fn classify_text(url: &DatabaseUrl) -> String {
    let backend = url.backend();
    let name = if backend == Backend::Unknown { "no database guard knows" } else { backend.name() };
    let mut text = format!("backend:  {} ({name})\nurl:      {}", backend.id(), url.shown());
    if !url.endpoints().is_empty() {
        let hosts: Vec<String> = url
            .endpoints()
            .iter()
            .map(|e| match e.port() {
                Some(port) if e.host().contains(':') => format!("[{}]:{port}", e.host()),
                Some(port) => format!("{}:{port}", e.host()),
                None => e.host().to_owned(),
            })
            .collect();
        text.push_str(&format!("\nhosts:    {}", hosts.join(", ")));
    }
    if url.is_unix_socket() {
        text.push_str("\nhosts:    (unix socket)");
    }
    if let Some(database) = url.database() {
        text.push_str(&format!("\ndatabase: {database}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{colour, github_data, github_property, paint};
    use std::ffi::OsString;

    /// A variable lookup over exactly `vars`.
    fn vars<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| OsString::from(v))
    }

    #[test]
    fn colour_follows_the_conventions() {
        type Vars<'a> = &'a [(&'a str, &'a str)];
        // (case, variables, on a terminal, colour)
        let cases: &[(&str, Vars, bool, bool)] = &[
            ("a terminal", &[], true, true),
            ("a pipe", &[], false, false),
            ("NO_COLOR", &[("NO_COLOR", "1")], true, false),
            ("NO_COLOR=0 still disables", &[("NO_COLOR", "0")], true, false),
            ("empty NO_COLOR is unset", &[("NO_COLOR", "")], true, true),
            ("CLICOLOR=0", &[("CLICOLOR", "0")], true, false),
            ("CLICOLOR=1 on a terminal", &[("CLICOLOR", "1")], true, true),
            ("CLICOLOR=1 into a pipe", &[("CLICOLOR", "1")], false, false),
            ("CLICOLOR_FORCE into a pipe", &[("CLICOLOR_FORCE", "1")], false, true),
            ("CLICOLOR_FORCE=0", &[("CLICOLOR_FORCE", "0")], false, false),
            ("empty CLICOLOR_FORCE", &[("CLICOLOR_FORCE", "")], false, false),
            (
                "CLICOLOR_FORCE beats CLICOLOR=0",
                &[("CLICOLOR_FORCE", "1"), ("CLICOLOR", "0")],
                false,
                true,
            ),
            (
                "CLICOLOR_FORCE beats TERM=dumb",
                &[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")],
                true,
                true,
            ),
            (
                "NO_COLOR beats CLICOLOR_FORCE",
                &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")],
                true,
                false,
            ),
            ("TERM=dumb", &[("TERM", "dumb")], true, false),
            ("TERM=xterm", &[("TERM", "xterm-256color")], true, true),
        ];
        for (case, env, terminal, expected) in cases {
            assert_eq!(colour(vars(env), *terminal), *expected, "{case}");
        }
    }

    #[test]
    fn github_escapes_as_the_toolkit_does() {
        assert_eq!(github_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(github_property("100% a\r\nb: c, d"), "100%25 a%0D%0Ab%3A c%2C d");
        // `%` first, so an escape is never escaped twice.
        assert_eq!(github_data("%0A"), "%250A");
    }

    #[test]
    fn without_colour_the_text_is_unchanged() {
        let text = "🚨 HEADER\n  ❌ DEBUG=True\n\nHow to fix:";
        assert_eq!(paint(text, false), text);
    }

    #[test]
    fn colour_wraps_marked_lines_and_keeps_markers() {
        let painted = paint("🚨 HEADER\n  ❌ DEBUG=True\nplain", true);
        let lines: Vec<&str> = painted.split('\n').collect();
        assert!(lines[0].starts_with("\x1b[") && lines[0].contains("🚨 HEADER"));
        assert!(lines[1].starts_with("\x1b[") && lines[1].contains("  ❌ DEBUG=True"));
        assert!(lines[1].ends_with("\x1b[0m"));
        assert_eq!(lines[2], "plain");
    }
}
