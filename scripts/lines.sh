#!/usr/bin/env bash
# prodguard's lines outside the database reader, the framework profiles
# and the .env reader, as the simplicity issue counts them: lines of
# guard-core/src/**/*.rs that are neither blank nor start with `//`, without
# files named tests.rs and without a trailing `#[cfg(test)] mod tests` block.
set -euo pipefail
cd "$(dirname "$0")/../guard-core/src"
total=0
while IFS= read -r file; do
  n=$(awk '
    /^#\[cfg\(test\)\]$/ { pending = 1; next }
    pending && /^mod tests/ { exit }
    { pending = 0 }
    /^[[:space:]]*$/ { next }
    /^[[:space:]]*\/\// { next }
    { n++ }
    END { print n + 0 }' "$file")
  printf '%5d %s\n' "$n" "$file"
  total=$((total + n))
done < <(find . -name '*.rs' ! -name tests.rs ! -path './database/*' ! -path './profiles*' \
  ! -name env_file.rs ! -name plain_url.rs ! -name ascii.rs | sort)
echo "total: $total"
