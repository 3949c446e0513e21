#!/usr/bin/env bash
# The Client Base test command (README: "make test").
#
#  1. static checks and unit tests of the pure-Python logic (no Odoo needed);
#  2. the mandatory lint: ruff and pylint-odoo (.pylintrc-mandatory);
#  3. install / upgrade / uninstall hygiene: no WARNING or ERROR in the log;
#  4. the Odoo integration tests of all the add-ons on a throwaway database.
#
# Steps 3 and 4 need an Odoo 18.0 (see tools/odoo_env.sh); without one they are
# skipped and the last lines say so loudly. Exits non-zero on any failure.
#
# Variables: ODOO_PYTHON, ODOO_BIN, PGHOST/PGPORT/PGUSER/PGPASSWORD,
#   CB_TEST_TAGS   Odoo --test-tags (default: all the add-ons)
#   CB_SKIP_LINT=1, CB_SKIP_HYGIENE=1   for quick local iterations
#   CB_KEEP_DB=1   keep the throwaway databases for inspection
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"
cd "$REPO_ROOT" || exit 2

LOGDIR="${CB_LOG_DIR:-$REPO_ROOT/var/test-logs}"
mkdir -p "$LOGDIR"
declare -A PASSED FAILED
STEPS=()
STATUS=0
INTEGRATION="skipped"

record() { # step passed failed
    STEPS+=("$1")
    PASSED[$1]=$2
    FAILED[$1]=$3
    [ "$3" -eq 0 ] || STATUS=1
}

# --- which interpreter -------------------------------------------------------
if cb_find_odoo; then
    HAVE_ODOO=1
    PY="$ODOO_PYTHON"
    cb_say "Odoo 18.0 found: $PY"
else
    HAVE_ODOO=0
    PY="$(command -v python3)"
    cb_say "$(cb_no_odoo_sentence)"
fi
if ! "$PY" -c "import pytest, pandas, phonenumbers, websocket, freezegun" 2>/dev/null \
    || { [ -z "${CB_SKIP_LINT:-}" ] && ! "$PY" -c "import pylint_odoo" 2>/dev/null; } \
    || { [ -z "${CB_SKIP_LINT:-}" ] && ! "$PY" -m ruff --version >/dev/null 2>&1; } \
    || { [ -z "${CB_SKIP_LINT:-}" ] && [ ! -x "$(dirname "$PY")/oca-checks-odoo-module" ]; }; then
    cb_say "installing the test requirements into $PY"
    "$PY" -m pip install -q -r requirements.txt -r test-requirements.txt 2>&1 \
        | grep -v "^WARNING: Location" >&2 || true
fi

# --- 1. static checks and pure unit tests --------------------------------------
cb_say "1/4 static checks and unit tests (tests/)"
"$PY" -m pytest tests -q -p no:cacheprovider -p no:odoo \
    --junitxml="$LOGDIR/unit.xml" 2>&1 | tail -n 25
