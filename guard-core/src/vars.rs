//! Reading variables: one snapshot of exactly the variables the checks need.
//!
//! Everything after this module works on a [`Snapshot`], never on the process
//! environment, so every rule is a pure function of injected input.

use std::ffi::OsStr;

use crate::ascii;
use crate::policy::Policy;

/// The value of one variable as guard reads it.
///
/// Unset, empty and whitespace-only are all [`Value::Unset`]; a set value is
/// trimmed. A value that is not UTF-8 is kept apart so that the check owning
/// the variable can report it instead of panicking.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Value<'a> {
    #[default]
    Unset,
    Set(&'a str),
    NotUtf8,
}

impl<'a> Value<'a> {
    pub(crate) fn read(raw: &'a OsStr) -> Value<'a> {
        match raw.to_str() {
            Some(text) => {
                let trimmed = ascii::trim(text);
                if trimmed.is_empty() {
                    Value::Unset
                } else {
                    Value::Set(trimmed)
                }
            }
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

impl std::fmt::Debug for Value<'_> {
    /// By length only: a value may be a secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Unset => f.write_str("Unset"),
            Value::Set(text) => write!(f, "Set({} characters)", text.chars().count()),
            Value::NotUtf8 => f.write_str("NotUtf8"),
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
    const TRUE: [&str; 4] = ["true", "1", "yes", "on"];
    const FALSE: [&str; 4] = ["false", "0", "no", "off"];
    if TRUE.iter().any(|t| t.eq_ignore_ascii_case(text)) {
        Some(true)
    } else if FALSE.iter().any(|f| f.eq_ignore_ascii_case(text)) {
        Some(false)
    } else {
        None
    }
}

/// The fixed variables platforms inject, which no policy renames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum PlatformVar {
    RailwayEnvironment,
    RailwayEnvironmentName,
    RailwayProjectId,
    RailwayServiceId,
    RailwayPublicDomain,
    RailwayVolumeMountPath,
    Dyno,
    Render,
    IsPullRequest,
    FlyAppName,
    Vercel,
    VercelEnv,
    Netlify,
    Context,
    KService,
    KConfiguration,
    CloudRunJob,
    GaeService,
    AwsLambdaFunctionName,
    EcsContainerMetadataUriV4,
    WebsiteSiteName,
    KubernetesServiceHost,
}

const PLATFORM_VAR_COUNT: usize = PlatformVar::KubernetesServiceHost as usize + 1;

impl PlatformVar {
    /// Every platform variable, in the order of [`PLATFORM_NAMES`].
    const ALL: [PlatformVar; PLATFORM_VAR_COUNT] = [
        PlatformVar::RailwayEnvironment,
        PlatformVar::RailwayEnvironmentName,
        PlatformVar::RailwayProjectId,
        PlatformVar::RailwayServiceId,
        PlatformVar::RailwayPublicDomain,
        PlatformVar::RailwayVolumeMountPath,
        PlatformVar::Dyno,
        PlatformVar::Render,
        PlatformVar::IsPullRequest,
        PlatformVar::FlyAppName,
        PlatformVar::Vercel,
        PlatformVar::VercelEnv,
        PlatformVar::Netlify,
        PlatformVar::Context,
        PlatformVar::KService,
        PlatformVar::KConfiguration,
        PlatformVar::CloudRunJob,
        PlatformVar::GaeService,
        PlatformVar::AwsLambdaFunctionName,
        PlatformVar::EcsContainerMetadataUriV4,
        PlatformVar::WebsiteSiteName,
        PlatformVar::KubernetesServiceHost,
    ];

    #[cfg(test)]
    const fn name(self) -> &'static str {
        match self {
            PlatformVar::RailwayEnvironment => "RAILWAY_ENVIRONMENT",
            PlatformVar::RailwayEnvironmentName => "RAILWAY_ENVIRONMENT_NAME",
            PlatformVar::RailwayProjectId => "RAILWAY_PROJECT_ID",
            PlatformVar::RailwayServiceId => "RAILWAY_SERVICE_ID",
            PlatformVar::RailwayPublicDomain => "RAILWAY_PUBLIC_DOMAIN",
            PlatformVar::RailwayVolumeMountPath => "RAILWAY_VOLUME_MOUNT_PATH",
            PlatformVar::Dyno => "DYNO",
            PlatformVar::Render => "RENDER",
            PlatformVar::IsPullRequest => "IS_PULL_REQUEST",
            PlatformVar::FlyAppName => "FLY_APP_NAME",
            PlatformVar::Vercel => "VERCEL",
            PlatformVar::VercelEnv => "VERCEL_ENV",
            PlatformVar::Netlify => "NETLIFY",
            PlatformVar::Context => "CONTEXT",
            PlatformVar::KService => "K_SERVICE",
            PlatformVar::KConfiguration => "K_CONFIGURATION",
            PlatformVar::CloudRunJob => "CLOUD_RUN_JOB",
            PlatformVar::GaeService => "GAE_SERVICE",
            PlatformVar::AwsLambdaFunctionName => "AWS_LAMBDA_FUNCTION_NAME",
            PlatformVar::EcsContainerMetadataUriV4 => "ECS_CONTAINER_METADATA_URI_V4",
            PlatformVar::WebsiteSiteName => "WEBSITE_SITE_NAME",
            PlatformVar::KubernetesServiceHost => "KUBERNETES_SERVICE_HOST",
        }
    }
}

/// The roles a variable plays; the app's policy names each one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Role {
    Debug,
    LocalTest,
    DatabaseUrl,
    SecretKey,
    AllowedHosts,
    SiteUrl,
}

