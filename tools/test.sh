#!/usr/bin/env bash
# The Client Base test command (README: "make test").
#
#  1. static checks and unit tests of the pure-Python logic (no Odoo needed);
#  2. the mandatory lint: ruff and pylint-odoo (.pylintrc-mandatory);
#  3. install / upgrade / uninstall hygiene: no WARNING or ERROR in the log;
#  4. the Odoo tests on one throwaway database with the suite installed, run by
#     pytest-odoo after the whole registry is loaded: a. the add-ons' own tests
#     (every client_base*/tests), b. Odoo's core test classes listed in
#     tools/testing/odoo_core_tests.txt (README: "Odoo's own tests").
#
# Steps 3 and 4 need an Odoo 18.0 (see tools/odoo_env.sh); without one they are
# skipped and the last lines say so loudly. Exits non-zero on any failure.
#
# Variables: ODOO_PYTHON, ODOO_BIN, PGHOST/PGPORT/PGUSER/PGPASSWORD,
#   CB_TESTS       pytest arguments for the add-on tests (default: every
#                  client_base*/tests), e.g. "client_base/tests -k Normalize"
#   CB_SKIP_CORE=1 skip Odoo's core tests (step 4b)
#   CB_SKIP_LINT=1, CB_SKIP_HYGIENE=1   for quick local iterations
#   CB_KEEP_DB=1   keep the throwaway databases for inspection
#   CB_DB_PREFIX   prefix of the throwaway databases (default cb_)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/odoo_env.sh"
cd "$REPO_ROOT" || exit 2

LOGDIR="${CB_LOG_DIR:-$REPO_ROOT/var/test-logs}"
mkdir -p "$LOGDIR"
declare -A PASSED FAILED
STEPS=()
STATUS=0
INTEGRATION="skipped"

declare -A SECS
MARK=$SECONDS
record() { # step passed failed  (the step's time runs from the previous record)
    STEPS+=("$1")
    PASSED[$1]=$2
    FAILED[$1]=$3
    SECS[$1]=$((SECONDS - MARK))
    MARK=$SECONDS
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
    || ! "$PY" -c "import importlib.util as u; assert u.find_spec('pytest_odoo')" 2>/dev/null \
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
    "$PY" tools/dev/gen_readme.py --check || lint_fail=$((lint_fail + 1))
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

junit_counts() { # junit.xml -> "passed failed skipped", one count per test method
    "$PY" - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print("0 0 0"); raise SystemExit
rank = {"skipped": 0, "passed": 1, "failed": 2}
state = {}
for case in root.iter("testcase"):  # a teardown error repeats its test
    key = (case.get("classname"), case.get("name"))
    tags = {child.tag for child in case}
    now = "failed" if tags & {"failure", "error"} else "skipped" if "skipped" in tags else "passed"
    state[key] = max(state.get(key, now), now, key=rank.get)
values = list(state.values())
print(values.count("passed"), values.count("failed"), values.count("skipped"))
PY
}
# pytest-odoo runs the tests in one process after loading the whole registry;
# --odoo-http starts Odoo's HTTP server in it for the HttpCase tests (browser
# tours need Chromium, else Odoo skips them).
odoo_pytest() { # prefix db rootdir pytest-args...  (prefix.log, prefix.xml)
    local prefix="$1" db="$2" root="$3"
    shift 3
    PYTHONPATH="$REPO_ROOT/tools/testing${PYTHONPATH:+:$PYTHONPATH}" \
        "$PY" -m pytest -p cb_pytest_odoo -p no:cacheprovider --rootdir="$root" \
        --odoo-database="$db" --odoo-addons-path="$ADDONS_PATH" --odoo-log-level=warn \
        --odoo-extra="data-dir=$REPO_ROOT/var/data" --odoo-extra=max-cron-threads=0 \
        --odoo-http -q -rfEs --tb=short --junitxml="$prefix.xml" "$@" >"$prefix.log" 2>&1
    echo $? >"$prefix.rc"
}
record_pytest() { # step prefix filter [missing]  (pytest exit 5 = no test collected)
    local step="$1" prefix="$2" filter="$3" missing="${4:-0}" rc counts p f k
    rc="$(cat "$prefix.rc")"
    counts="$(junit_counts "$prefix.xml")"
    read -r p f k <<<"$counts"
    grep -E '^(FAILED|SUBFAILED[^ ]*|ERROR) ' "$prefix.log" | head -n 40
    if [ "$rc" = 5 ]; then
        if [ -n "$filter" ]; then
            cb_say "$step: no test matches $filter"
        else
            cb_say "$step: pytest collected no test"
            f=$((f + 1))
        fi
    elif [ "$rc" != 0 ] && [ "$f" -eq 0 ]; then
        cb_say "$step: pytest stopped (exit $rc):"
        tail -n 30 "$prefix.log"
        f=1
    fi
    if [ "$k" -gt 0 ]; then
        cb_say "$step: $k test(s) SKIPPED:"
        grep -E '^SKIPPED ' "$prefix.log" | head -n 20
        SKIP_NOTES+=("$step: $k test(s) skipped, listed above")
    fi
    record "$step" "$p" $((f + missing))
}
SKIP_NOTES=()
# Odoo's test modules whose models the core tests of tools/testing/odoo_core_tests.txt use.
CORE_TEST_MODULES="test_mail,test_mass_mailing"

if [ "$HAVE_ODOO" = 1 ] && cb_ensure_postgres && cb_ensure_db_role; then
    ADDONS_PATH="$(cb_addons_path)"
    cb_pip_install_requirements || true
    stamp="$(date +%s)_$$"

