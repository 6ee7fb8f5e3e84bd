#!/usr/bin/env bash
# CI: the Python wheel as a Django app gets it. Build it with maturin (dev
# profile: the release build's fat LTO is too slow for CI on 2 cores, and
# the profile changes nothing the wheel test looks at), install it into a
# fresh venv, and replay the sample deployments through the `prodguard` that
# venv puts on PATH: the incident must exit 78, the fixed one 0.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== wheel"
start=$SECONDS

# Debian's python3 lacks venv and ensurepip until python3-venv is installed.
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "error: the wheel test needs python3 with venv (Debian: python3-venv)" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1

python3 -m venv "$tmp/build"
"$tmp/build/bin/pip" install --quiet 'maturin>=1.5,<2'
# maturin builds in the workspace's target dir (or CARGO_TARGET_DIR), where
# `cargo test` has just built the dependencies with the same profile.
"$tmp/build/bin/maturin" build --quiet --profile dev \
    --manifest-path guard-cli/Cargo.toml --out "$tmp/wheels"
wheel="$(ls "$tmp"/wheels/prodguard-*.whl)"
echo "built $(basename "$wheel")"

# A fresh venv that knows nothing of the build.
python3 -m venv "$tmp/app"
"$tmp/app/bin/pip" install --quiet "$wheel"
path="$tmp/app/bin:/usr/bin:/bin"
found="$(env -i PATH="$path" sh -c 'command -v prodguard')"
if [ "$found" != "$tmp/app/bin/prodguard" ]; then
    echo "error: the wheel did not put prodguard on the venv's PATH (found: ${found:-nothing})" >&2
    exit 1
fi

# Runs `prodguard check` on a sample env file, with nothing of CI's environment.
expect() {
    local env_file="$1" want="$2" got=0
    env -i PATH="$path" prodguard check --env-file "examples/env/$env_file" >"$tmp/out" 2>&1 || got=$?
    if [ "$got" -ne "$want" ]; then
        echo "error: the wheel's prodguard exited $got on $env_file, expected $want:" >&2
        cat "$tmp/out" >&2
        exit 1
    fi
    echo "$env_file: exit $got, as expected"
}
expect incident.env 78
expect fixed.env 0

echo "wheel: built, installed and run in $((SECONDS - start)) s"
