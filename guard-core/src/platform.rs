//! Which hosting platform runs this process, from the variables it injects.

use std::fmt;

use crate::show;
use crate::snapshot::Snapshot;
use crate::variable::PlatformVariable;

/// A hosting platform guard recognises.
///
/// Each is detected from a variable the host documents; Railway is looked for
/// first. [`Platform::id`] is the stable snake_case id used in JSON.
///
/// ```
/// let report = prodguard::validate_env([("DYNO", "web.1"), ("DEBUG", "true")]).unwrap_err();
/// assert_eq!(report.report().platform(), Some(prodguard::Platform::Heroku));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Platform {
    /// Railway (`RAILWAY_PROJECT_ID`, `RAILWAY_SERVICE_ID`,
    /// `RAILWAY_ENVIRONMENT_NAME`, `RAILWAY_ENVIRONMENT`).
    Railway,
    /// Heroku (`DYNO`).
    Heroku,
    /// Render (`RENDER`).
    Render,
    /// Fly.io (`FLY_APP_NAME`).
    Fly,
    /// Vercel (`VERCEL`, `VERCEL_ENV`).
    Vercel,
    /// Netlify (`NETLIFY`).
    Netlify,
    /// Google Cloud Run (`K_SERVICE` with `K_CONFIGURATION`, or `CLOUD_RUN_JOB`).
    CloudRun,
    /// Google App Engine (`GAE_SERVICE`).
    AppEngine,
    /// AWS Lambda (`AWS_LAMBDA_FUNCTION_NAME`).
    AwsLambda,
    /// Amazon ECS (`ECS_CONTAINER_METADATA_URI_V4`).
    AwsEcs,
    /// Azure App Service (`WEBSITE_SITE_NAME`).
    AzureAppService,
    /// Kubernetes (`KUBERNETES_SERVICE_HOST`).
    Kubernetes,
}

impl Platform {
    /// Every platform, in the order detection tries them.
    ///
    /// ```
    /// assert_eq!(prodguard::Platform::ALL[0], prodguard::Platform::Railway);
    /// ```
    pub const ALL: &'static [Platform] = &[
        Platform::Railway,
        Platform::Heroku,
        Platform::Render,
        Platform::Fly,
        Platform::Vercel,
        Platform::Netlify,
        Platform::CloudRun,
        Platform::AppEngine,
        Platform::AwsLambda,
        Platform::AwsEcs,
        Platform::AzureAppService,
        Platform::Kubernetes,
    ];

    /// Its id, name and where a variable is changed there (`{VAR}` stands
    /// for the variable's name).
    // A table: one row a platform.
    #[rustfmt::skip]
    const fn about(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Platform::Railway => ("railway", "Railway", "in Railway: Project → Service → Variables, then redeploy"),
            Platform::Heroku => ("heroku", "Heroku", "in Heroku: Dashboard → App → Settings → Config Vars (or `heroku config:set {VAR}=…`); the app restarts"),
            Platform::Render => ("render", "Render", "in Render: Dashboard → Service → Environment, then save and deploy"),
            Platform::Fly => ("fly", "Fly.io", "on Fly.io: `fly secrets set {VAR}=…` (or [env] in fly.toml, then `fly deploy`)"),
            Platform::Vercel => ("vercel", "Vercel", "in Vercel: Project → Settings → Environment Variables, then redeploy"),
            Platform::Netlify => ("netlify", "Netlify", "in Netlify: Site configuration → Environment variables, then redeploy"),
            Platform::CloudRun => ("cloud_run", "Google Cloud Run", "on Cloud Run: `gcloud run services update SERVICE --update-env-vars {VAR}=…` (or Edit & deploy new revision → Variables & Secrets)"),
            Platform::AppEngine => ("app_engine", "Google App Engine", "in app.yaml under env_variables, then `gcloud app deploy`"),
            Platform::AwsLambda => ("aws_lambda", "AWS Lambda", "in AWS Lambda: Function → Configuration → Environment variables"),
            Platform::AwsEcs => ("aws_ecs", "Amazon ECS", "in the ECS task definition (environment or secrets), then deploy a new revision"),
            Platform::AzureAppService => ("azure_app_service", "Azure App Service", "in Azure: App Service → Settings → Environment variables (App settings), then restart"),
            Platform::Kubernetes => ("kubernetes", "Kubernetes", "in the Deployment's env (or its ConfigMap/Secret), then `kubectl rollout restart`"),
        }
    }

    /// The stable, lowercase snake_case id (`railway`, `cloud_run`, ...).
    ///
    /// ```
    /// assert_eq!(prodguard::Platform::CloudRun.id(), "cloud_run");
    /// ```
    pub const fn id(self) -> &'static str {
        self.about().0
    }

    /// The platform's name as its users know it.
    ///
    /// ```
    /// assert_eq!(prodguard::Platform::Fly.name(), "Fly.io");
    /// ```
    pub const fn name(self) -> &'static str {
        self.about().1
    }

    /// Where to change a variable on this platform, as a sentence fragment
    /// that follows "set it".
    ///
    /// ```
    /// let place = prodguard::Platform::Heroku.where_to_set("DEBUG");
    /// assert!(place.contains("heroku config:set DEBUG=…"));
    /// ```
    pub fn where_to_set(self, variable: &str) -> String {
        self.about().2.replace("{VAR}", variable)
    }
}

