//! `prodguard explain ID`: a check's long description, where to change
//! variables on each platform, and how to allow it.

use std::fmt::Write as _;

use crate::catalog::{Check, Severity};
use crate::platform::{GENERIC_PLACE, Platform};
use crate::policy::{Fix, FrontEnd};

impl Check {
    /// The long explanation: what the check catches, why, where to fix it
    /// on each platform, and how to allow it, worded for `front_end`.
    ///
    /// ```
    /// use prodguard::{Check, FrontEnd};
    ///
    /// let text = Check::SqliteInProduction.explain(FrontEnd::Cli);
    /// assert!(text.contains("Railway"));
    /// assert!(text.contains("--allow sqlite_in_production"));
    /// assert!(Check::SqliteInProduction.explain(FrontEnd::Library).contains("Policy::allow"));
    /// ```
    pub fn explain(self, front_end: FrontEnd) -> String {
        let outside = self.severity_outside_production().map_or("not run", Severity::id);
        let mut text = format!(
            "{} — {}\nin production: {}; outside production: {outside}\n\n{}\n\nWhere to change variables:\n",
            self.id(),
            self.summary(),
            self.severity_in_production().id(),
            self.description(),
        );
        for platform in Platform::ALL {
            // Writing to a String cannot fail.
            let _ =
                writeln!(text, "  {:<18} {}", platform.name(), platform.where_to_set("VARIABLE"));
        }
        let _ = write!(
            text,
            "  {:<18} {GENERIC_PLACE}\n\nTo allow it (still reported, marked allowed, never blocks): {}",
            "elsewhere",
            Fix::Allow(self).words(front_end)
        );
        text
    }
}
