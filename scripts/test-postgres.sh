#!/usr/bin/env bash
# Runs the database tests (tests/db) against a real PostgreSQL 15 + PostGIS instead of PGlite.
#
# Debian only. As root it installs what is missing with apt, then runs the throwaway cluster as
# the `postgres` user; as another user it runs the cluster as that user (packages must exist).
# The cluster lives in a temp dir (data, log, unix socket), listens on 127.0.0.1:${PORT} with
# trust auth, and is stopped and removed on exit, whatever happens.
#
#   scripts/test-postgres.sh                 # all of tests/db
#   scripts/test-postgres.sh tests/db/rls.test.ts
set -euo pipefail

PG_VERSION=15
PORT="${MAILLAGE_TEST_PG_PORT:-54329}"
BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
PACKAGES=("postgresql-${PG_VERSION}" "postgresql-${PG_VERSION}-postgis-3" "postgresql-${PG_VERSION}-pgtap")

cd "$(dirname "$0")/.."

missing=()
for pkg in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
	if [[ $EUID -ne 0 ]]; then
		echo "Missing packages: ${missing[*]} (run as root, or: apt-get install ${missing[*]})" >&2
		exit 1
	fi
	echo "Installing ${missing[*]}…"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/maillage-pg.XXXXXX")"
if [[ $EUID -eq 0 ]]; then
	chown postgres:postgres "$TMP"
	as_pg() { runuser -u postgres -- "$@"; }
else
	as_pg() { "$@"; }
fi

cleanup() {
	if [[ -f "$TMP/data/postmaster.pid" ]]; then
		as_pg "$BIN/pg_ctl" -D "$TMP/data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$BIN/initdb" -D "$TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$BIN/pg_ctl" -D "$TMP/data" -l "$TMP/postgres.log" -w \
	-o "-p ${PORT} -k ${TMP} -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
	{
		cat "$TMP/postgres.log" >&2
		exit 1
	}

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
echo "PostgreSQL ${PG_VERSION} on ${TEST_DATABASE_URL} ($TMP)"
VITEST_JSON_REPORT=test-results/postgres.json npx vitest run "${@:-tests/db}"
