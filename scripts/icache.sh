#!/usr/bin/env bash
# How much code one call runs, for validate_env on the fit environment and
# for its floor (benches/common): the instruction-cache footprint that
# decides how close the two are in time on a fast host (BENCHMARKS.md,
# "Where the time goes").
#
# The ratio bench's binary, built as `cargo bench` builds it, makes CALLS
# calls of one side (`--calls N floor|fit`) under valgrind's callgrind,
# which records every instruction address executed. Printed per side:
#
#   - instructions a call;
#   - hot lines: the 64-byte code lines executed on every call, i.e. the
#     code a call needs in the instruction cache (a line run fewer than
#     CALLS times is start-up or a path not taken every call);
#   - of a 32 KiB, 8-way, 64-set instruction cache (x86's usual L1i, Zen 5's
#     and recent Intel's), the sets asked to hold more than 8 hot lines, and
#     how many lines over 8 they hold: each of those misses on every call.
#     Which set a line falls in is where the linker put it, so this one moves
#     with each build; the count of hot lines does not, much.
#
# Counts, not times: the same on a busy machine. Needs Rust, valgrind and
# python3 (Debian's packages; installed here if missing).
# Usage: scripts/icache.sh [CALLS]   (default 1000)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
calls=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

missing=()
command -v valgrind > /dev/null || missing+=(valgrind)
command -v python3 > /dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" > /dev/null
fi

bench=$(cd "$repo" && cargo bench --quiet -p guard-core --bench ratio --no-run --message-format=json 2> /dev/null |
    grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
[ -x "$bench" ] || { echo "no ratio bench executable" >&2; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "calls: $calls a side, $(basename "$bench")"
echo
# A run of no calls: the instructions of start and exit, taken off.
valgrind --tool=callgrind --callgrind-out-file="$work/none.out" "$bench" --calls 0 fit 2> /dev/null
base=$(grep -m1 '^summary:' "$work/none.out" | awk '{ print $2 }')
for side in floor fit; do
    valgrind --tool=callgrind --dump-instr=yes --compress-pos=no --compress-strings=no \
        --callgrind-out-file="$work/$side.out" "$bench" --calls "$calls" "$side" 2> /dev/null
    python3 - "$work/$side.out" "$calls" "$side" "$base" <<'PY'
import collections, sys

path, calls, side, base = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
executed = collections.Counter()  # (object, address) -> times executed
total = 0
obj, after_call = None, False
with open(path) as out:
    for line in out:
        if line.startswith("ob="):
            obj = line[3:].strip()
        elif line.startswith("calls="):
            after_call = True  # the next cost line is the callee's, inclusive
        elif line.startswith("0x"):
            if after_call:
                after_call = False
                continue
            fields = line.split()
            count = int(fields[2]) if len(fields) > 2 else 0
            executed[(obj, int(fields[0], 16))] += count
        elif line.startswith("summary:"):
            total = int(line.split()[1])
hot = {(obj, address >> 6) for (obj, address), count in executed.items() if count >= calls}
per_set = collections.Counter(line & 63 for _, line in hot)
over = {s: n for s, n in per_set.items() if n > 8}
print(f"{side:5}  instructions a call {(total - base) // calls:>7,}   hot lines {len(hot):>4} "
      f"({len(hot) * 64 // 1024} KiB)   sets over 8 ways {len(over):>2}, "
      f"lines over {sum(n - 8 for n in over.values()):>3}")
PY
done
