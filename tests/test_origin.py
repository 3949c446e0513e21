"""Unit tests of client_base/tools/origin.py (no Odoo): the one mechanism
for the origin of a write."""

import doctest
import threading

from conftest import load_pure

origin = load_pure("client_base", "origin")


def test_doctests():
    failed, _attempted = doctest.testmod(origin)
    assert not failed


def test_scope_ends_on_error_and_stays_in_its_thread():
    seen = []
    try:
        with origin.scope(origin.ARCHIVING):
            thread = threading.Thread(
                target=lambda: seen.append(origin.active(origin.ARCHIVING))
            )
            thread.start()
            thread.join()
            raise ValueError
    except ValueError:
        pass
    assert seen == [False]
    assert not origin.active(origin.ARCHIVING)


def test_no_context_key_marks_an_origin():
    # the suite reads the origin from origin.active() only, never from a
    # context key an RPC caller could send
    import pathlib
    import re

    repo = pathlib.Path(__file__).resolve().parent.parent
    pattern = re.compile(
        r"context\.get\([^)]*(archiving|posting|people)", re.IGNORECASE
    )
    offenders = [
        str(path.relative_to(repo))
        for path in repo.glob("client_base*/**/*.py")
        if "tests" not in path.parts and pattern.search(path.read_text())
    ]
    assert not offenders