counts=$("$PY" - "$LOGDIR/unit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print("0 1"); raise SystemExit
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
t = sum(int(s.get("tests", 0)) for s in suites)
f = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
k = sum(int(s.get("skipped", 0)) for s in suites)
print(t - f - k, f if t else 1)
PY
)
record "static+unit" ${counts% *} ${counts#* }

# --- 2. lint -------------------------------------------------------------------
if [ -z "${CB_SKIP_LINT:-}" ]; then
    cb_say "2/4 lint: ruff and pylint-odoo (mandatory)"
    lint_fail=0
    "$PY" -m ruff check --no-fix . || lint_fail=$((lint_fail + 1))
    "$PY" -m ruff format --check . || lint_fail=$((lint_fail + 1))
    "$PY" -m pylint --rcfile=.pylintrc-mandatory \
        "${ADDON_LIST[@]}" || lint_fail=$((lint_fail + 1))
    # XML, CSV and PO checks moved from pylint-odoo to these two commands.
    oca_bin="$(dirname "$PY")"
    "$oca_bin/oca-checks-odoo-module" --no-verbose "${ADDON_LIST[@]}" \
        || lint_fail=$((lint_fail + 1))
    "$oca_bin/oca-checks-po" --no-verbose */i18n/*.po */i18n/*.pot \
        || lint_fail=$((lint_fail + 1))
    "$PY" tools/gen_readme.py --check || lint_fail=$((lint_fail + 1))
    record "lint" $((6 - lint_fail)) $lint_fail
fi

# --- 3 and 4. Odoo -----------------------------------------------------------------
odoo_run() { # logfile args...
    local log="$1"
    shift
    "${ODOO_CMD[@]}" --addons-path="$ADDONS_PATH" --data-dir="$REPO_ROOT/var/data" \
        --http-port=0 --gevent-port=0 --max-cron-threads=0 --workers=0 \
        --stop-after-init --log-handler=werkzeug:WARNING "$@" >"$log" 2>&1
}
log_problems() { # logfile -> lines with WARNING/ERROR/CRITICAL
    grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$1" \
        | grep -v "Running as user 'root'" || true
}

if [ "$HAVE_ODOO" = 1 ] && cb_ensure_postgres && cb_ensure_db_role; then
    ADDONS_PATH="$(cb_addons_path)"
    cb_pip_install_requirements || true
    stamp="$(date +%s)_$$"

    if [ -z "${CB_SKIP_HYGIENE:-}" ]; then
        cb_say "3/4 hygiene: install, upgrade and uninstall log no warning"
        hdb="cb_hygiene_$stamp"
        hy_fail=0
        hy_pass=0
        # each add-on on its own: client_base first, then each one that builds on it
        for mod in "${ADDON_LIST[@]}"; do
            odoo_run "$LOGDIR/hygiene-install-$mod.log" -d "$hdb" -i "$mod" --without-demo=all
            probs="$(log_problems "$LOGDIR/hygiene-install-$mod.log")"
            if [ -n "$probs" ] || ! grep -q "Modules loaded" "$LOGDIR/hygiene-install-$mod.log"; then
                echo "install $mod:"; echo "$probs" | head -n 20; hy_fail=$((hy_fail + 1))
            else
                hy_pass=$((hy_pass + 1))
            fi
        done
        odoo_run "$LOGDIR/hygiene-upgrade.log" -d "$hdb" -u "$ADDONS"
        probs="$(log_problems "$LOGDIR/hygiene-upgrade.log")"
        if [ -n "$probs" ]; then echo "$probs" | head -n 20; hy_fail=$((hy_fail + 1)); else hy_pass=$((hy_pass + 1)); fi
        "${ODOO_CMD[@]}" shell --addons-path="$ADDONS_PATH" --data-dir="$REPO_ROOT/var/data" \
            -d "$hdb" --no-http --log-level=warn >"$LOGDIR/hygiene-uninstall.log" 2>&1 <<PY
for name in reversed("$ADDONS".split(",")):
    mod = env["ir.module.module"].search([("name", "=", name)])
    mod.button_immediate_uninstall()
    env.cr.commit()
    print("UNINSTALLED", name, mod.state)
PY
        probs="$(log_problems "$LOGDIR/hygiene-uninstall.log")"
        if [ -n "$probs" ] || [ "$(grep -c 'UNINSTALLED .* uninstalled' "$LOGDIR/hygiene-uninstall.log")" != "${#ADDON_LIST[@]}" ]; then
            echo "$probs" | head -n 20
            tail -n 20 "$LOGDIR/hygiene-uninstall.log"
            hy_fail=$((hy_fail + 1))
        else
            hy_pass=$((hy_pass + 1))
        fi
        [ -n "${CB_KEEP_DB:-}" ] || dropdb --if-exists "$hdb" 2>/dev/null
        record "hygiene" $hy_pass $hy_fail
    fi

    cb_say "4/4 Odoo integration tests on a throwaway database"
    tdb="cb_test_$stamp"
    tags="${CB_TEST_TAGS:-/${ADDONS//,/,/}}"
    odoo_run "$LOGDIR/integration.log" -d "$tdb" -i "$ADDONS" --without-demo=all \
        --test-enable --test-tags="$tags" --log-level=test
    rc=$?
    grep -E ' (ERROR|CRITICAL) |FAIL:|^Traceback|^AssertionError' "$LOGDIR/integration.log" | head -n 60
    line="$(grep -E 'odoo.tests.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$LOGDIR/integration.log" | tail -n 1)"
    if [[ "$line" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
        bad=$((BASH_REMATCH[1] + BASH_REMATCH[2]))
        total=${BASH_REMATCH[3]}
    else
        bad=1
        total=0
        tail -n 30 "$LOGDIR/integration.log"
    fi
    skipped="$(grep -cE 'odoo.tests.result: skipped ' "$LOGDIR/integration.log")"
    if [ "$skipped" -gt 0 ]; then
        cb_say "$skipped Odoo test(s) SKIPPED:"
        grep -E 'odoo.tests.result: skipped ' "$LOGDIR/integration.log" | sed 's/.*skipped /    /' | head -n 20
    fi
    [ "$rc" -eq 0 ] || [ "$bad" -gt 0 ] || bad=1
    [ "$total" -gt 0 ] || bad=$((bad > 0 ? bad : 1))
    record "odoo-integration" $((total - bad - skipped > 0 ? total - bad - skipped : 0)) $bad
    [ "$skipped" -eq 0 ] || STEPS_NOTE="($skipped Odoo test(s) skipped, listed above)"
    INTEGRATION="ran"
    [ -n "${CB_KEEP_DB:-}" ] || dropdb --if-exists "$tdb" 2>/dev/null
    cb_say "full logs in $LOGDIR"
elif [ "$HAVE_ODOO" = 1 ]; then
    STATUS=1
    INTEGRATION="failed: no PostgreSQL"
fi

# --- summary -------------------------------------------------------------------------
tp=0
tf=0
echo
echo "==================== Client Base test summary ===================="
for s in "${STEPS[@]}"; do
    printf '%-18s %5d passed, %d failed\n' "$s" "${PASSED[$s]}" "${FAILED[$s]}"
    tp=$((tp + PASSED[$s]))
    tf=$((tf + FAILED[$s]))
done
if [ "$INTEGRATION" != "ran" ]; then
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!!! ODOO INTEGRATION TESTS WERE SKIPPED ($INTEGRATION): nothing on"
    echo "!!! the Odoo side was verified. $(cb_no_odoo_sentence)"
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
else
    echo "Odoo integration tests ran on Odoo 18.0 ($ODOO_PYTHON) and PostgreSQL."
fi
[ -z "${STEPS_NOTE:-}" ] || echo "$STEPS_NOTE"
echo "total: $tp passed, $tf failed"
[ "$tf" -eq 0 ] || STATUS=1
exit $STATUS