    if [ -z "${CB_SKIP_HYGIENE:-}" ]; then
        cb_say "3/4 hygiene: install, upgrade and uninstall log no warning"
        hdb="${CB_DB_PREFIX:-cb_}hygiene_$stamp"
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

    cb_say "4/4 Odoo tests on one throwaway database with the suite installed"
    tdb="${CB_DB_PREFIX:-cb_}test_$stamp"
    # Odoo's test modules hold the models the curated core tests need.
    odoo_run "$LOGDIR/odoo-install.log" -d "$tdb" -i "$ADDONS,$CORE_TEST_MODULES" --without-demo=all
    if grep -q "Modules loaded" "$LOGDIR/odoo-install.log" && [ -z "$(log_problems "$LOGDIR/odoo-install.log" | grep -E ' (ERROR|CRITICAL) ')" ]; then
        # 4a. the add-ons' own tests (every client_base*/tests), under pytest-odoo
        addon_tests=()
        for mod in "${ADDON_LIST[@]}"; do
            [ -d "$mod/tests" ] && addon_tests+=("$mod/tests")
        done
        if [ -n "${CB_TESTS:-}" ]; then
            read -r -a addon_tests <<<"$CB_TESTS"
        fi
        odoo_pytest "$LOGDIR/odoo-addons" "$tdb" "$REPO_ROOT" "${addon_tests[@]}"
        record_pytest "odoo-addons" "$LOGDIR/odoo-addons" "${CB_TESTS:-}"
        # 4b. Odoo's own core tests (tools/testing/odoo_core_tests.txt), same database
        if [ -z "${CB_SKIP_CORE:-}" ]; then
            core_tests=()
            core_missing=0
            while read -r line; do
                line="${line%%#*}"
                line="${line//[[:space:]]/}"
                [ -n "$line" ] || continue
                found=""
                for p in ${ADDONS_PATH//,/ }; do
                    if [ -f "$p/${line%%::*}" ]; then
                        found="$p/$line"
                        break
                    fi
                done
                if [ -n "$found" ]; then
                    core_tests+=("$found")
                else
                    cb_say "core test not found in the addons path: $line"
                    core_missing=$((core_missing + 1))
                fi
            done <"$REPO_ROOT/tools/testing/odoo_core_tests.txt"
            odoo_pytest "$LOGDIR/odoo-core" "$tdb" / "${core_tests[@]}"
            record_pytest "odoo-core" "$LOGDIR/odoo-core" "" "$core_missing"
        fi
        INTEGRATION="ran"
    else
        log_problems "$LOGDIR/odoo-install.log" | head -n 20
        tail -n 20 "$LOGDIR/odoo-install.log"
        record "odoo-install" 0 1
        INTEGRATION="failed: the add-ons did not install"
    fi
    [ -n "${CB_KEEP_DB:-}" ] || { dropdb --if-exists "$tdb" 2>/dev/null; rm -rf "$REPO_ROOT/var/data/filestore/$tdb"; }
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
    printf '%-18s %5d passed, %d failed  (%d s)\n' "$s" "${PASSED[$s]}" "${FAILED[$s]}" "${SECS[$s]}"
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
for n in "${SKIP_NOTES[@]}"; do echo "($n)"; done
echo "($SECONDS s in all)"
echo "total: $tp passed, $tf failed"
[ "$tf" -eq 0 ] || STATUS=1
exit $STATUS
