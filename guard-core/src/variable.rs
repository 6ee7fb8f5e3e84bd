//! The variables guard reads: the app's own, which a policy may rename,
//! and the ones hosting platforms inject, which it may not.

/// A variable the checks read, by its role. Each framework
/// [`Profile`](crate::Profile) reads it under its own names (or not at
/// all), and an app's [`Policy`](crate::Policy) may rename it.
///
/// ```
/// use prodguard::Variable;
/// assert_eq!(Variable::SecretKey.default_name(), "SECRET_KEY");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Variable {
    /// `DEBUG`: local development says so with `DEBUG=true`.
    Debug,
    /// `LOCAL_TEST`: switches an app to SQLite for local tests.
    LocalTest,
    /// `DATABASE_URL`: the database's connection string.
    DatabaseUrl,
    /// `SECRET_KEY`: signs sessions and tokens.
    SecretKey,
    /// `ALLOWED_HOSTS`: the host names the app answers to.
    AllowedHosts,
    /// `SITE_URL`: the app's public address.
    SiteUrl,
    /// `RAILS_ENV`, `APP_ENV`, `NODE_ENV`, ...: the framework's environment
    /// switch.
    Environment,
    /// `DB_CONNECTION`: which of the framework's database drivers is used.
    DatabaseConnection,
    /// `DB_HOST`: the database server, when there is no URL.
    DatabaseHost,
    /// `DB_DATABASE`: the database's name, when there is no URL.
    DatabaseName,
    /// `DATABASE_PATH`: a SQLite database file.
    DatabasePath,
}

impl Variable {
    /// Every variable, in declaration order.
    ///
    /// ```
    /// assert_eq!(prodguard::Variable::ALL.len(), 11);
    /// ```
    pub const ALL: &'static [Variable] = &[
        Variable::Debug,
        Variable::LocalTest,
        Variable::DatabaseUrl,
        Variable::SecretKey,
        Variable::AllowedHosts,
        Variable::SiteUrl,
        Variable::Environment,
        Variable::DatabaseConnection,
        Variable::DatabaseHost,
        Variable::DatabaseName,
        Variable::DatabasePath,
    ];

    /// Its name under the default (`django`) profile; for a variable that
    /// profile does not read, the name of the first profile that does.
    ///
    /// ```
    /// assert_eq!(prodguard::Variable::DatabaseUrl.default_name(), "DATABASE_URL");
    /// ```
    pub const fn default_name(self) -> &'static str {
        match self {
            Variable::Debug => "DEBUG",
            Variable::LocalTest => "LOCAL_TEST",
            Variable::DatabaseUrl => "DATABASE_URL",
            Variable::SecretKey => "SECRET_KEY",
            Variable::AllowedHosts => "ALLOWED_HOSTS",
            Variable::SiteUrl => "SITE_URL",
            Variable::Environment => "RAILS_ENV",
            Variable::DatabaseConnection => "DB_CONNECTION",
            Variable::DatabaseHost => "DB_HOST",
            Variable::DatabaseName => "DB_DATABASE",
            Variable::DatabasePath => "DATABASE_PATH",
        }
    }

    /// Its place in per-variable tables.
    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

/// A variable a hosting platform injects. No policy renames it, and none
/// may put one of its own roles on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlatformVariable {
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

