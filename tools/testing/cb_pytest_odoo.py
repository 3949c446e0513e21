"""pytest plugin of the Client Base test command, on top of pytest-odoo.

Loaded by tools/test.sh with ``-p cb_pytest_odoo`` (this folder on PYTHONPATH)
next to pytest-odoo (``--odoo-database=...``). It makes a pytest run of Odoo
tests behave like Odoo's own runner (and runbot) where pytest-odoo 2.x on
Odoo 18.0 does not:

* ``odoo.modules.module.current_test`` is the running test, as Odoo's test
  suite sets it: Odoo 18.0 reads it to refuse real SMTP connections, to keep
  ``account.move.send`` from committing, and to let an HttpCase's server
  thread use the test cursor (pytest-odoo only does it from Odoo 19.0 on);
* an ERROR or CRITICAL record logged during a test (outside Odoo's
  ``mute_logger`` / unittest's ``assertLogs``, which stop propagation) fails
  that test, as runbot fails a build with an error in its log. Odoo's
  ``base: TestInvisibleField`` reports uncommented invisible fields this way.
"""

import logging
import threading

import pytest

try:
    from odoo.modules import module as odoo_module
    from odoo.tools import config as odoo_config
except ImportError:  # pytest run without Odoo: the plugin does nothing
    odoo_module = None
else:
    # pytest-odoo imports Odoo's test framework before it sets test_enable,
    # and Odoo 18.0 then logs an ERROR ("Importing test framework ... when not
    # running in test mode"). Import it here, in test mode, before that.
    odoo_config["test_enable"] = True
    import odoo.tests  # noqa: F401

    odoo_config["test_enable"] = False


class _ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


_collector = _ErrorCollector()
_installed = False


def _install():
    global _installed
    if not _installed:
        logging.getLogger().addHandler(_collector)
        _installed = True


def _describe(record):
    try:
        msg = record.getMessage()
    except (TypeError, ValueError):  # a broken log call
        msg = str(record.msg)
    return f"{record.levelname} {record.name}: {msg}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if odoo_module is None:
        yield
        return
    _install()
    instance = getattr(item, "instance", None)
    previous = odoo_module.current_test
    odoo_module.current_test = instance if instance is not None else True
    threading.current_thread().testing = True
    try:
        yield
    finally:
        odoo_module.current_test = previous


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    if odoo_module is None or not _installed:
        yield
        return
    outcome = yield
    report = outcome.get_result()
    if call.when == "setup":
        item._cb_errors = list(_collector.records)
    else:
        item._cb_errors = getattr(item, "_cb_errors", []) + list(_collector.records)
    _collector.records.clear()
    if not report.passed:
        # the failure already reports what went wrong
        item._cb_errors = []
    elif call.when in ("call", "teardown") and item._cb_errors:
        lines = "\n".join(_describe(r) for r in item._cb_errors)
        report.outcome = "failed"
        report.longrepr = (
            f"ERROR logged during the test (runbot counts it as a failure):\n{lines}"
        )
        item._cb_errors = []


_assets_ready = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before the first HttpCase, build the asset bundles, as Odoo's runner
    does before its post-install tests: a tour otherwise waits for them in
    the browser, step time-outs included."""
    global _assets_ready
    if odoo_module is None or _assets_ready:
        return
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tests.common import HttpCase, get_db_name

    instance = getattr(item, "instance", None)
    if not isinstance(instance, HttpCase) or not item.config.getoption("--odoo-http"):
        return
    _assets_ready = True
    with Registry(get_db_name()).cursor() as cr:
        api.Environment(cr, SUPERUSER_ID, {})["ir.qweb"]._pregenerate_assets_bundles()


def pytest_runtest_logstart(nodeid, location):
    _collector.records.clear()
