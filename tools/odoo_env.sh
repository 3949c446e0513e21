# shellcheck shell=bash
# Shared helpers for the Client Base commands: find an Odoo 18.0 installation
# and a PostgreSQL server. Sourced by tools/test.sh and tools/demo.sh.
#
# Point the commands at your own Odoo with either variable:
#   ODOO_PYTHON=/path/to/venv/bin/python   the interpreter that imports odoo 18.0
#   ODOO_BIN=/path/to/odoo-bin             (optional) the launcher to use
# and at your database server with the usual libpq variables
# (PGHOST, PGPORT, PGUSER, PGPASSWORD).

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The add-ons of this repository: every client_base* folder with a manifest,
# in name order (client_base first; each other one builds on it).
ADDON_LIST=()
for _manifest in "$REPO_ROOT"/client_base*/__manifest__.py; do
    ADDON_LIST+=("$(basename "$(dirname "$_manifest")")")
done
unset _manifest
ADDONS="$(IFS=,; echo "${ADDON_LIST[*]}")"

cb_say() { printf '\033[1m[client-base]\033[0m %s\n' "$*" >&2; }

# Is "$1" a Python interpreter that imports Odoo 18.0?
cb_is_odoo18() {
    [ -n "$1" ] && [ -x "$(command -v "$1" 2>/dev/null)" ] || return 1
    "$1" - <<'PY' >/dev/null 2>&1
import odoo.release as r
assert tuple(r.version_info[:2]) == (18, 0)
PY
}

# Sets ODOO_PYTHON (and ODOO_CMD, the argv prefix that starts Odoo) or fails.
cb_find_odoo() {
    local candidates=()
    if [ -n "${ODOO_PYTHON:-}" ]; then
        candidates=("$ODOO_PYTHON")
    else
        if [ -n "${ODOO_BIN:-}" ] && [ -f "$ODOO_BIN" ]; then
            candidates+=("$(head -n1 "$ODOO_BIN" | sed -n 's/^#! *\([^ ]*\).*/\1/p')")
        fi
        [ -n "${VIRTUAL_ENV:-}" ] && candidates+=("$VIRTUAL_ENV/bin/python")
        candidates+=(python3 python)
        local p
        for p in /opt/odoo*/venv/bin/python /opt/odoo*/.venv/bin/python \
            /opt/odoo*/bin/python "$HOME"/odoo*/venv/bin/python \
            "$HOME"/.venv/odoo*/bin/python /usr/bin/python3; do
            [ -x "$p" ] && candidates+=("$p")
        done
    fi
    local c
    for c in "${candidates[@]}"; do
        if cb_is_odoo18 "$c"; then
            ODOO_PYTHON="$(command -v "$c")"
            if [ -n "${ODOO_BIN:-}" ]; then
                ODOO_CMD=("$ODOO_PYTHON" "$ODOO_BIN")
            else
                ODOO_CMD=("$ODOO_PYTHON" -m odoo)
            fi
            export ODOO_PYTHON
            return 0
        fi
    done
    return 1
}

cb_no_odoo_sentence() {
    echo "No Odoo 18.0 found: install Odoo 18.0 Community (e.g. 'pip install -e <odoo-src> --config-settings editable_mode=compat' in a virtualenv) and set ODOO_PYTHON=<that venv>/bin/python."
}

# Make sure a PostgreSQL server answers; as root on Debian, install and start one.
cb_ensure_postgres() {
    if pg_isready -q 2>/dev/null || pg_isready -q -h 127.0.0.1 2>/dev/null; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        if ! command -v pg_ctlcluster >/dev/null 2>&1; then
            cb_say "PostgreSQL is not installed: installing it from Debian's packages"
            DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client >&2
        fi
        local v
        v="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
        if [ -n "$v" ]; then
            cb_say "starting PostgreSQL $v"
            pg_ctlcluster --skip-systemctl-redirect "$v" main start >&2 || true
        fi
        local i
        for i in 1 2 3 4 5 6 7 8 9 10; do
            pg_isready -q 2>/dev/null && return 0
            sleep 1
        done
    fi
    cb_say "No PostgreSQL server answers. Start one (Debian: 'apt-get install postgresql' then 'pg_ctlcluster <version> main start') or set PGHOST/PGPORT/PGUSER/PGPASSWORD to reach yours."
    return 1
}

# Make sure the database role Odoo connects as exists and may create databases.
cb_ensure_db_role() {
    local role="${PGUSER:-$(id -un)}"
    if [ "$role" = postgres ]; then
        cb_say "Odoo refuses to connect as 'postgres': set PGUSER to another role."
        return 1
    fi
    if psql -d postgres -Atc "select 1 from pg_roles where rolname = current_user and (rolcreatedb or rolsuper)" 2>/dev/null | grep -q 1; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null 2>&1; then
        cb_say "creating PostgreSQL role '$role'"
        runuser -u postgres -- psql -qc "CREATE ROLE \"$role\" LOGIN SUPERUSER" 2>/dev/null \
            || runuser -u postgres -- psql -qc "ALTER ROLE \"$role\" CREATEDB" 2>/dev/null || true
        psql -d postgres -Atc "select 1" >/dev/null 2>&1 && return 0
    fi
    cb_say "PostgreSQL role '$role' cannot create databases: run 'sudo -u postgres createuser --createdb $role' or set PGUSER."
    return 1
}

# The addons path: Odoo's own (found by Odoo itself) plus this repository.
cb_addons_path() {
    "$ODOO_PYTHON" - "$REPO_ROOT" <<'PY'
import os, sys
import odoo.addons
paths = [sys.argv[1]] + [p for p in odoo.addons.__path__ if os.path.isdir(p)]
root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
if os.path.isdir(os.path.join(root, "addons")):
    paths.append(os.path.join(root, "addons"))
seen = []
for p in paths:
    p = os.path.realpath(p)
    if p not in seen:
        seen.append(p)
print(",".join(seen))
PY
}

cb_pip_install_requirements() {
    "$ODOO_PYTHON" -m pip install -q -r "$REPO_ROOT/requirements.txt" >&2
}