impl PlatformVariable {
    /// Every platform variable with its name: the one list of them.
    pub(crate) const ALL: [(PlatformVariable, &'static str); 22] = {
        use PlatformVariable as P;
        [
            (P::RailwayEnvironment, "RAILWAY_ENVIRONMENT"),
            (P::RailwayEnvironmentName, "RAILWAY_ENVIRONMENT_NAME"),
            (P::RailwayProjectId, "RAILWAY_PROJECT_ID"),
            (P::RailwayServiceId, "RAILWAY_SERVICE_ID"),
            (P::RailwayPublicDomain, "RAILWAY_PUBLIC_DOMAIN"),
            (P::RailwayVolumeMountPath, "RAILWAY_VOLUME_MOUNT_PATH"),
            (P::Dyno, "DYNO"),
            (P::Render, "RENDER"),
            (P::IsPullRequest, "IS_PULL_REQUEST"),
            (P::FlyAppName, "FLY_APP_NAME"),
            (P::Vercel, "VERCEL"),
            (P::VercelEnv, "VERCEL_ENV"),
            (P::Netlify, "NETLIFY"),
            (P::Context, "CONTEXT"),
            (P::KService, "K_SERVICE"),
            (P::KConfiguration, "K_CONFIGURATION"),
            (P::CloudRunJob, "CLOUD_RUN_JOB"),
            (P::GaeService, "GAE_SERVICE"),
            (P::AwsLambdaFunctionName, "AWS_LAMBDA_FUNCTION_NAME"),
            (P::EcsContainerMetadataUriV4, "ECS_CONTAINER_METADATA_URI_V4"),
            (P::WebsiteSiteName, "WEBSITE_SITE_NAME"),
            (P::KubernetesServiceHost, "KUBERNETES_SERVICE_HOST"),
        ]
    };

    /// Its name.
    pub(crate) const fn name(self) -> &'static str {
        PlatformVariable::ALL[self as usize].1
    }
}

/// Why a name cannot name a variable.
///
/// ```
/// use prodguard::{Policy, VariableNameError};
/// assert_eq!(Policy::new().try_require(" REDIS_URL").unwrap_err(), VariableNameError::Invalid);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VariableNameError {
    /// Empty, or holding a character other than an ASCII letter, a digit,
    /// `_`, `.` or `-`.
    #[error(
        "a variable name must be non-empty and made of ASCII letters, digits, `_`, `.` and `-`"
    )]
    Invalid,
    /// Another of guard's variables already has this name.
    #[error("{name} already names {other}: one variable cannot play two roles")]
    TakenByVariable {
        /// The name.
        name: String,
        /// The variable that has it, by the profile's name for it.
        other: &'static str,
    },
    /// A hosting platform injects a variable of this name.
    #[error("{name} is a variable hosting platforms set: it cannot be one of the app's")]
    TakenByPlatform {
        /// The name.
        name: &'static str,
    },
}

/// Whether `name` can name a variable: non-empty, and only ASCII letters,
/// digits, `_`, `.` and `-` (what Kubernetes and the platforms take). So a
/// name is always shown as it is, and a value given where a name belongs
/// (a URL, `KEY=value`) is refused without being echoed.
pub(crate) fn is_valid_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The platform variable named `name`, if any.
    fn from_name(name: &str) -> Option<PlatformVariable> {
        PlatformVariable::ALL
            .iter()
            .find(|(_, known)| *known == name)
            .map(|&(variable, _)| variable)
    }

    #[test]
    fn every_platform_variable_is_found_by_its_name_and_has_it() {
        for &(variable, name) in &PlatformVariable::ALL {
            assert_eq!(from_name(name), Some(variable));
            assert_eq!(variable.name(), name);
        }
        assert_eq!(from_name("PORT"), None);
        assert_eq!(from_name("dyno"), None);
    }

    #[test]
    fn names_are_names() {
        for good in ["REDIS_URL", "a", "x.y-z", "db_2"] {
            assert!(is_valid_name(good), "{good:?}");
        }
        let bad = [
            "",
            " REDIS_URL",
            "A B",
            "A=B",
            "A\0",
            "A\t",
            "A\u{a0}",
            "A\u{1b}[2J",
            // Printed in reports: nothing that reorders or hides text.
            "SECRET\u{202e}YEK",
            "A\u{200b}",
            "\u{feff}A",
            "A\u{2066}B",
            // A value where a name belongs: refused, so never echoed.
            "postgresql://u:Zq9XkW2mPt@db/app",
            "SECRET_KEY=Zq9XkW2mPt",
            "ÄPFEL",
            "A,B:C%D",
        ];
        for bad in bad {
            assert!(!is_valid_name(bad), "{bad:?}");
        }
    }
}
