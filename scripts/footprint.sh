#!/usr/bin/env bash
# What guard costs a user's build, measured on throwaway apps in a temp dir:
#
#   1. clean debug build times (median of ROUNDS, the apps built in turn in
#      each round so that a busy spell hits all of them): a hello-world;
#      the same calling prodguard::validate(); and `core_deps`, the same with
#      prodguard's own dependencies (url, thiserror) instead of prodguard.
#      guard's own code costs a clean build `guarded - core_deps` (the median of
#      the per-round differences); prodguard and prodguard-macros rebuilt over
#      their already-built dependencies is shown beside it (one after the
#      other, as an update of guard would rebuild them). Every clean build
#      runs with cargo's --timings, which splits the difference in two: how
#      much later url (prodguard's last dependency) ends, which is
#      prodguard-macros and prodguard taking cores from the other crates, plus
#      the machine's noise; and how much longer the build runs on after url,
#      which is prodguard on the critical path. `no_macros` is `guarded`
#      with prodguard's default features off: validate() without the
#      macro crate;
#   2. bytes added to a stripped release binary, by prodguard and by its
#      dependencies alone (core_deps);
#   3. how many major versions of syn a tokio app using #[production_safe]
#      compiles (cargo tree);
#   4. the idna_adapter trade: pinning `idna_adapter = "=1.0.0"` in the app
#      (ASCII-only hosts, no ICU) — build time and size it saves.
#
# Needs only Rust (cargo), coreutils and awk.
# Usage: scripts/footprint.sh [ROUNDS]   (default 5)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TERM_COLOR=never CARGO_INCREMENTAL=0

# app NAME DEPENDENCIES MAIN: a binary crate in $work/NAME.
app() {
    mkdir -p "$work/$1/src"
    cat > "$work/$1/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$2

[profile.release]
strip = true

[workspace]
TOML
    printf '%s\n' "$3" > "$work/$1/src/main.rs"
    (cd "$work/$1" && cargo fetch --quiet)
}

# seconds CMD...: wall time of a command, in seconds with 2 decimals.
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }

# median N...: the middle value, or the mean of the two middle ones.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# clean_builds NAME...: ROUNDS rounds of one clean debug build of each app
# in turn; the times go to $work/NAME.times, one line a round, and what
# cargo's --timings says of the build to $work/NAME.timeline (timeline).
clean_builds() {
    for _ in $(seq "$rounds"); do
        for name in "$@"; do
            rm -rf "$work/$name/target"
            (cd "$work/$name" && seconds cargo build --timings) >> "$work/$name.times"
            echo >> "$work/$name.times"
            timeline "$work/$name/target/cargo-timings/cargo-timing.html" >> "$work/$name.timeline"
        done
    done
}

