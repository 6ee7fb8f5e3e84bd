#!/usr/bin/env bash
# CI: the database servers the probe's tests run against (prodguard-cli's
# tests/test_probe.rs starts and stops them itself, on loopback): Debian's
# postgresql and mariadb-server, installed when missing. Installing them
# must start no daemon: /usr/sbin/policy-rc.d exits 101 during the install
# (any policy-rc.d already there is put back afterwards). When they cannot
# be installed, say so; the tests then skip loudly.
set -euo pipefail

missing=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -eq 0 ]; then
    echo "== servers: postgresql and mariadb-server are installed"
    exit 0
fi
echo "== servers: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "warning: cannot install ${missing[*]} (needs root and apt-get): the probe's tests against real servers will skip" >&2
    exit 0
fi

policy=/usr/sbin/policy-rc.d
saved="$(mktemp)"
had_policy=no
if [ -e "$policy" ]; then
    cp -p "$policy" "$saved"
    had_policy=yes
fi
restore() {
    if [ "$had_policy" = yes ]; then cp -p "$saved" "$policy"; else rm -f "$policy"; fi
    rm -f "$saved"
}
trap restore EXIT
printf '#!/bin/sh\n# No daemon starts while CI installs packages.\nexit 101\n' > "$policy"
chmod 755 "$policy"

start=$SECONDS
if apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null; then
    echo "servers: installed in $((SECONDS - start)) s"
else
    echo "warning: installing ${missing[*]} failed: the probe's tests against real servers will skip" >&2
fi
