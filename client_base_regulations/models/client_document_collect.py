# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# Own file per feature: several teams extend the same models in this add-on.
# pylint: disable=consider-merging-classes-inherited
"""Signed originals of customer invoices (the accountant's workspace).

One line per expected document (signed invoice, delivery act, contract) and
per customer invoice, rather than three times three fields on the invoice:
the "Documents to collect" list then shows exactly one row per missing
original, groups by account manager and sorts by age with the standard list
view, and a new kind of document is one more selection value and setting,
not three more columns on ``account.move``. The line model lives with its
parent extension (house style: a one2many line model may live with its
parent).
"""

from markupsafe import Markup

from odoo import api, fields, models

DOCUMENT_TYPES = [
    ("invoice", "Signed invoice"),
    ("act", "Delivery act"),
    ("contract", "Contract"),
]
# ir.config_parameter key per document type: "True" when the document is
# expected back signed for every posted customer invoice.
DOCUMENT_PARAM = "client_base_regulations.collect_%s"
ACTIVITY_TYPE_XMLID = "client_base_regulations.mail_activity_type_document_collect"
# Above this many invoices reminded at once, no e-mail per activity
REMIND_NOTIFY_LIMIT = 50


class ClientDocumentCollect(models.Model):
    _name = "client.document.collect"
    _description = "Signed original of a customer invoice"
    _order = "invoice_date, move_id, document_type"
    _check_company_auto = True

    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    document_type = fields.Selection(DOCUMENT_TYPES, string="Document", required=True)
    received = fields.Boolean(
        string="Original received",
        help="The signed original came back from the client.",
    )
    received_date = fields.Date(string="Received on")
    received_by_id = fields.Many2one("res.users", string="Received by")
    # Copied from the invoice (stored: the list groups and filters by them)
    company_id = fields.Many2one(
        related="move_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        related="move_id.commercial_partner_id",
        store=True,
        index=True,
    )
    invoice_date = fields.Date(related="move_id.invoice_date", store=True)
    move_state = fields.Selection(
        related="move_id.state", string="Invoice status", store=True
    )
    # the invoice's total in the invoice's currency, shown on each of its
    # document lines: never summed (a group would count the invoice once per
    # expected document and add the currencies of its invoices)
    amount_total = fields.Monetary(related="move_id.amount_total", aggregator=None)
    currency_id = fields.Many2one(related="move_id.currency_id")
    manager_id = fields.Many2one(
        "res.users",
        string="Account manager",
        compute="_compute_manager_id",
        store=True,
        index=True,
        help="Salesperson of the invoice, else the client's salesperson: the "
        "person who must bring the signed original back.",
    )
    age_days = fields.Integer(
        string="Age (days)",
        compute="_compute_age_days",
        help="Days since the invoice date.",
    )

    _sql_constraints = (
        (
            "move_document_uniq",
            "unique(move_id, document_type)",
            "Each document is expected only once per invoice.",
        ),
    )

    @api.depends("move_id.invoice_user_id", "move_id.commercial_partner_id.user_id")
    def _compute_manager_id(self):
        for line in self:
            move = line.move_id
            line.manager_id = move.invoice_user_id or move.commercial_partner_id.user_id

    @api.depends("invoice_date")
    def _compute_age_days(self):
        today = fields.Date.context_today(self)
        for line in self:
            start = line.invoice_date or line.move_id.date
            line.age_days = (today - start).days if start else 0

    @api.depends("move_id.name", "document_type")
    def _compute_display_name(self):
        labels = dict(self._fields["document_type"]._description_selection(self.env))
        for line in self:
            line.display_name = self.env._(
                "%(invoice)s: %(document)s",
                invoice=line.move_id.name or "",
                document=labels.get(line.document_type, ""),
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._prepare_received_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._prepare_received_vals(vals)
        return super().write(vals)

    def action_mark_received(self):
        self.filtered(lambda line: not line.received).write({"received": True})
        return True

    def action_remind_manager(self):
        """Schedule one reminder activity per invoice for its account manager.

        Idempotent: an invoice that already has an open reminder gets no
        second one. Returns a notification saying how many were scheduled."""
        self.check_access("write")
        moves = self.filtered(
            lambda line: not line.received and line.move_state == "posted"
        ).move_id
        scheduled = moves._client_document_remind()
        message = self.env._(
            "%(done)s reminder(s) scheduled, %(skipped)s invoice(s) already "
            "had an open reminder.",
            done=len(scheduled),
            skipped=len(moves - scheduled),
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if scheduled else "info",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _prepare_received_vals(self, vals):
        """Ticking "received" records when and by whom, unless given."""
        if "received" not in vals:
            return
        if vals["received"]:
            if not vals.get("received_date"):
                vals["received_date"] = fields.Date.context_today(self)
            if not vals.get("received_by_id"):
                vals["received_by_id"] = self.env.uid
        else:
            vals.update(received_date=False, received_by_id=False)

    @api.model
    def _get_expected_document_types(self):
        """Document types expected back signed (settings); extension hook."""
        icp = self.env["ir.config_parameter"].sudo()
        return [
            code
            for code, _label in DOCUMENT_TYPES
            if icp.get_param(DOCUMENT_PARAM % code) == "True"
        ]


class AccountMove(models.Model):
    _inherit = "account.move"

    client_document_ids = fields.One2many(
        "client.document.collect",
        "move_id",
        string="Signed originals",
        copy=False,
    )
    client_document_missing_count = fields.Integer(
        string="Originals missing", compute="_compute_client_document_missing_count"
    )

    client_document_missing = fields.Char(
        string="Missing originals",
        compute="_compute_client_document_missing_count",
        help="The signed originals still expected back from the client.",
    )
    client_document_age_days = fields.Integer(
        string="Age (days)",
        compute="_compute_client_document_missing_count",
        help="Days since the invoice date.",
    )

    @api.depends("client_document_ids.received", "invoice_date")
    def _compute_client_document_missing_count(self):
        labels = dict(
            self.env["client.document.collect"]
            ._fields["document_type"]
            ._description_selection(self.env)
        )
        today = fields.Date.context_today(self)
        for move in self:
            missing = move.client_document_ids.filtered(lambda line: not line.received)
            move.client_document_missing_count = len(missing)
            # computed on read, never stored: the labels follow the user's language
            move.client_document_missing = ", ".join(
                labels[code]
                for code, _label in DOCUMENT_TYPES
                if code in missing.mapped("document_type")
            )
            start = move.invoice_date or move.date
            move.client_document_age_days = (today - start).days if start else 0

    def action_client_document_remind(self):
        """Button of the accountant's list: remind the account managers of
        the selected invoices (one open reminder per invoice at most)."""
        return self.client_document_ids.action_remind_manager()

    def action_client_document_received(self):
        """Button of the accountant's list: all originals of the selected
        invoices are back."""
        return self.client_document_ids.action_mark_received()

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._client_document_expect()
        return posted

    def action_client_document_expect(self):
        """Button: create the expected lines of an invoice posted before the
        feature (or before a document type was added in the settings)."""
        self.check_access("write")
        self._client_document_expect()
        return True

    def _client_document_expect(self):
        """Create the missing expected-document lines of posted customer
        invoices. Idempotent. Runs as superuser: posting is often done by
        users (salespeople, automatic flows) without rights on the lines."""
        invoices = self.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )
        if not invoices:
            return
        Line = self.env["client.document.collect"].sudo()
        types = Line._get_expected_document_types()
        vals_list = []
        for move in invoices:
            present = set(move.sudo().client_document_ids.mapped("document_type"))
            vals_list += [
                {"move_id": move.id, "document_type": code}
                for code in types
                if code not in present
            ]
        if vals_list:
            Line.create(vals_list)

    def _client_document_remind(self):
        """Schedule the reminder activity on invoices without an open one;
        return the invoices that got one."""
        activity_type = self.env.ref(ACTIVITY_TYPE_XMLID, raise_if_not_found=False)
        if not activity_type:
            return self.browse()
        open_moves = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", "account.move"),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        field = self.env["client.document.collect"]._fields["document_type"]
        labels = {}  # the document labels in each manager's language

        def env_of(user):
            env = self.with_context(
                lang=self.env["res.lang"]._client_lang(user.lang)
            ).env
            if env.lang not in labels:
                labels[env.lang] = dict(field._description_selection(env))
            return env

        model_id = self.env["ir.model"]._get_id("account.move")
        deadline = activity_type._get_date_deadline()
        vals_list = []
        scheduled = self.browse()
        for move in self:
            if move.id in open_moves:
                continue
            missing = move.client_document_ids.filtered(lambda line: not line.received)
            if not missing:
                continue
            manager = missing[0].manager_id or self.env.user
            # summary and note in the assignee's language (a job writes them)
            env = env_of(manager)
            items = Markup("").join(
                Markup("<li>%s</li>") % labels[env.lang][line.document_type]
                for line in missing
            )
            vals_list.append(
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": move.id,
                    "summary": env._(
                        "Bring back the signed originals of %(invoice)s",
                        invoice=move.name,
                    ),
                    "note": Markup("<ul>%s</ul>") % items,
                    "date_deadline": deadline,
                    "user_id": manager.id,
                    "automated": True,
                }
            )
            scheduled |= move
        # one batch; beyond REMIND_NOTIFY_LIMIT invoices the managers are not
        # e-mailed once per activity (the activities still show in their
        # activity menu): the e-mails dominate the cost (~150 ms each)
        quiet = len(vals_list) > REMIND_NOTIFY_LIMIT
        self.env["mail.activity"].with_context(mail_activity_quick_update=quiet).create(
            vals_list
        )
        return scheduled
