#!/usr/bin/env bash
# The Client Base run command (README: "make demo").
#
# Installs the Python dependencies into the Odoo environment, makes sure
# PostgreSQL answers, creates (or refreshes) the demo database with every
# add-on of this repository (client_base*, counted, not written down) and the
# generated demo dataset, then serves Odoo on 127.0.0.1:8069 and prints the
# demo users.
#
# Variables: ODOO_PYTHON, ODOO_BIN (which Odoo), PG* (which PostgreSQL),
#   CB_DEMO_DB      database name (default client_base_demo)
#   CB_DEMO_RESET=1 drop and rebuild the database instead of refreshing it
#   CB_DEMO_CLIENTS number of client companies (default 2000)
#   CB_HTTP_PORT    port (default 8069)
#   CB_DETACH=1     start the server in the background and return
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"
cd "$REPO_ROOT" || exit 2

if ! cb_find_odoo; then
    cb_say "$(cb_no_odoo_sentence)"
    exit 1
fi
DB="${CB_DEMO_DB:-client_base_demo}"
PORT="${CB_HTTP_PORT:-8069}"
cb_say "Odoo 18.0: $ODOO_PYTHON"
cb_say "installing the Python dependencies into the Odoo environment"
cb_pip_install_requirements || { cb_say "pip install -r requirements.txt failed"; exit 1; }
cb_ensure_postgres || exit 1
cb_ensure_db_role || exit 1
ADDONS_PATH="$(cb_addons_path)"
# the Sales app itself (client_base_sale only needs "sale", which has no menu)
DEMO_APPS="sale_management"
mkdir -p var/data var/log
COMMON=(--addons-path="$ADDONS_PATH" --data-dir="$REPO_ROOT/var/data")

exists=0
psql -d postgres -Atc "select 1 from pg_database where datname = '$DB'" 2>/dev/null | grep -q 1 && exists=1
if [ "$exists" = 1 ] && [ -n "${CB_DEMO_RESET:-}" ]; then
    cb_say "dropping $DB (CB_DEMO_RESET)"
    dropdb "$DB" || exit 1
    rm -rf "var/data/filestore/$DB"
    exists=0
fi
if [ "$exists" = 1 ]; then
    cb_say "refreshing $DB: upgrading the ${#ADDON_LIST[@]} add-ons $ADDONS"
    "${ODOO_CMD[@]}" "${COMMON[@]}" -d "$DB" -u "$ADDONS" -i "$DEMO_APPS" --stop-after-init \
        --http-port=0 --max-cron-threads=0 --logfile=var/log/demo-install.log || {
        cb_say "upgrade failed, see var/log/demo-install.log"; exit 1; }
else
    cb_say "creating $DB with the ${#ADDON_LIST[@]} add-ons $ADDONS (a few minutes)"
    "${ODOO_CMD[@]}" "${COMMON[@]}" -d "$DB" -i "$ADDONS,$DEMO_APPS" --without-demo=all \
        --stop-after-init --http-port=0 --max-cron-threads=0 \
        --logfile=var/log/demo-install.log || {
        cb_say "installation failed, see var/log/demo-install.log"; exit 1; }
fi
cb_say "loading the demo dataset (skipped where already loaded)"
rm -f var/demo-users.txt
"$ODOO_PYTHON" tools/dataset/demo_data.py "${COMMON[@]}" -d "$DB" \
    --clients "${CB_DEMO_CLIENTS:-2000}" --users-file var/demo-users.txt \
    --logfile=var/log/demo-data.log || {
    cb_say "demo dataset failed, see var/log/demo-data.log"; exit 1; }

URL="http://127.0.0.1:$PORT"
SERVE=("${ODOO_CMD[@]}" "${COMMON[@]}" -d "$DB" --db-filter="^$DB\$"
    --http-interface=127.0.0.1 --http-port="$PORT" --logfile=var/log/demo-server.log)
echo
echo "  Client Base demo: $URL/odoo   (database $DB)"
if [ -s var/demo-users.txt ]; then
    echo "  Log in as one of these users (README.rst: \"The two commands\"):"
    cat var/demo-users.txt
else
    echo "  Log in as admin / admin"
fi
if [ -n "${CB_DETACH:-}" ]; then
    nohup "${SERVE[@]}" >/dev/null 2>&1 &
    echo $! >var/demo-server.pid
    echo "  Server running in the background (pid $(cat var/demo-server.pid), log var/log/demo-server.log)."
    echo "  Stop it with: kill \$(cat var/demo-server.pid)"
    for _ in $(seq 1 60); do
        curl -fs -o /dev/null "$URL/web/login" && break
        sleep 1
    done
else
    echo "  Server log: var/log/demo-server.log. Stop it with Ctrl+C."
    echo
    exec "${SERVE[@]}"
fi
