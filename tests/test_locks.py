"""Advisory lock keys (client_base/tools/locks.py)."""

import doctest

from conftest import load_pure

locks = load_pure("client_base", "locks")


def test_doctests():
    result = doctest.testmod(locks)
    assert result.failed == 0 and result.attempted > 0


def test_advisory_keys_are_stable_and_distinct():
    names = ("client_base.interaction_backfill", "client_base_analytics.recompute")
    keys = {locks.advisory_key(name) for name in names}
    assert len(keys) == 2
    assert all(0 <= key < 2**31 for key in keys)