impl Role {
    /// The variable's name unless a policy renames it.
    pub(crate) const fn default_name(self) -> &'static str {
        match self {
            Role::Debug => "DEBUG",
            Role::LocalTest => "LOCAL_TEST",
            Role::DatabaseUrl => "DATABASE_URL",
            Role::SecretKey => "SECRET_KEY",
            Role::AllowedHosts => "ALLOWED_HOSTS",
            Role::SiteUrl => "SITE_URL",
        }
    }

    pub(crate) const ALL: [Role; 6] = [
        Role::Debug,
        Role::LocalTest,
        Role::DatabaseUrl,
        Role::SecretKey,
        Role::AllowedHosts,
        Role::SiteUrl,
    ];
}

/// What a variable's name alone says it is: a platform's variable, or a
/// role under its default name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    Platform(PlatformVar),
    Role(Role),
}

impl Known {
    /// The variable named `name`: one lookup in [`KNOWN_NAMES`] and one
    /// comparison, whatever the name.
    fn from_name(name: &[u8]) -> Option<Known> {
        match KNOWN_NAMES[name_slot(name)] {
            Some((known_name, known)) if same_bytes(known_name.as_bytes(), name) => Some(known),
            _ => None,
        }
    }
}

/// `a == b`, without a call to `memcmp`: the names are under 32 bytes, and
/// the compiler reads a comparison of every byte (no early exit) a vector
/// at a time.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(true, |same, (x, y)| same & (x == y))
}

/// Every name [`Known::from_name`] knows, at the slot [`name_slot`] gives
/// it: the platforms' names and the roles' default names. Built at compile
/// time; two names in one slot fail the build.
static KNOWN_NAMES: [Option<(&str, Known)>; 64] = {
    /// Puts `name` in its slot, which must be free.
    const fn place(table: &mut [Option<(&str, Known)>; 64], name: &'static str, known: Known) {
        let slot = name_slot(name.as_bytes());
        assert!(
            table[slot].is_none(),
            "two names share a slot: change the multiplier"
        );
        table[slot] = Some((name, known));
    }

    let mut table = [None; 64];
    let mut i = 0;
    while i < PLATFORM_NAMES.len() {
        // The two lists pair by index.
        assert!(PlatformVar::ALL[i] as usize == i);
        place(
            &mut table,
            PLATFORM_NAMES[i],
            Known::Platform(PlatformVar::ALL[i]),
        );
        i += 1;
    }
    let mut i = 0;
    while i < Role::ALL.len() {
        place(
            &mut table,
            Role::ALL[i].default_name(),
            Known::Role(Role::ALL[i]),
        );
        i += 1;
    }
    table
};

