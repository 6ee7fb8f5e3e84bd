//! Reading variables: one snapshot of exactly the variables the checks read.
//!
//! Everything after this module works on a [`Snapshot`], never on the process
//! environment, so every rule is a pure function of injected input.

use std::ffi::OsStr;

use crate::policy::Policy;
use crate::variable::{PlatformVariable, Variable};

/// The value of one variable as guard reads it.
///
/// Unset, empty and whitespace-only are all [`Value::Unset`]; a set value is
/// trimmed. A value that is not UTF-8 is kept apart so that the check owning
/// the variable can report it instead of panicking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Value<'a> {
    #[default]
    Unset,
    Set(&'a str),
    NotUtf8,
}

impl<'a> Value<'a> {
    /// A set variable's value: `None` when it is not UTF-8.
    pub(crate) fn read(text: Option<&'a str>) -> Value<'a> {
        match text.map(str::trim) {
            Some("") => Value::Unset,
            Some(trimmed) => Value::Set(trimmed),
            None => Value::NotUtf8,
        }
    }

    pub(crate) fn is_unset(self) -> bool {
        matches!(self, Value::Unset)
    }

    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self {
            Value::Set(text) => Some(text),
            _ => None,
        }
    }

    /// Reads the value as a boolean flag.
    pub(crate) fn flag(self) -> Flag<'a> {
        match self {
            Value::Unset => Flag::Unset,
            Value::NotUtf8 => Flag::NotUtf8,
            Value::Set(text) => parse_bool(text).map_or(Flag::Invalid(text), Flag::Set),
        }
    }
}

/// A boolean variable, read case-insensitively.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flag<'a> {
    Unset,
    Set(bool),
    Invalid(&'a str),
    NotUtf8,
}

impl Flag<'_> {
    pub(crate) fn is_true(self) -> bool {
        self == Flag::Set(true)
    }
}

/// The spellings a boolean accepts, for messages.
pub(crate) const BOOLEAN_SPELLINGS: &str = "true/false, 1/0, yes/no, on/off (any case)";