impl Platform {
    /// Whether the variables this platform injects are set (`set` tells).
    fn detected(self, set: impl Fn(PlatformVariable) -> bool) -> bool {
        use PlatformVariable as V;
        match self {
            Platform::Railway => {
                set(V::RailwayProjectId)
                    || set(V::RailwayServiceId)
                    || set(V::RailwayEnvironmentName)
                    || set(V::RailwayEnvironment)
            }
            Platform::Heroku => set(V::Dyno),
            Platform::Render => set(V::Render),
            Platform::Fly => set(V::FlyAppName),
            Platform::Vercel => set(V::Vercel) || set(V::VercelEnv),
            // CONTEXT names Netlify's deploy context, but is too generic a
            // name to detect Netlify on its own.
            Platform::Netlify => set(V::Netlify),
            Platform::CloudRun => {
                (set(V::KService) && set(V::KConfiguration)) || set(V::CloudRunJob)
            }
            Platform::AppEngine => set(V::GaeService),
            Platform::AwsLambda => set(V::AwsLambdaFunctionName),
            Platform::AwsEcs => set(V::EcsContainerMetadataUriV4),
            Platform::AzureAppService => set(V::WebsiteSiteName),
            Platform::Kubernetes => set(V::KubernetesServiceHost),
        }
    }
}

impl fmt::Display for Platform {
    /// Writes the platform's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where to set a variable when no platform is detected.
pub(crate) const GENERIC_PLACE: &str =
    "wherever this deployment's environment variables are set, then restart";

/// A detected platform and the environment it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Detection {
    pub(crate) platform: Platform,
    /// The environment's name as it may be shown: itself when short and
    /// plain, else its length (a platform's variable can be set by hand).
    pub(crate) environment: Option<String>,
    pub(crate) preview: bool,
}

impl Detection {
    /// Detects the platform from the snapshot, in the order of
    /// [`Platform::ALL`]: Railway first.
    pub(crate) fn detect(snapshot: &Snapshot) -> Option<Detection> {
        use PlatformVariable as V;
        let set = |var: V| !snapshot.platform(var).is_unset();
        let text = |var: V| snapshot.platform(var).as_str();
        let platform = Platform::ALL.iter().copied().find(|platform| platform.detected(set))?;
        let (environment, preview) = match platform {
            Platform::Railway => {
                let name = text(V::RailwayEnvironmentName).or_else(|| text(V::RailwayEnvironment));
                let pr = |name: &str| name.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("pr-"));
                (name, name.is_some_and(pr))
            }
            Platform::Render => {
                let preview = snapshot.platform(V::IsPullRequest).flag().is_true();
                (preview.then_some("preview"), preview)
            }
            Platform::Vercel => (text(V::VercelEnv), text(V::VercelEnv) == Some("preview")),
            Platform::Netlify => {
                let context = text(V::Context);
                (context, matches!(context, Some("deploy-preview" | "branch-deploy")))
            }
            _ => (None, false),
        };
        Some(Detection { platform, environment: environment.map(show::word), preview })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;

    fn detect(vars: &[(&str, &str)]) -> Option<Detection> {
        Detection::detect(&Snapshot::from_pairs(&Policy::new(), vars.iter().copied()))
    }