# timeline HTML: from a --timings report, in seconds from the build's
# start: when url ends, when the last unit ends, how long prodguard and
# prodguard-macros take (0 where the build has no such unit).
timeline() {
    awk '
        /^    "name": / { name = $2; gsub(/[",]/, "", name) }
        /^    "start": / { start = $2 + 0 }
        /^    "duration": / {
            took[name] = $2 + 0; end[name] = start + $2
            if (start + $2 > last) last = start + $2
        }
        END { printf "%.2f %.2f %.2f %.2f\n", end["url"], last, took["prodguard"], took["prodguard-macros"] }
    ' "$1"
}

# field NAME N: field N of every line of $work/NAME.timeline.
field() { awk -v n="$2" '{ print $n }' "$work/$1.timeline"; }

# url_later APP, tail_longer APP: the median over the rounds of APP -
# core_deps: when url ends, and how long the build runs on after it.
url_later() { median $(paste <(field "$1" 1) <(field core_deps 1) | awk '{ printf "%.2f\n", $1 - $2 }'); }
tail_longer() {
    median $(paste <(field "$1" 1) <(field "$1" 2) <(field core_deps 1) <(field core_deps 2) |
        awk '{ printf "%.2f\n", ($2 - $1) - ($4 - $3) }')
}

# median_of NAME: the median of an app's clean build times.
median_of() { median $(cat "$work/$1.times"); }

# paired_difference A B: the median of the per-round differences A - B.
paired_difference() {
    median $(paste "$work/$1.times" "$work/$2.times" | awk '{ printf "%.2f\n", $1 - $2 }')
}

# own_code NAME PACKAGE...: median of 3 rebuilds of the packages alone,
# over dependencies already built.
own_code() {
    local app=$1 times=() specs=()
    shift
    for package in "$@"; do specs+=(-p "$package"); done
    (cd "$work/$app" && cargo build --quiet)
    for _ in 1 2 3; do
        times+=("$(cd "$work/$app" && cargo clean --quiet "${specs[@]}" && seconds cargo build)")
    done
    median "${times[@]}"
}

release_size() {
    (cd "$work/$1" && cargo build --quiet --release)
    stat -c %s "$work/$1/target/release/$1"
}

guard="prodguard = { path = \"$repo/guard-core\" }"
main_validate='fn main() {
    match prodguard::validate() {
        Ok(report) => println!("{report}"),
        Err(err) => println!("{err}"),
    }
}'

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(rustc --version)"
echo

app hello "" 'fn main() { println!("hello"); }'
app guarded "$guard" "$main_validate"
# prodguard's dependencies, as prodguard declares them, used for real.
app core_deps 'thiserror = "2.0.12"
url = "2.5.4"' '#[derive(Debug, thiserror::Error)]
#[error("not a URL")]
struct NotAUrl;

fn main() {
    match url::Url::parse("postgresql://db.internal:5432/app") {
        Ok(url) => println!("{}", url.host_str().unwrap_or_default()),
        Err(_) => println!("{NotAUrl}"),
    }
}'
app ascii_only "$guard
idna_adapter = \"=1.0.0\"" "$main_validate"

# validate() alone, without the macro crate (default features off).
app no_macros "prodguard = { path = \"$repo/guard-core\", default-features = false }" "$main_validate"

clean_builds hello core_deps guarded no_macros ascii_only
hello_time=$(median_of hello)
deps_time=$(median_of core_deps)
guarded_time=$(median_of guarded)
ascii_time=$(median_of ascii_only)
added_time=$(paired_difference guarded core_deps)
no_macros_time=$(paired_difference no_macros core_deps)
core_took=$(median $(field guarded 3))
macros_took=$(median $(field guarded 4))
own_time=$(own_code guarded prodguard prodguard-macros)
core_time=$(own_code guarded prodguard)
hello_size=$(release_size hello)
deps_size=$(release_size core_deps)
guarded_size=$(release_size guarded)
ascii_size=$(release_size ascii_only)

echo "clean debug build, median of $rounds rounds (s):"
echo "  hello-world                    $hello_time"
echo "  with prodguard's dependencies $deps_time"
echo "  with prodguard                $guarded_time (+$(sub "$guarded_time" "$hello_time") over hello-world)"
echo "  with prodguard, idna ASCII    $ascii_time (saves $(sub "$guarded_time" "$ascii_time"))"
echo "  guard's own code in a clean build (with prodguard - with its dependencies, median of the rounds' differences): $added_time"
echo "  per round (s): with prodguard $(paste -sd' ' "$work/guarded.times"); with its dependencies $(paste -sd' ' "$work/core_deps.times")"
echo "  from cargo --timings, median of the rounds' differences: url, prodguard's last dependency, ends $(url_later guarded) s later" \
    "(prodguard-macros and prodguard taking cores, and noise); the build runs on after url $(tail_longer guarded) s longer (prodguard on the critical path)"
echo "  without the macro crate (default-features = false): +$no_macros_time (url ends $(url_later no_macros) s later," \
    "the build runs on $(tail_longer no_macros) s longer)"
echo "  prodguard takes $core_took s, prodguard-macros $macros_took s in these builds (median)"
echo "  prodguard + prodguard-macros rebuilt one after the other over built deps (median of 3): $own_time"
echo "  prodguard alone rebuilt over built deps (median of 3): $core_time"
echo
echo "stripped release binary (bytes):"
echo "  hello-world                    $hello_size"
echo "  with prodguard's dependencies $deps_size (+$(( deps_size - hello_size )) = +$(( (deps_size - hello_size) / 1024 )) KiB)"
echo "  with prodguard                $guarded_size (+$(( guarded_size - hello_size )) = +$(( (guarded_size - hello_size) / 1024 )) KiB;" \
    "guard's own code +$(( (guarded_size - deps_size) / 1024 )) KiB)"
echo "  with prodguard, idna ASCII    $ascii_size (+$(( ascii_size - hello_size )) = +$(( (ascii_size - hello_size) / 1024 )) KiB)"
echo
echo "crates compiled with prodguard: $(cd "$work/guarded" && cargo tree --prefix none -e normal,build | sed 's/ (\*)//' | sort -u | wc -l)" \
    "(idna ASCII: $(cd "$work/ascii_only" && cargo tree --prefix none -e normal,build | sed 's/ (\*)//' | sort -u | wc -l))"

app tokio_app "$guard
tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }" '#[prodguard::production_safe]
#[tokio::main]
async fn main() {
    println!("serving");
}'
syn_versions=$(cd "$work/tokio_app" && cargo tree --prefix none -e normal,build | grep -o '^syn v[0-9.]*' | sort -u)
echo
echo "syn in a tokio app with #[production_safe]: $(echo "$syn_versions" | cut -d. -f1 | sort -u | wc -l) major version(s):" $syn_versions
duplicates=$(cd "$work/tokio_app" && cargo tree -d -e normal,build 2> /dev/null)
echo "cargo tree -d (crates compiled in two versions): ${duplicates:-none}"
(cd "$work/tokio_app" && cargo build --quiet) && echo "the tokio app builds"