/// A slot of [`KNOWN_NAMES`] from a name's first, middle and last bytes
/// and its length, by one multiplication (a perfect hash of the 28 names:
/// the multiplier was searched for).
const fn name_slot(name: &[u8]) -> usize {
    if name.is_empty() {
        return 0;
    }
    let key = name[0] as u32
        | (name[name.len() - 1] as u32) << 8
        | (name.len() as u8 as u32) << 16
        | (name[name.len() / 2] as u32) << 24;
    (key.wrapping_mul(0x30bd_5dfd) >> 26) as usize
}

/// Which (first byte, length) and (last byte, length) pairs the names
/// guard reads have: most keys of a real environment are rejected by two
/// lookups, before any comparison (`RAILWAY_STATIC_URL` has the length and
/// first letter of `RAILWAY_PROJECT_ID`, not its last letter).
struct NameFilter {
    /// Bit `len` of entry `first % 32`; names of 64 bytes or more always pass.
    by_first: [u64; 32],
    /// Bit `len` of entry `last % 32`.
    by_last: [u64; 32],
}

impl NameFilter {
    /// The platforms' names and the roles' default names, built at compile
    /// time.
    const DEFAULT: NameFilter = {
        let mut filter = NameFilter {
            by_first: [0; 32],
            by_last: [0; 32],
        };
        let mut i = 0;
        while i < PLATFORM_NAMES.len() {
            filter.add(PLATFORM_NAMES[i].as_bytes());
            i += 1;
        }
        let mut i = 0;
        while i < Role::ALL.len() {
            filter.add(Role::ALL[i].default_name().as_bytes());
            i += 1;
        }
        filter
    };

    /// The default names, plus the policy's own: renamed roles and
    /// required variables. `None` when the policy has none, and
    /// [`NameFilter::DEFAULT`] serves as it is, without a copy.
    // Inlined, so that a default policy costs `from_pairs` one test and
    // no call.
    #[inline]
    fn for_policy(policy: &Policy) -> Option<NameFilter> {
        // The only names `with_names_of` adds.
        if !policy.renames_any() && policy.required().is_empty() {
            return None;
        }
        Some(NameFilter::with_names_of(policy))
    }

    #[cold]
    fn with_names_of(policy: &Policy) -> NameFilter {
        let mut filter = NameFilter::DEFAULT;
        for &role in &Role::ALL {
            if policy.is_renamed(role) {
                filter.add(policy.name_of(role).as_bytes());
            }
        }
        for name in policy.required() {
            filter.add(name.as_bytes());
        }
        filter
    }

    /// The entries for `key` in `by_first` and `by_last`, and its bit.
    #[inline]
    const fn slot(key: &[u8]) -> (usize, usize, u64) {
        let (first, last) = match key {
            [first, .., last] => (*first, *last),
            [only] => (*only, *only),
            [] => (0, 0),
        };
        let bit = if key.len() < 64 {
            1 << key.len()
        } else {
            1 << 63
        };
        ((first % 32) as usize, (last % 32) as usize, bit)
    }

    const fn add(&mut self, name: &[u8]) {
        let (first, last, bit) = NameFilter::slot(name);
        self.by_first[first] |= bit;
        self.by_last[last] |= bit;
    }

    // Inlined into the caller's `from_pairs`: called for every key.
    #[inline]
    fn may_hold(&self, key: &[u8]) -> bool {
        let (first, last, bit) = NameFilter::slot(key);
        self.by_first[first] & self.by_last[last] & bit != 0
    }
}

/// Every platform name `Known::from_name` knows.
const PLATFORM_NAMES: [&str; PLATFORM_VAR_COUNT] = [
    "RAILWAY_ENVIRONMENT",
    "RAILWAY_ENVIRONMENT_NAME",
    "RAILWAY_PROJECT_ID",
    "RAILWAY_SERVICE_ID",
    "RAILWAY_PUBLIC_DOMAIN",
    "RAILWAY_VOLUME_MOUNT_PATH",
    "DYNO",
    "RENDER",
    "IS_PULL_REQUEST",
    "FLY_APP_NAME",
    "VERCEL",
    "VERCEL_ENV",
    "NETLIFY",
    "CONTEXT",
    "K_SERVICE",
    "K_CONFIGURATION",
    "CLOUD_RUN_JOB",
    "GAE_SERVICE",
    "AWS_LAMBDA_FUNCTION_NAME",
    "ECS_CONTAINER_METADATA_URI_V4",
    "WEBSITE_SITE_NAME",
    "KUBERNETES_SERVICE_HOST",
];