    #[test]
    fn each_platform_is_detected_from_its_documented_variable() {
        let cases: &[(&[(&str, &str)], Platform)] = &[
            (&[("RAILWAY_ENVIRONMENT", "production")], Platform::Railway),
            (&[("RAILWAY_ENVIRONMENT_NAME", "production")], Platform::Railway),
            (&[("RAILWAY_PROJECT_ID", "1b2c")], Platform::Railway),
            (&[("RAILWAY_SERVICE_ID", "3d4e")], Platform::Railway),
            (&[("DYNO", "web.1")], Platform::Heroku),
            (&[("RENDER", "true")], Platform::Render),
            (&[("FLY_APP_NAME", "shop")], Platform::Fly),
            (&[("VERCEL", "1")], Platform::Vercel),
            (&[("VERCEL_ENV", "production")], Platform::Vercel),
            (&[("NETLIFY", "true")], Platform::Netlify),
            (&[("K_SERVICE", "shop"), ("K_CONFIGURATION", "shop")], Platform::CloudRun),
            (&[("CLOUD_RUN_JOB", "migrate")], Platform::CloudRun),
            (&[("GAE_SERVICE", "default")], Platform::AppEngine),
            (&[("AWS_LAMBDA_FUNCTION_NAME", "shop")], Platform::AwsLambda),
            (&[("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/x")], Platform::AwsEcs),
            (&[("WEBSITE_SITE_NAME", "shop")], Platform::AzureAppService),
            (&[("KUBERNETES_SERVICE_HOST", "10.0.0.1")], Platform::Kubernetes),
        ];
        for (vars, platform) in cases {
            let detection = detect(vars).unwrap_or_else(|| panic!("{vars:?} detects nothing"));
            assert_eq!(detection.platform, *platform, "{vars:?}");
        }
    }

    #[test]
    fn generic_or_partial_variables_detect_nothing() {
        let cases: &[&[(&str, &str)]] = &[
            &[],
            &[("CONTEXT", "production")],
            &[("PORT", "8080")],
            &[("K_SERVICE", "shop")],
            &[("RAILWAY_ENVIRONMENT", "  ")],
            &[("RAILWAY_PUBLIC_DOMAIN", "shop.up.railway.app")],
            &[("IS_PULL_REQUEST", "true")],
        ];
        for vars in cases {
            assert_eq!(detect(vars), None, "{vars:?}");
        }
    }

    #[test]
    fn railway_is_looked_for_first() {
        let detection =
            detect(&[("KUBERNETES_SERVICE_HOST", "10.0.0.1"), ("RAILWAY_PROJECT_ID", "p")]);
        assert_eq!(detection.unwrap().platform, Platform::Railway);
    }

    #[test]
    fn environment_names_and_previews() {
        let railway =
            detect(&[("RAILWAY_ENVIRONMENT_NAME", "staging"), ("RAILWAY_ENVIRONMENT", "old")])
                .unwrap();
        assert_eq!(railway.environment.as_deref(), Some("staging"));
        assert!(!railway.preview);
        let pr = detect(&[("RAILWAY_ENVIRONMENT_NAME", "shop-pr-12")]).unwrap();
        assert!(!pr.preview, "only a name starting with pr- is a PR environment");
        let pr = detect(&[("RAILWAY_ENVIRONMENT_NAME", "pr-12")]).unwrap();
        assert!(pr.preview);
        let render = detect(&[("RENDER", "true"), ("IS_PULL_REQUEST", "true")]).unwrap();
        assert!(render.preview);
        assert_eq!(render.environment.as_deref(), Some("preview"));
        let vercel = detect(&[("VERCEL", "1"), ("VERCEL_ENV", "preview")]).unwrap();
        assert!(vercel.preview);
        let netlify = detect(&[("NETLIFY", "true"), ("CONTEXT", "deploy-preview")]).unwrap();
        assert!(netlify.preview);
        assert_eq!(netlify.environment.as_deref(), Some("deploy-preview"));
        // A long or unusual name is shown by its length: it may be anything.
        let odd = detect(&[("RAILWAY_ENVIRONMENT_NAME", "\x1b[2Jprod")]).unwrap();
        assert_eq!(odd.environment.as_deref(), Some("(8 characters, not shown)"));
    }

    #[test]
    fn ids_are_lowercase_snake_case_and_unique() {
        let mut ids: Vec<_> = Platform::ALL.iter().map(|p| p.id()).collect();
        for id in &ids {
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{id}");
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Platform::ALL.len());
    }
}
