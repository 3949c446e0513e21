"""What the benchmark commands share: find the addons path and build their
scratch database (``tools/bench_*.py`` import it; run them from the repo)."""

import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent


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
