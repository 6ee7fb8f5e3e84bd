//! Rendering what guard-core decided: its report text (optionally
//! coloured) or JSON. Nothing here judges a variable.

use std::io::IsTerminal;

use anstyle::{AnsiColor, Style};
use guard_core::{Backend, DatabaseUrl, Finding, Platform, Report};
use serde_json::{Value, json};

/// Whether to colour text written to standard output: only on a terminal,
/// and never when `NO_COLOR` is set (<https://no-color.org>).
pub fn colour_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
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

/// The JSON form of a `guard check` run.
///
/// `verdict`, `production`, `platform`, `database` and `findings` are the
/// documented interface; `environment`, `preview`, `errors` and `warnings`
/// are additions that never change those.
pub fn check_json(report: &Report, fit: bool) -> Value {
    let count = |severity| {
        report
            .findings()
            .iter()
            .filter(|f| f.severity() == severity)
            .count()
    };
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
        "errors": count(guard_core::Severity::Error),
        "warnings": count(guard_core::Severity::Warning),
        "findings": report.findings().iter().map(finding_json).collect::<Vec<_>>(),
    })
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
    let name = if backend == Backend::Unknown {
        "no database guard knows"
    } else {
        backend.name()
    };
    let mut text = format!(
        "backend:  {} ({name})\nurl:      {}",
        backend.id(),
        url.shown()
    );
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
    use super::paint;

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