fn parse_bool(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// The variables one run of the checks reads, taken once: each name the
/// policy reads (its variables' names, the platforms', the required ones)
/// that is set, with its value (`None`: not UTF-8).
///
/// Deliberately not `Debug`: it holds the raw secret and database URL.
pub(crate) struct Snapshot<'p> {
    policy: &'p Policy,
    values: Vec<(&'p str, Option<String>)>,
}

impl<'p> Snapshot<'p> {
    /// Picks the variables the policy reads out of `vars`; later pairs win.
    /// A name that is not UTF-8 names none of them.
    pub(crate) fn from_pairs<I, K, V>(policy: &'p Policy, vars: I) -> Snapshot<'p>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        let platform = PlatformVariable::ALL.iter().map(|&(_, name)| name);
        let variables = Variable::ALL.iter().flat_map(|&variable| policy.names(variable));
        let required = policy.required().iter().map(|name| &**name);
        let read: Vec<&str> = platform.chain(variables).chain(required).collect();
        let mut values: Vec<(&str, Option<String>)> = Vec::new();
        for (key, value) in vars {
            // Compared as bytes: a key equal to a name is UTF-8 like it.
            let key = key.as_ref().as_encoded_bytes();
            let Some(&name) = read.iter().find(|name| name.as_bytes() == key) else { continue };
            let value = value.as_ref().to_str().map(str::to_owned);
            match values.iter_mut().find(|(set, _)| *set == name) {
                Some(earlier) => earlier.1 = value,
                None => values.push((name, value)),
            }
        }
        Snapshot { policy, values }
    }

    fn value(&self, name: &str) -> Value<'_> {
        let text = self.values.iter().find(|(set, _)| *set == name).map(|(_, text)| text);
        text.map_or(Value::Unset, |text| Value::read(text.as_deref()))
    }

    /// The value of one of the app's variables.
    pub(crate) fn get(&self, variable: Variable) -> Value<'_> {
        self.get_named(variable).1
    }

    /// The value of one of the app's variables under the first of its
    /// names that is set, and that name's place among them (0 when none is).
    pub(crate) fn get_named(&self, variable: Variable) -> (usize, Value<'_>) {
        let values = self.policy.names(variable).map(|name| self.value(name));
        values.enumerate().find(|(_, value)| !value.is_unset()).unwrap_or((0, Value::Unset))
    }

    /// The value of a platform's variable.
    pub(crate) fn platform(&self, variable: PlatformVariable) -> Value<'_> {
        self.value(variable.name())
    }

    /// The values of the required variables, in the policy's order.
    pub(crate) fn required(&self) -> impl Iterator<Item = Value<'_>> {
        self.policy.required().iter().map(|name| self.value(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn not_utf8() -> std::ffi::OsString {
        use std::os::unix::ffi::OsStringExt;
        std::ffi::OsString::from_vec(vec![b't', 0xff, b'e'])
    }

    #[test]
    fn unset_empty_and_whitespace_are_all_unset() {
        for raw in ["", " ", "\t", " \n\t "] {
            assert_eq!(Value::read(Some(raw)), Value::Unset, "{raw:?}");
        }
    }

    #[test]
    fn values_are_trimmed() {
        assert_eq!(Value::read(Some("  postgres://h/db \n")), Value::Set("postgres://h/db"));
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_is_kept_apart() {
        let policy = Policy::new();
        let snapshot = Snapshot::from_pairs(&policy, [(OsStr::new("DEBUG"), not_utf8())]);
        assert_eq!(snapshot.get(Variable::Debug), Value::NotUtf8);
        assert_eq!(snapshot.get(Variable::Debug).flag(), Flag::NotUtf8);
        // A name that is not UTF-8 names nothing.
        let snapshot = Snapshot::from_pairs(&policy, [(not_utf8(), OsStr::new("1"))]);
        assert_eq!(snapshot.get(Variable::Debug), Value::Unset);
    }

    #[test]
    fn booleans_in_every_spelling_and_casing() {
        let cases: &[(&str, Flag<'_>)] = &[
            ("true", Flag::Set(true)),
            ("True", Flag::Set(true)),
            ("TRUE", Flag::Set(true)),
            ("1", Flag::Set(true)),
            ("yes", Flag::Set(true)),
            ("YeS", Flag::Set(true)),
            ("on", Flag::Set(true)),
            ("ON", Flag::Set(true)),
            (" true ", Flag::Set(true)),
            ("false", Flag::Set(false)),
            ("False", Flag::Set(false)),
            ("0", Flag::Set(false)),
            ("no", Flag::Set(false)),
            ("NO", Flag::Set(false)),
            ("off", Flag::Set(false)),
            ("\tOff\n", Flag::Set(false)),
            ("", Flag::Unset),
            ("   ", Flag::Unset),
            ("maybe", Flag::Invalid("maybe")),
            ("t", Flag::Invalid("t")),
            ("2", Flag::Invalid("2")),
            ("tru e", Flag::Invalid("tru e")),
            ("\"true\"", Flag::Invalid("\"true\"")),
        ];
        for (raw, expected) in cases {
            assert_eq!(Value::read(Some(raw)).flag(), *expected, "{raw:?}");
        }
    }

    #[test]
    fn snapshot_picks_app_platform_and_required_variables() {
        let policy =
            Policy::new().require("REDIS_URL").rename(Variable::SecretKey, "SESSION_SECRET");
        let snapshot = Snapshot::from_pairs(
            &policy,
            [
                ("PATH", "/bin"),
                ("SESSION_SECRET", " s3cr3t "),
                ("SECRET_KEY", "ignored"),
                ("RAILWAY_PROJECT_ID", "p"),
                ("REDIS_URL", "redis://r"),
                ("DEBUG", "1"),
                ("DEBUG", "0"),
            ],
        );
        assert_eq!(snapshot.get(Variable::SecretKey).as_str(), Some("s3cr3t"));
        assert_eq!(snapshot.platform(PlatformVariable::RailwayProjectId).as_str(), Some("p"));
        assert_eq!(snapshot.required().next().unwrap().as_str(), Some("redis://r"));
        assert_eq!(snapshot.get(Variable::Debug).flag(), Flag::Set(false), "later pairs win");
    }

    #[test]
    fn a_renamed_variable_reads_its_new_name_only() {
        let policy = Policy::new()
            .rename(Variable::Debug, "APP_DEBUG")
            .rename(Variable::LocalTest, "DEBUG")
            .rename(Variable::DatabaseUrl, "PG_URL");
        let snapshot = Snapshot::from_pairs(
            &policy,
            [
                ("DEBUG", "1"),
                ("LOCAL_TEST", "0"),
                ("DATABASE_URL", "sqlite:a.db"),
                ("PG_URL", "postgres://db/app"),
            ],
        );
        assert_eq!(snapshot.get(Variable::Debug).flag(), Flag::Unset);
        assert_eq!(snapshot.get(Variable::LocalTest).flag(), Flag::Set(true));
        assert_eq!(snapshot.get(Variable::DatabaseUrl).as_str(), Some("postgres://db/app"));
    }

    #[test]
    fn the_first_name_set_wins_whatever_the_order_of_pairs() {
        let policy = Policy::for_profile(crate::profiles::Profile::Rails);
        let pairs = [("RACK_ENV", "development"), ("RAILS_ENV", "production"), ("DEBUG", "1")];
        let snapshot = Snapshot::from_pairs(&policy, pairs);
        assert_eq!(snapshot.get_named(Variable::Environment), (0, Value::Set("production")));
        assert_eq!(snapshot.get(Variable::Debug), Value::Unset, "rails reads no DEBUG");
        let snapshot = Snapshot::from_pairs(&policy, [("RAILS_ENV", " "), ("RACK_ENV", "test")]);
        assert_eq!(snapshot.get_named(Variable::Environment), (1, Value::Set("test")));
    }
}
