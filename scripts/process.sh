#!/usr/bin/env bash
# Whole-process figures for `prodguard check` beside a hello-world Rust binary
# (process start and exit is the floor): median wall time over many runs
# (hyperfine) and peak resident memory (GNU time's %M), for the fit and the
# misfit environment of examples/env/.
#
# Both binaries are built with the workspace's release profile (fat LTO,
# one codegen unit), so the floor is built as guard is, and both are copied
# before they are timed. The commands run in alternating batches of 20
# (hyperfine, then the next batch, in a turning order), so a busy spell of
# the machine hits every command alike. Two ratios to hello-world are
# printed: of the medians over all runs of each command, and the median of
# the batches' own ratios (each batch's median over hello-world's in that
# batch), which a drift of the machine between batches does not move.
#
# Needs Rust and two Debian packages, installed here if missing:
# hyperfine and time. Usage: scripts/process.sh [RUNS]   (default 1000)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1000}
batch=20
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TERM_COLOR=never

missing=()
command -v hyperfine > /dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" > /dev/null
fi

(cd "$repo" && cargo build --quiet --release -p prodguard-cli)
# Both binaries are copied before they are timed, as `cargo install` or an
# image build copies guard into place. How the linker wrote a file shapes
# its page cache: the same guard binary took 6 more page faults a run, and
# up to 7 % more time, from target/release than from a copy of it.
cp "$repo/target/release/prodguard" "$work/guard"
guard="$work/guard"

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
cp "$work/hello/target/release/hello" "$work/hello-world"
hello="$work/hello-world"

fit="$repo/examples/env/fixed.env"
misfit="$repo/examples/env/incident.env"
"$guard" check --env-file "$fit" > /dev/null
status=0; "$guard" check --env-file "$misfit" > /dev/null 2>&1 || status=$?
[ "$status" = 78 ] || { echo "expected exit 78 on the misfit env, got $status" >&2; exit 1; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
echo "runs: $runs each, in batches of $batch (3 warm-up runs a batch)"
echo

# The commands, in the order of the figures (hello-world first).
commands=("$hello" "$guard check --env-file $fit" "$guard check --env-file $misfit" "$guard --version")

# One batch: every command $batch times (-N: no shell in between; -i: the
# misfit run exits 78 by design), the order turned by one each batch: the
# first command of a hyperfine run measured 5-7 % slower here than the
# same binary later in the run. Each command's times (s) are appended to
# $work/times.N and its median in the batch to $work/batch.N, N counting
# the commands from 1 in the order above.
run_batch() {
    local turn=$1 order=() k
    for k in 0 1 2 3; do order+=("${commands[(k + turn) % 4]}"); done
    hyperfine -N -i --warmup 3 --runs "$batch" --style none --export-json "$work/batch.json" \
        "${order[@]}" > /dev/null 2>&1
    awk -v dir="$work" -v turn="$turn" '
        /"command":/ { n = (position++ + turn) % 4 + 1 }
        /"median":/ { sub(/.*: */, ""); sub(/,$/, ""); print >> (dir "/batch." n) }
        /"times": \[/ { inside = 1; next }
        inside && /\]/ { inside = 0 }
        inside { gsub(/[ ,]/, ""); print >> (dir "/times." n) }
    ' "$work/batch.json"
}
for turn in $(seq 0 $(( (runs + batch - 1) / batch - 1 ))); do run_batch $(( turn % 4 )); done

# median < numbers: the middle one, or the mean of the two middle ones.
median() {
    sort -g | awk '{ v[NR] = $1 } END { print (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2 }'
}
# paired N: the median over batches of command N's batch median divided by
# hello-world's in the same batch. A drift of the machine between batches
# (this VM's can reach 40 % over minutes) cancels in each batch's ratio.
paired() {
    paste "$work/batch.$1" "$work/batch.1" | awk '{ print $1 / $2 }' | median
}
names=("hello-world             " "prodguard check (fit)   " "prodguard check (misfit)" "prodguard --version     ")
printf 'median wall time (µs), and the ratio to hello-world: of the pooled medians,
'
printf 'and the median of the %d batches'"'"' ratios
' "$(wc -l < "$work/batch.1")"
hello_median=$(median < "$work/times.1")
for n in 1 2 3 4; do
    m=$(median < "$work/times.$n")
    printf '  %s  %5.0f' "${names[n - 1]}" "$(awk -v m="$m" 'BEGIN { print m * 1e6 }')"
    [ "$n" = 1 ] || printf '  pooled %.3f×  paired %.3f×' \
        "$(awk -v a="$m" -v b="$hello_median" 'BEGIN { print a / b }')" "$(paired "$n")"
    printf '\n'
done
echo "  (prodguard --version starts the binary and parses its arguments; it checks nothing)"

# peak_rss CMD...: median of 50 runs' maximum resident set size, in KiB.
peak_rss() {
    for _ in $(seq 50); do
        /usr/bin/time -f '%M' "$@" 2>&1 > /dev/null | tail -n 1
    done | sort -n | sed -n 25p
}
echo
echo "peak RSS, median of 50 runs (KiB):"
echo "  hello-world            $(peak_rss "$hello")"
echo "  prodguard check (fit)      $(peak_rss "$guard" check --env-file "$fit")"
echo "  prodguard check (misfit)   $(peak_rss "$guard" check --env-file "$misfit")"
