#!/usr/bin/env bash
# A PostgreSQL database for the records suite on this machine (Debian's postgresql package): starts
# the cluster if needed, ensures a role "hotline" and a database "hotline_test", and prints the
# connection URL. Idempotent; the role's password is generated once and kept in the cache folder.
# Needs root (runs psql as the postgres user). Used by the tests' global setup and by .ci/run.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get install -y -q postgresql >&2 || { apt-get update -q >&2 && apt-get install -y -q postgresql >&2; }
fi
read -r pg_version pg_cluster _ < <(pg_lsclusters -h | head -n 1)
# Started even where the package's own start was skipped (containers without an init).
pg_ctlcluster "$pg_version" "$pg_cluster" status >/dev/null 2>&1 || pg_ctlcluster "$pg_version" "$pg_cluster" start >&2
pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" -v c="$pg_cluster" '$1 == v && $2 == c { print $3 }')
secret_dir="${XDG_CACHE_HOME:-$HOME/.cache}/hotline"
mkdir -p "$secret_dir"
if [ ! -s "$secret_dir/pg-test-password" ]; then
  (umask 077 && head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$secret_dir/pg-test-password")
fi
pg_password=$(cat "$secret_dir/pg-test-password")
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$pg_port" >&2 <<SQL
SELECT 'CREATE ROLE hotline LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hotline')\\gexec
ALTER ROLE hotline PASSWORD '$pg_password';
SELECT 'CREATE DATABASE hotline_test OWNER hotline' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'hotline_test')\\gexec
SQL
echo "postgres://hotline:$pg_password@127.0.0.1:$pg_port/hotline_test"
