#!/usr/bin/env bash
# `prodguard check` beside Django's own `manage.py check --deploy`, the
# check a Django app would otherwise run before it deploys, on the same
# deployment (examples/env/fixed.env): median wall time of each (hyperfine)
# and their ratio.
#
# Builds prodguard with the release profile; makes a venv with Django from
# PyPI and a fresh `django-admin startproject` in a temp dir whose settings
# read the same variables. Needs Rust, python3 with venv, and hyperfine
# (installed here from Debian if missing). Usage: scripts/django.sh [RUNS]
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v hyperfine > /dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine > /dev/null; }
(cd "$repo" && cargo build --quiet --release -p prodguard-cli)
target=${CARGO_TARGET_DIR:-$repo/target}
cp "$target/release/prodguard" "$work/prodguard"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check 'django>=5,<6'
(cd "$work" && "$work/venv/bin/django-admin" startproject shop)
# The settings read the deployment's variables, as the incident's app did.
cat >> "$work/shop/shop/settings.py" <<'PY'
import os
DEBUG = os.environ.get("DEBUG", "false").lower() in ("true", "1", "yes", "on")
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")
PY

# The fixed deployment's variables, for both commands.
env_args=()
while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    env_args+=("$line")
done < "$repo/examples/env/fixed.env"
env_args+=("PATH=/usr/bin:/bin")

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$work/times.json" \
    -n 'prodguard check' "env -i ${env_args[*]} $work/prodguard check --env-file $repo/examples/env/fixed.env" \
    -n 'manage.py check --deploy' "env -i ${env_args[*]} $work/venv/bin/python $work/shop/manage.py check --deploy"
python3 - "$work/times.json" <<'PY'
import json, sys
results = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
ours, django = results["prodguard check"], results["manage.py check --deploy"]
print(f"medians: prodguard check {ours * 1e3:.2f} ms, manage.py check --deploy {django * 1e3:.1f} ms: {django / ours:.0f}x")
PY