/// Where the snapshot keeps one variable's value.
#[derive(Clone, Copy, Default)]
enum Slot {
    #[default]
    Unset,
    /// A range of the snapshot's text.
    Set {
        start: usize,
        end: usize,
    },
    NotUtf8,
}

/// The variables one run of the checks reads, taken once.
///
/// Their values are copied, trimmed, into one string: one allocation for
/// the run, not one per variable.
///
/// Deliberately not `Debug`: it holds the raw secret and database URL.
#[derive(Default)]
pub(crate) struct Snapshot {
    text: String,
    roles: [Slot; 6],
    platform: [Slot; PLATFORM_VAR_COUNT],
    /// One slot per variable the policy requires, in the policy's order.
    required: Vec<Slot>,
}

impl Snapshot {
    /// Picks the variables the policy needs out of `vars`; later pairs win.
    pub(crate) fn from_pairs<I, K, V>(policy: &Policy, vars: I) -> Snapshot
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        let mut snapshot = Snapshot {
            text: String::with_capacity(512),
            required: vec![Slot::Unset; policy.required().len()],
            ..Snapshot::default()
        };
        let renames = policy.renames_any();
        let custom = NameFilter::for_policy(policy);
        let names = custom.as_ref().unwrap_or(&NameFilter::DEFAULT);
        for (key, value) in vars {
            // Compared as bytes: a key equal to a name is UTF-8 like it, and
            // no other key needs checking.
            let key = key.as_ref().as_encoded_bytes();
            if names.may_hold(key) {
                snapshot.offer(policy, renames, key, value.as_ref());
            }
        }
        snapshot
    }

    /// Keeps `raw` in every slot `key` names. `renames`: whether the
    /// policy renames any role (read once per snapshot).
    fn offer(&mut self, policy: &Policy, renames: bool, key: &[u8], raw: &OsStr) {
        match Known::from_name(key) {
            Some(Known::Platform(var)) => self.platform[var as usize] = self.keep(raw),
            Some(Known::Role(role)) if !policy.is_renamed(role) => {
                self.roles[role as usize] = self.keep(raw);
            }
            _ => {}
        }
        if renames {
            for role in Role::ALL {
                if policy.is_renamed(role) && policy.name_of(role).as_bytes() == key {
                    self.roles[role as usize] = self.keep(raw);
                }
            }
        }
        for (i, name) in policy.required().iter().enumerate() {
            if name.as_bytes() == key {
                self.required[i] = self.keep(raw);
            }
        }
    }

    /// Copies a value into the snapshot's text.
    fn keep(&mut self, raw: &OsStr) -> Slot {
        match Value::read(raw) {
            Value::Unset => Slot::Unset,
            Value::NotUtf8 => Slot::NotUtf8,
            Value::Set(text) => {
                let start = self.text.len();
                self.text.push_str(text);
                Slot::Set {
                    start,
                    end: self.text.len(),
                }
            }
        }
    }

    fn value(&self, slot: Slot) -> Value<'_> {
        match slot {
            Slot::Unset => Value::Unset,
            Slot::Set { start, end } => Value::Set(&self.text[start..end]),
            Slot::NotUtf8 => Value::NotUtf8,
        }
    }

    pub(crate) fn role(&self, role: Role) -> Value<'_> {
        self.value(self.roles[role as usize])
    }

    pub(crate) fn platform(&self, var: PlatformVar) -> Value<'_> {
        self.value(self.platform[var as usize])
    }

    pub(crate) fn platform_str(&self, var: PlatformVar) -> Option<&str> {
        self.platform(var).as_str()
    }

    pub(crate) fn required(&self) -> impl Iterator<Item = Value<'_>> {
        self.required.iter().map(|&slot| self.value(slot))
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
            assert_eq!(Value::read(OsStr::new(raw)), Value::Unset, "{raw:?}");
        }
    }

    #[test]
    fn values_are_trimmed() {
        assert_eq!(
            Value::read(OsStr::new("  postgres://h/db \n")),
            Value::Set("postgres://h/db")
        );
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_is_kept_apart() {
        assert!(matches!(Value::read(&not_utf8()), Value::NotUtf8));
        assert_eq!(Value::read(&not_utf8()).flag(), Flag::NotUtf8);
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
            assert_eq!(Value::read(OsStr::new(raw)).flag(), *expected, "{raw:?}");
        }
    }

    #[test]
    fn the_name_filter_passes_every_name_it_was_given() {
        let policy = Policy::new().require("REDIS_URL").rename(
            crate::Variable::Debug,
            "APP_DEBUG_MODE_WITH_A_NAME_LONGER_THAN_SIXTY_FOUR_BYTES_IN_TOTAL_X",
        );
        let filter = NameFilter::for_policy(&policy).expect("the policy adds names");
        for name in PLATFORM_NAMES
            .iter()
            .chain(&["REDIS_URL", "SECRET_KEY", "LOCAL_TEST"])
        {
            assert!(filter.may_hold(name.as_bytes()), "{name}");
        }
        assert!(filter.may_hold(policy.name(crate::Variable::Debug).as_bytes()));
        assert!(
            !filter.may_hold(b"PATH"),
            "no name of 4 bytes starts with P"
        );
        assert!(NameFilter::for_policy(&Policy::new().no_database()).is_none());
    }

    #[test]
    fn snapshot_picks_role_platform_and_required_variables() {
        let policy = Policy::new()
            .require("REDIS_URL")
            .rename(crate::Variable::SecretKey, "SESSION_SECRET");
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
        assert_eq!(snapshot.role(Role::SecretKey).as_str(), Some("s3cr3t"));
        assert_eq!(
            snapshot.platform_str(PlatformVar::RailwayProjectId),
            Some("p")
        );
        assert_eq!(
            snapshot.required().next().unwrap().as_str(),
            Some("redis://r")
        );
        assert_eq!(
            snapshot.role(Role::Debug).flag(),
            Flag::Set(false),
            "later pairs win"
        );
    }

    #[test]
    fn every_platform_variable_and_default_name_is_found_by_name() {
        for var in PlatformVar::ALL {
            assert_eq!(
                Known::from_name(var.name().as_bytes()),
                Some(Known::Platform(var))
            );
            assert_eq!(PLATFORM_NAMES[var as usize], var.name());
        }
        for role in Role::ALL {
            assert_eq!(
                Known::from_name(role.default_name().as_bytes()),
                Some(Known::Role(role))
            );
        }
        assert_eq!(Known::from_name(b"PORT"), None);
        assert_eq!(Known::from_name(b"debug"), None, "names are case-sensitive");
        assert_eq!(Known::from_name(b""), None);
    }

    #[test]
    fn a_name_with_one_byte_changed_is_unknown() {
        // A change away from the bytes `name_slot` reads keeps the name's
        // slot: only the comparison can reject it.
        for name in PLATFORM_NAMES
            .iter()
            .chain(Role::ALL.map(Role::default_name).iter())
        {
            let len = name.len();
            for i in (1..len - 1).filter(|&i| i != len / 2) {
                let mut changed = name.as_bytes().to_vec();
                changed[i] = b'#';
                assert_eq!(name_slot(&changed), name_slot(name.as_bytes()));
                assert_eq!(Known::from_name(&changed), None, "{name} at {i}");
            }
            assert_eq!(
                Known::from_name(&name.as_bytes()[..len - 1]),
                None,
                "{name}"
            );
        }
    }

    #[test]
    fn a_renamed_role_reads_its_new_name_only_and_may_take_another_default() {
        let policy = Policy::new()
            .rename(crate::Variable::LocalTest, "DEBUG")
            .rename(crate::Variable::DatabaseUrl, "PG_URL");
        let snapshot = Snapshot::from_pairs(
            &policy,
            [
                ("DEBUG", "1"),
                ("LOCAL_TEST", "0"),
                ("DATABASE_URL", "sqlite:a.db"),
                ("PG_URL", "postgres://db/app"),
            ],
        );
        assert_eq!(snapshot.role(Role::Debug).flag(), Flag::Set(true));
        assert_eq!(snapshot.role(Role::LocalTest).flag(), Flag::Set(true));
        assert_eq!(
            snapshot.role(Role::DatabaseUrl).as_str(),
            Some("postgres://db/app")
        );
    }
}
