//! The environment both benchmarks use, and the floor they compare guard
//! with: one definition, so the two measure the same thing.

use std::ffi::OsStr;
use std::hint::black_box;

use url::Url;

/// What a Railway container's environment holds besides the app's own
/// variables: Railway's, the image's and Nixpacks'.
pub const CONTAINER: &[(&str, &str)] = &[
    ("PATH", "/app/.venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
    ("HOSTNAME", "7d1c2b3a4f5e"),
    ("HOME", "/root"),
    ("LANG", "C.UTF-8"),
    ("LC_ALL", "C.UTF-8"),
    ("TERM", "xterm"),
    ("PORT", "8080"),
    ("PWD", "/app"),
    ("SHLVL", "1"),
    ("TZ", "UTC"),
    ("PYTHONUNBUFFERED", "1"),
    ("PYTHONDONTWRITEBYTECODE", "1"),
    ("PIP_NO_CACHE_DIR", "1"),
    ("NIXPACKS_METADATA", "python,postgres"),
    ("NIXPACKS_PYTHON_VERSION", "3.12"),
    ("NIXPACKS_PATH", "/opt/venv/bin:"),
    ("NIX_PROFILES", "/nix/var/nix/profiles/default /root/.nix-profile"),
    ("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"),
    ("RAILWAY_ENVIRONMENT", "production"),
    ("RAILWAY_ENVIRONMENT_NAME", "production"),
    ("RAILWAY_ENVIRONMENT_ID", "2a9e6b1c-0d4f-4b8a-9c3e-7f6d5e4c3b2a"),
    ("RAILWAY_PROJECT_ID", "4f0c2e1a-6b7d-4c3e-9a8f-1d2e3f4a5b6c"),
    ("RAILWAY_PROJECT_NAME", "shop"),
    ("RAILWAY_SERVICE_ID", "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"),
    ("RAILWAY_SERVICE_NAME", "shop"),
    ("RAILWAY_PUBLIC_DOMAIN", "shop-production.up.railway.app"),
    ("RAILWAY_PRIVATE_DOMAIN", "shop.railway.internal"),
    ("RAILWAY_STATIC_URL", "shop-production.up.railway.app"),
    ("RAILWAY_SERVICE_SHOP_URL", "shop-production.up.railway.app"),
    ("RAILWAY_SERVICE_POSTGRES_URL", "postgres-production-1a2b.up.railway.app"),
    ("RAILWAY_DEPLOYMENT_ID", "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"),
    ("RAILWAY_DEPLOYMENT_DRAINING_SECONDS", "0"),
    ("RAILWAY_REPLICA_ID", "0e1d2c3b-4a59-4687-9a0b-c1d2e3f4a5b6"),
    ("RAILWAY_REPLICA_REGION", "us-west2"),
    ("RAILWAY_SNAPSHOT_ID", "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"),
    ("RAILWAY_GIT_COMMIT_SHA", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4"),
    ("RAILWAY_GIT_AUTHOR", "shop-dev"),
    ("RAILWAY_GIT_BRANCH", "main"),
    ("RAILWAY_GIT_REPO_NAME", "shop"),
    ("RAILWAY_GIT_REPO_OWNER", "shop-team"),
    ("RAILWAY_GIT_COMMIT_MESSAGE", "Move sessions to signed cookies"),
    ("RAILWAY_TCP_PROXY_DOMAIN", "monorail.proxy.rlwy.net"),
    ("RAILWAY_TCP_PROXY_PORT", "41234"),
    ("RAILWAY_TCP_APPLICATION_PORT", "5432"),
    ("PGHOST", "postgres.railway.internal"),
    ("PGPORT", "5432"),
    ("PGUSER", "postgres"),
    ("PGPASSWORD", "Zq7vN2pK9xR4tW8m"),
    ("PGDATABASE", "railway"),
    (
        "DATABASE_PUBLIC_URL",
        "postgresql://postgres:Zq7vN2pK9xR4tW8m@monorail.proxy.rlwy.net:41234/railway",
    ),
    ("REDIS_URL", "redis://default:Xc8bV1nM4kL7@redis.railway.internal:6379"),
    ("SENTRY_DSN", "https://0a1b2c3d4e5f@o123456.ingest.sentry.io/7654321"),
    ("STRIPE_PUBLISHABLE_KEY", "pk_live_51HxYz"),
    ("EMAIL_HOST", "smtp.sendgrid.net"),
    ("WEB_CONCURRENCY", "4"),
];

/// The app's own variables, fit for production (examples/env/fixed.env).
pub const FIT: &[(&str, &str)] = &[
    ("DEBUG", "False"),
    (
        "DATABASE_URL",
        "postgresql://postgres:Zq7vN2pK9xR4tW8m@postgres.railway.internal:5432/railway",
    ),
    ("SECRET_KEY", "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52"),
    ("ALLOWED_HOSTS", "shop-production.up.railway.app,.example.com"),
    ("SITE_URL", "https://shop-production.up.railway.app"),
];

/// The incident's variables (examples/env/incident.env): five errors and a
/// warning.
#[allow(dead_code, reason = "benches/ratio.rs compares the fit environment only")]
pub const MISFIT: &[(&str, &str)] = &[
    ("DEBUG", "True"),
    ("LOCAL_TEST", "True"),
    ("DATABASE_URL", "sqlite:///app/db.sqlite3"),
    ("SECRET_KEY", "django-insecure-changeme"),
    ("ALLOWED_HOSTS", "*"),
];

pub fn environment(app: &[(&str, &str)]) -> Vec<(String, String)> {
    CONTAINER.iter().chain(app).map(|&(k, v)| (k.to_owned(), v.to_owned())).collect()
}

/// The pairs as `validate_env` takes them, borrowed.
pub fn pairs(env: &[(String, String)]) -> impl Iterator<Item = (&String, &String)> {
    env.iter().map(|(k, v)| (k, v))
}

/// The floor: pick the variables the checks read (the app's six and the
/// platforms' 22) out of the pairs, taking the same `AsRef<OsStr>` input
/// as `validate_env`, and parse `DATABASE_URL` once.
pub fn floor<K: AsRef<OsStr>, V: AsRef<OsStr>>(env: &[(K, V)]) -> Option<Url> {
    let mut picked: [Option<&str>; 28] = [None; 28];
    for (key, value) in env {
        let Some(key) = key.as_ref().to_str() else {
            continue;
        };
        let slot = match key {
            "DEBUG" => 0,
            "LOCAL_TEST" => 1,
            "DATABASE_URL" => 2,
            "SECRET_KEY" => 3,
            "ALLOWED_HOSTS" => 4,
            "SITE_URL" => 5,
            "RAILWAY_ENVIRONMENT" => 6,
            "RAILWAY_ENVIRONMENT_NAME" => 7,
            "RAILWAY_PROJECT_ID" => 8,
            "RAILWAY_SERVICE_ID" => 9,
            "RAILWAY_PUBLIC_DOMAIN" => 10,
            "RAILWAY_VOLUME_MOUNT_PATH" => 11,
            "DYNO" => 12,
            "RENDER" => 13,
            "IS_PULL_REQUEST" => 14,
            "FLY_APP_NAME" => 15,
            "VERCEL" => 16,
            "VERCEL_ENV" => 17,
            "NETLIFY" => 18,
            "CONTEXT" => 19,
            "K_SERVICE" => 20,
            "K_CONFIGURATION" => 21,
            "CLOUD_RUN_JOB" => 22,
            "GAE_SERVICE" => 23,
            "AWS_LAMBDA_FUNCTION_NAME" => 24,
            "ECS_CONTAINER_METADATA_URI_V4" => 25,
            "WEBSITE_SITE_NAME" => 26,
            "KUBERNETES_SERVICE_HOST" => 27,
            _ => continue,
        };
        picked[slot] = value.as_ref().to_str();
    }
    black_box(&picked);
    Url::parse(picked[2]?.trim()).ok()
}
