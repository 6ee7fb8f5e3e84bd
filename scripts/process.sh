#!/usr/bin/env bash
# Whole-process figures for `guard check` beside a hello-world Rust binary
# (process start and exit is the floor): median wall time over many runs
# (hyperfine) and peak resident memory (GNU time's %M), for the fit and the
# misfit environment of examples/env/.
#
# Needs Rust and two Debian packages, installed here if missing:
# hyperfine and time. Usage: scripts/process.sh [RUNS]   (default 500)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TERM_COLOR=never

missing=()
command -v hyperfine > /dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" > /dev/null
fi

(cd "$repo" && cargo build --quiet --release -p guard-cli)
guard="$repo/target/release/guard"

mkdir -p "$work/hello/src"
cat > "$work/hello/Cargo.toml" <<'TOML'
[package]
name = "hello"
version = "0.0.0"
edition = "2024"

[workspace]
TOML
echo 'fn main() { println!("hello"); }' > "$work/hello/src/main.rs"
(cd "$work/hello" && cargo build --quiet --release)
hello="$work/hello/target/release/hello"

fit="$repo/examples/env/fixed.env"
misfit="$repo/examples/env/incident.env"
"$guard" check --env-file "$fit" > /dev/null
status=0; "$guard" check --env-file "$misfit" > /dev/null 2>&1 || status=$?
[ "$status" = 78 ] || { echo "expected exit 78 on the misfit env, got $status" >&2; exit 1; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
echo "runs: $runs each, after 50 warm-up runs"
echo

# -N: no shell in between; -i: the misfit run exits 78 by design.
hyperfine -N -i --warmup 50 --runs "$runs" --style basic \
    --export-json "$work/times.json" \
    -n hello-world "$hello" \
    -n "guard check (fit)" "$guard check --env-file $fit" \
    -n "guard check (misfit)" "$guard check --env-file $misfit" \
    -n "guard --version" "$guard --version" > "$work/hyperfine.txt" 2>&1

medians=($(grep -o '"median": *[0-9.e+-]*' "$work/times.json" | awk '{ print $2 * 1e6 }'))
printf 'median wall time (µs):\n'
printf '  hello-world            %.0f\n' "${medians[0]}"
printf '  guard check (fit)      %.0f  (%.3f× hello-world)\n' "${medians[1]}" "$(awk -v a="${medians[1]}" -v b="${medians[0]}" 'BEGIN { print a / b }')"
printf '  guard check (misfit)   %.0f  (%.3f× hello-world)\n' "${medians[2]}" "$(awk -v a="${medians[2]}" -v b="${medians[0]}" 'BEGIN { print a / b }')"
printf '  guard --version        %.0f  (%.3f× hello-world: starting the binary, no check)\n' "${medians[3]}" "$(awk -v a="${medians[3]}" -v b="${medians[0]}" 'BEGIN { print a / b }')"

# peak_rss CMD...: median of 50 runs' maximum resident set size, in KiB.
peak_rss() {
    for _ in $(seq 50); do
        /usr/bin/time -f '%M' "$@" 2>&1 > /dev/null | tail -n 1
    done | sort -n | sed -n 25p
}
echo
echo "peak RSS, median of 50 runs (KiB):"
echo "  hello-world            $(peak_rss "$hello")"
echo "  guard check (fit)      $(peak_rss "$guard" check --env-file "$fit")"
echo "  guard check (misfit)   $(peak_rss "$guard" check --env-file "$misfit")"
