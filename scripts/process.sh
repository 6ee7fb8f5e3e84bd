#!/usr/bin/env bash
# Whole-process figures for `guard check` beside a hello-world Rust binary
# (process start and exit is the floor): median wall time over many runs
# (hyperfine) and peak resident memory (GNU time's %M), for the fit and the
# misfit environment of examples/env/.
#
# Both binaries are built with the workspace's release profile (fat LTO,
# one codegen unit), so the floor is built as guard is. The commands run in
# alternating batches of 50 (hyperfine, then the next batch): a busy spell
# of the machine hits every command alike, and the medians are taken over
# all runs of a command.
#
# Needs Rust and two Debian packages, installed here if missing:
# hyperfine and time. Usage: scripts/process.sh [RUNS]   (default 1000)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1000}
batch=50
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
# The workspace's release profile, as guard is built.
(cd "$work/hello" && CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    cargo build --quiet --release)
hello="$work/hello/target/release/hello"

fit="$repo/examples/env/fixed.env"
misfit="$repo/examples/env/incident.env"
"$guard" check --env-file "$fit" > /dev/null
status=0; "$guard" check --env-file "$misfit" > /dev/null 2>&1 || status=$?
[ "$status" = 78 ] || { echo "expected exit 78 on the misfit env, got $status" >&2; exit 1; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
echo "runs: $runs each, in batches of $batch (3 warm-up runs a batch)"
echo

# One batch: every command $batch times (-N: no shell in between; -i: the
# misfit run exits 78 by design). Each command's times (s) are appended to
# $work/times.N, N counting the commands from 1.
run_batch() {
    hyperfine -N -i --warmup 3 --runs "$batch" --style none --export-json "$work/batch.json" \
        "$hello" \
        "$guard check --env-file $fit" \
        "$guard check --env-file $misfit" \
        "$guard --version" > /dev/null 2>&1
    awk -v dir="$work" '
        /"command":/ { n++ }
        /"times": \[/ { inside = 1; next }
        inside && /\]/ { inside = 0 }
        inside { gsub(/[ ,]/, ""); print >> (dir "/times." n) }
    ' "$work/batch.json"
}
for _ in $(seq $(( (runs + batch - 1) / batch ))); do run_batch; done

# The median of a command's pooled times, in µs.
medians=()
for n in 1 2 3 4; do
    medians+=("$(sort -g "$work/times.$n" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] * 1e6 }')")
done
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
