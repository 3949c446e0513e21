# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo import fields, models

# Seconds before a call that could do nothing (its rows busy in another
# transaction) is tried again: the other transaction has committed by then.
RETRY_DELAY = 30


class IrCron(models.Model):
    _inherit = "ir.cron"

    def _client_notify_progress(self, done, remaining):
        """``_notify_progress`` with the suite's scheduler contract.

        Odoo 18.0's runner (``ir.cron._run_job``) calls a job again at once
        only when a call reports ``done > 0`` and ``remaining > 0``; done=0
        reads as "finished" and the job waits for its next day. A call of the
        suite reports the steps it took as done (an aggregation chunk, a
        phase, a batch); a call that could do nothing while work remains
        (its batch yielded to a concurrent transaction) reports done=0 and
        triggers its scheduled action again in ``RETRY_DELAY`` seconds.
        """
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        cron_id = self.env.context.get("cron_id")
        if remaining and not done and cron_id:
            # a trigger of "now" could be deleted by the runner's own
            # rescheduling of this pass (its call_at is rounded to the second)
            at = fields.Datetime.now() + datetime.timedelta(seconds=RETRY_DELAY)
            self.env["ir.cron"].sudo().browse(cron_id)._trigger(at)
