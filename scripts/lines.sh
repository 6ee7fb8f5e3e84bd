#!/usr/bin/env bash
# prodguard's lines outside the database reader, the framework profiles
# and the .env reader, as the simplicity issue counts them: lines of
# guard-core/src/**/*.rs that are neither blank nor start with `//`, without
# files named tests.rs and without a trailing `#[cfg(test)] mod tests` block.
#
# A second total leaves out the opt-in probe (cargo feature `probe`, off by
# default): its two files, and every item under `#[cfg(feature = "probe")]`
# elsewhere; what is left is the code every build compiles.
set -euo pipefail
cd "$(dirname "$0")/../guard-core/src"
total=0
default=0
while IFS= read -r file; do
  read -r n gated < <(awk '
    /^#\[cfg\(test\)\]$/ { pending = 1; next }
    pending && /^mod tests/ { exit }
    { pending = 0 }
    /^[[:space:]]*$/ { next }
    /^[[:space:]]*\/\// { next }
    { n++ }
    # An item under the probe feature: its attributes, then lines until
    # its brackets close on a line that ends it.
    # A fn, impl or trait ends at its closing brace; a field, an arm or a
    # statement at its `,` or `;`.
    /^[[:space:]]*#\[cfg\(feature = "probe"\)\][[:space:]]*$/ {
      skipping = 1; depth = 0; first = 1; gated++; next
    }
    skipping {
      gated++
      line = $0
      depth += gsub(/[{([]/, "", line)
      line = $0
      depth -= gsub(/[})\]]/, "", line)
      if ($0 ~ /^[[:space:]]*#\[/) next
      if (first) block = $0 ~ /^[[:space:]]*(pub(\(crate\))? )?(fn|impl|trait)[ <]/
      first = 0
      if (depth <= 0 && $0 ~ (block ? "}[[:space:]]*$" : "[;},][[:space:]]*$")) skipping = 0
    }
    END { print n + 0, gated + 0 }' "$file")
  case "$file" in ./probe.rs | ./checks/probed.rs) gated=$n ;; esac
  printf '%5d %s\n' "$n" "$file"
  total=$((total + n))
  default=$((default + n - gated))
done < <(find . -name '*.rs' ! -name tests.rs ! -path './database/*' ! -path './profiles*' \
  ! -name env_file.rs ! -name plain_url.rs ! -name ascii.rs | sort)
echo "total: $total"
echo "without the probe feature: $default"
