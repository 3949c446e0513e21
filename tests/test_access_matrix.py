"""The README's access-rights matrix is the one the security files define."""

import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent


def test_readme_access_matrix_is_current():
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "tools" / "dev" / "gen_access_matrix.py"),
            "--check",
            str(REPO / "README.rst"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr or "regenerate the matrix"
