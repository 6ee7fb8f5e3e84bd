#!/usr/bin/env bash
# What `prodguard check --probe` costs, against a PostgreSQL server this script
# starts on a free loopback port (and stops, by pid, on exit):
#
#   1. `prodguard check` beside `prodguard check --probe` and `pg_isready`, in one
#      hyperfine run (alternating, RUNS each): the probe's added time, and
#      the whole `check --probe` process over `pg_isready`;
#   2. a listener that accepts and never answers: `check --probe
#      --probe-timeout 500` end to end, and the probe's own elapsed_ms;
#   3. with BASE (a git revision), the stripped size of a release app that
#      calls prodguard::validate() with prodguard's default features, at
#      BASE and in this tree: the feature off must add nothing; and whether
#      that app, unstripped, holds any of the probe's symbols (none must).
#
# Needs root (the server runs as the postgres user), Debian's postgresql
# (.ci/servers.sh), hyperfine and python3. Nothing leaves loopback.
# Usage: scripts/probe.sh [RUNS] [BASE]   (default 300, no size comparison)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-300}
base=${2:-}
target=${CARGO_TARGET_DIR:-$repo/target}
work=$(mktemp -d)
chmod 755 "$work"
pg_pid=""
silent_pid=""
cleanup() {
    if [ -n "$pg_pid" ]; then kill -INT "$pg_pid" 2>/dev/null || true; fi
    if [ -n "$silent_pid" ]; then kill "$silent_pid" 2>/dev/null || true; fi
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export CARGO_TERM_COLOR=never

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

(cd "$repo" && cargo build --quiet --release -p prodguard-cli)
cp "$target/release/prodguard" "$work/guard"

mkdir "$work/pg" && chown postgres: "$work/pg"
runuser -u postgres -- "$bin/initdb" -D "$work/pg/data" -U postgres -A trust --no-sync >/dev/null
runuser -u postgres -- "$bin/postgres" -D "$work/pg/data" -p "$port" \
    -c listen_addresses=127.0.0.1 -c "unix_socket_directories=$work/pg" \
    >"$work/pg/log" 2>&1 &
# runuser waits for postgres: its child is the server.
sleep 0.2
pg_pid=$(pgrep -P $! || echo $!)
until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; do sleep 0.1; done

env_args=(DEBUG=false "SECRET_KEY=3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52"
    "DATABASE_URL=postgresql://postgres:pw@127.0.0.1:$port/postgres")
echo "== 1. check, check --probe, pg_isready (PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port)"
env -i "${env_args[@]}" "$work/guard" check --probe
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/live.json" \
    -n check "env -i ${env_args[*]} $work/guard check" \
    -n 'check --probe' "env -i ${env_args[*]} $work/guard check --probe" \
    -n pg_isready "env -i $bin/pg_isready -h 127.0.0.1 -p $port"
python3 - "$work/live.json" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
m = {k: v["median"] * 1000 for k, v in r.items()}
print(f"medians: check {m['check']:.2f} ms, check --probe {m['check --probe']:.2f} ms, pg_isready {m['pg_isready']:.2f} ms")
print(f"the probe adds {m['check --probe'] - m['check']:.2f} ms (goal <= 5 ms)")
print(f"check --probe / pg_isready = {m['check --probe'] / m['pg_isready']:.2f}x (goal <= 2x)")
EOF

echo "== 2. a silent listener, --probe-timeout 500"
silent_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$silent_port" <<'EOF' &
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(64)
held = []
while True:
    held.append(s.accept()[0])
EOF
silent_pid=$!
sleep 0.3
silent_env=(DEBUG=false "DATABASE_URL=postgresql://postgres:pw@127.0.0.1:$silent_port/postgres")
for _ in 1 2 3 4 5; do
    # Exit status 78 (misconfigured) is the expected verdict.
    { env -i "${silent_env[@]}" "$work/guard" check --probe --probe-timeout 500 --format json || true; } |
        python3 -c 'import json, sys; print("probe elapsed_ms %.1f" % json.load(sys.stdin)["probe"]["elapsed_ms"])'
done
hyperfine -N --runs 10 -i -n 'silent host, --probe-timeout 500' \
    "env -i ${silent_env[*]} $work/guard check --probe --probe-timeout 500"

if [ -n "$base" ]; then
    echo "== 3. stripped size of an app on prodguard's default features: $base and this tree"
    mkdir "$work/base"
    git -C "$repo" archive "$base" | tar -x -C "$work/base"
    for tree in base now; do
        src=$work/base
        [ "$tree" = now ] && src=$repo
        mkdir -p "$work/app-$tree/src"
        # Before the rename (08f002b) the package was guard-core.
        package=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$src/guard-core/Cargo.toml" | head -n 1)
        cat >"$work/app-$tree/Cargo.toml" <<TOML
[package]
name = "app"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
prodguard = { package = "$package", path = "$src/guard-core" }

[workspace]
TOML
        echo 'fn main() { if let Err(err) = prodguard::validate() { eprintln!("{err}"); std::process::exit(78) } }' \
            >"$work/app-$tree/src/main.rs"
        (cd "$work/app-$tree" && CARGO_TARGET_DIR="$work/app-$tree/target" cargo build --quiet --release)
        binary=$work/app-$tree/target/release/app
        probe_symbols=$(nm -C "$binary" | grep -c 'prodguard::probe::' || true)
        strip -o "$binary.stripped" "$binary"
        echo "$tree: $(stat -c %s "$binary.stripped") bytes stripped; probe symbols: $probe_symbols"
    done
fi
