#!/usr/bin/env bash
# Run Odoo 18.0 with this repository on its addons path; any arguments are
# passed to Odoo. A developer's shortcut, e.g.:
#   tools/odoo.sh -d mydb -i client_base --test-enable --test-tags /client_base \
#       --stop-after-init --without-demo=all --http-port=0
#   tools/odoo.sh shell -d mydb
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"
cb_find_odoo || { cb_say "$(cb_no_odoo_sentence)"; exit 1; }
ADDONS_PATH="$(cb_addons_path)"
if [ "${1:-}" = shell ]; then
    shift
    exec "${ODOO_CMD[@]}" shell --addons-path="$ADDONS_PATH" \
        --data-dir="$REPO_ROOT/var/data" --no-http "$@"
fi
exec "${ODOO_CMD[@]}" --addons-path="$ADDONS_PATH" --data-dir="$REPO_ROOT/var/data" "$@"
