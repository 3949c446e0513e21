# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager

from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


@contextmanager
def cron_test_mode(case):
    """Let ir.cron's own runner work inside a test (RELIABILITY.md, harness).

    In test mode the cursors the runner opens share the test transaction, so
    its commits are safe and it sees the test data.
    """
    case.env.flush_all()
    case.registry.enter_test_mode(case.cr)
    try:
        yield
    finally:
        case.registry.leave_test_mode()
    case.env.invalidate_all()


def cron_process_once(case, cron):
    """One pass of ``ir.cron._process_job`` on ``cron`` (inside test mode):
    up to 10 calls of its server action, progress, failure counting."""
    with case.registry.cursor() as cron_cr:
        case.registry["ir.cron"]._process_job(
            case.registry.db_name,
            cron_cr,
            {
                **cron.read(load=None)[0],
                "done": 0,
                "remaining": 0,
                "timed_out_counter": 0,
            },
        )


def run_cron_job(case, cron):
    """Run ``cron`` once through the real scheduler path."""
    with cron_test_mode(case):
        cron_process_once(case, cron)


class ClientBaseCommon(BaseCommon):
    """Shared fixtures: one user per Client Base role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cb_user = new_test_user(
            cls.env,
            login="cb_user",
            groups="base.group_user,client_base.client_base_group_user",
        )
        cls.cb_manager = new_test_user(
            cls.env,
            login="cb_manager",
            groups="base.group_user,client_base.client_base_group_manager",
        )
        cls.plain_user = new_test_user(
            cls.env, login="cb_plain", groups="base.group_user"
        )
