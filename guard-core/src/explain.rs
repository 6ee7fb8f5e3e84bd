//! `guard explain ID`: a check's long description, where to change
//! variables on each platform, and how to allow it.

use std::fmt::Write as _;

use crate::catalog::{Check, Severity};
use crate::platform::{GENERIC_PLACE, Platform};

impl Check {
    /// The long explanation: what the check catches, why, where to fix it
    /// on each platform, and how to allow it.
    ///
    /// ```
    /// let text = guard_core::Check::SqliteInProduction.explain();
    /// assert!(text.contains("Railway"));
    /// assert!(text.contains("--allow sqlite_in_production"));
    /// ```
    pub fn explain(self) -> String {
        let id = self.id();
        let outside = self
            .severity_outside_production()
            .map_or("not run", Severity::id);
        let mut text = format!(
            "{id} — {}\nin production: {}; outside production: {outside}\n\n{}\n\nWhere to change variables:\n",
            self.summary(),
            self.severity_in_production().id(),
            self.description(),
        );
        for platform in Platform::ALL {
            // Writing to a String cannot fail.
            let _ = writeln!(
                text,
                "  {:<18} {}",
                platform.name(),
                platform.where_to_set("VARIABLE")
            );
        }
        let _ = write!(
            text,
            "  {:<18} {GENERIC_PLACE}\n\n\
             To allow it (still reported, marked allowed, never blocks):\n  \
             code:   Policy::new().allow(Check::{self:?})\n  \
             macro:  #[guard_core::production_safe(allow({id}))]\n  \
             CLI:    guard check --allow {id}",
            "elsewhere"
        );
        text
    }
}
