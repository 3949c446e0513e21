"""What the benchmark commands share: find the addons path and build their
scratch database (``tools/bench_*.py`` import it; run them from the repo)."""

import pathlib
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent.parent


def addons_path():
    """The addons path of tools/odoo_env.sh: this repository plus Odoo's."""
    out = subprocess.run(
        [
            "bash",
            "-c",
            (
                f"source {REPO}/tools/odoo_env.sh && cb_find_odoo >/dev/null "
                "&& cb_addons_path"
            ),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def database_exists(db):
    # the name goes in as a psql variable (quoted by psql), not in the SQL
    out = subprocess.run(
        ["psql", "-d", "postgres", "-At", "-v", f"db={db}"],
        input="SELECT 1 FROM pg_database WHERE datname = :'db';\n",
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() == "1"


def create_database(db, path, module):
    """Drop and recreate the scratch database ``db`` with ``module``."""
    if database_exists(db):
        subprocess.run(["dropdb", db], check=True)
    subprocess.run(["createdb", db], check=True)
    print(f"# installing {module} in {db} ...", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            f"--addons-path={path}",
            f"--data-dir={REPO}/var/data",
            "-d",
            db,
            "-i",
            module,
            "--without-demo=all",
            "--stop-after-init",
            "--http-port=0",
            "--log-level=warn",
        ],
        check=True,
    )


def drive_cron(registry, xmlid, label=None, max_passes=10_000, log=print):
    """Run the scheduled action ``xmlid`` through Odoo's own scheduler path.

    As a cron worker does (``ir.cron._process_jobs``): acquire the job on a
    cursor of its own (``_acquire_one_job``, ``FOR NO KEY UPDATE SKIP
    LOCKED``), then ``_process_job``: up to 10 calls of the server action,
    each committed, progress read from ``ir.cron.progress``, failure
    counting, rescheduling. Passes go on while the job is ready again, as
    the worker would take it (no sleeping: a job that waits for a trigger in
    the future is reported as waiting). Every call is timed.

    :return: ``{"passes", "calls", "seconds", "slowest_call_s", "stalled",
        "failure_count", "call_list": [{"seconds", "done", "remaining"}]}``;
        ``stalled`` means work was left but Odoo would not call again before
        the job's next interval.
    """
    from unittest.mock import patch

    import odoo
    from odoo import SUPERUSER_ID, api

    label = label or xmlid
    IrCron = registry["ir.cron"]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cron_id = env.ref(xmlid).id
        cr.execute(
            "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC', active = TRUE,"
            " failure_count = 0 WHERE id = %s",
            [cron_id],
        )
    calls = []
    original = IrCron._callback

    def callback(this, cron_name, server_action_id):
        start = time.perf_counter()
        try:
            original(this, cron_name, server_action_id)
        except Exception:
            calls.append({"seconds": time.perf_counter() - start, "error": True})
            raise
        progress = (
            this.env["ir.cron.progress"]
            .sudo()
            .browse(this.env.context["ir_cron_progress_id"])
        )
        calls.append(
            {
                "seconds": round(time.perf_counter() - start, 3),
                "done": progress.done,
                "remaining": progress.remaining,
            }
        )
        log(f"# {label} call {len(calls)}: {calls[-1]}")

    db = odoo.sql_db.db_connect(registry.db_name)
    passes = 0
    start = time.perf_counter()
    with patch.object(IrCron, "_callback", callback):
        while passes < max_passes:
            with db.cursor() as cron_cr:
                job = IrCron._acquire_one_job(cron_cr, cron_id)
                if not job:
                    break
                passes += 1
                IrCron._process_job(db, cron_cr, job)
    seconds = time.perf_counter() - start
    with registry.cursor() as cr:
        cr.execute("SELECT failure_count FROM ir_cron WHERE id = %s", [cron_id])
        failure_count = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM ir_cron_trigger WHERE cron_id = %s"
            " AND call_at > now() AT TIME ZONE 'UTC'",
            [cron_id],
        )
        waiting = cr.fetchone()[0]
    last = calls[-1] if calls else {}
    left = bool(last.get("remaining"))
    result = {
        "passes": passes,
        "calls": len(calls),
        "seconds": round(seconds, 2),
        "slowest_call_s": max((c["seconds"] for c in calls), default=0.0),
        "stalled": left and not waiting,
        "waiting_for_trigger": left and bool(waiting),
        "failure_count": failure_count,
        "errors": sum(1 for c in calls if c.get("error")),
        "call_list": calls,
    }
    log(
        f"# {label}: {passes} scheduler passes, {len(calls)} calls, "
        f"{result['seconds']} s, slowest call {result['slowest_call_s']} s"
        + (" STALLED (work left, not called again)" if result["stalled"] else "")
    )
    return result
