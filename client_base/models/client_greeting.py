# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Greetings of the week (the secretary's workspace).

One record per client, occasion and year: opening "Greetings this week"
creates the records of the current ISO week (idempotent), and the unique key
(partner, occasion, year) guarantees that a greeting is never sent twice in
the same year, whoever presses the button and however often.
"""

from odoo import api, fields, models
from odoo.tools import SQL, format_date

from ..tools import bounds
from ..tools import greeting as greeting_logic
from ..tools.normalize import normalize_email
from .bounded import check_bounds


def _valid_email(email):
    """A single well-formed address ("a@@b.ru", "ivanov@" are not)."""
    return bool(email) and normalize_email(email)[1]


OCCASION_SELECTION = [
    ("birthday", "Birthday"),
    ("founding", "Company anniversary"),
    ("client_since", "Client anniversary"),
]
TEMPLATE_XMLID = "client_base.client_greeting_mail_template"
LETTER_ACTIVITY_XMLID = "mail.mail_activity_data_todo"


class ClientGreeting(models.Model):
    _name = "client.greeting"
    _description = "Greeting of a client"
    _order = "occasion_date, occasion, partner_id"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Greet",
        required=True,
        index=True,
        ondelete="cascade",
        help="The contact person (birthday) or the client company (anniversaries).",
    )
    parent_id = fields.Many2one(
        related="partner_id.parent_id", string="Client company", store=True
    )
    occasion = fields.Selection(OCCASION_SELECTION, required=True)
    origin_date = fields.Date(
        string="Since", required=True, help="Birth, founding or first invoice date."
    )
    occasion_date = fields.Date(string="Date", required=True, index=True)
    year = fields.Integer(required=True)
    years = fields.Integer(
        compute="_compute_years", store=True, help="Age or anniversary."
    )
    is_round = fields.Boolean(
        string="Round anniversary", compute="_compute_years", store=True
    )
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account manager",
        related="partner_id.commercial_partner_id.user_id",
    )
    email = fields.Char(related="partner_id.email")
    preferred_channel = fields.Selection(related="partner_id.client_preferred_channel")
    channel = fields.Selection(
        [("email", "E-mail"), ("letter", "Letter")],
        string="Send by",
        compute="_compute_channel",
        store=True,
        readonly=False,
        help="E-mail from the greeting template, or a letter to prepare (a "
        "to-do activity) when the client prefers letters or has no e-mail.",
    )
    state = fields.Selection(
        [("todo", "To send"), ("sent", "Sent")],
        default="todo",
        required=True,
        index=True,
    )
    sent_date = fields.Datetime(string="Sent on", readonly=True)
    sent_by_id = fields.Many2one("res.users", string="Sent by", readonly=True)

    _sql_constraints = (
        (
            "partner_occasion_year_uniq",
            "unique(partner_id, occasion, year)",
            "A client is greeted once a year for each occasion.",
        ),
    )

    @api.constrains(*bounds.fields_of("client.greeting"))
    def _check_client_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("client.greeting"))

    @api.depends("origin_date", "occasion_date")
    def _compute_years(self):
        for greeting in self:
            years = 0
            if greeting.origin_date and greeting.occasion_date:
                years = greeting_logic.years_since(
                    greeting.origin_date, greeting.occasion_date
                )
            greeting.years = years
            greeting.is_round = greeting_logic.is_round(years)

    @api.depends("partner_id.email", "partner_id.client_preferred_channel")
    def _compute_channel(self):
        for greeting in self:
            if greeting.state == "sent":
                greeting.channel = greeting.channel
                continue
            partner = greeting.partner_id
            # a malformed address ("ivanov@", two addresses) falls back to a letter
            letter = partner.client_preferred_channel == "letter" or not (
                _valid_email(partner.email)
            )
            greeting.channel = "letter" if letter else "email"

    def action_send(self):
        """Send the greetings still to send: an e-mail from the template, or
        a to-do activity "prepare a letter". Each is logged as an interaction.
        Greetings already sent are skipped (never twice in the same year)."""
        self.check_access("write")
        todo = self.filtered(lambda g: g.state == "todo")
        for greeting in todo:
            if greeting.channel == "email" and _valid_email(greeting.partner_id.email):
                greeting._send_email()
            else:
                greeting._plan_letter()
        todo.write(
            {
                "state": "sent",
                "sent_date": fields.Datetime.now(),
                "sent_by_id": self.env.uid,
            }
        )
        todo._log_interaction()
        message = self.env._(
            "%(sent)s greeting(s) sent or planned, %(skipped)s already sent.",
            sent=len(todo),
            skipped=len(self - todo),
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if todo else "info",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def action_open_week(self):
        """The secretary's button: this week's greetings, prepared on the fly."""
        # the preparation below runs as superuser: only for greeting readers
        self.check_access("read")
        monday, sunday = greeting_logic.week_bounds(fields.Date.context_today(self))
        greetings = self._generate(monday, sunday)
        # an address found malformed since the greeting was prepared: a letter
        greetings.filtered(
            lambda g: (
                g.state == "todo"
                and g.channel == "email"
                and not _valid_email(g.partner_id.email)
            )
        ).channel = "letter"
        action = self.env["ir.actions.actions"]._for_xml_id(
            "client_base.client_greeting_action"
        )
        action["domain"] = [
            ("occasion_date", ">=", fields.Date.to_string(monday)),
            ("occasion_date", "<=", fields.Date.to_string(sunday)),
        ]
        action["display_name"] = self.env._(
            "Greetings from %(monday)s to %(sunday)s",
            monday=format_date(self.env, monday),
            sunday=format_date(self.env, sunday),
        )
        return action

    def _occasion_label(self):
        self.ensure_one()
        return dict(self._fields["occasion"]._description_selection(self.env))[
            self.occasion
        ]

    def _send_email(self):
        self.ensure_one()
        template = self.env.ref(TEMPLATE_XMLID, raise_if_not_found=False)
        if template:
            template.send_mail(self.id)

    def _plan_letter(self):
        self.ensure_one()
        deadline = max(self.occasion_date, fields.Date.context_today(self))
        # in the assignee's language (a scheduled job may plan it)
        greeting = self.with_context(
            lang=self.env["res.lang"]._client_lang(self.env.user.lang)
        )
        self.partner_id.activity_schedule(
            act_type_xmlid=LETTER_ACTIVITY_XMLID,
            date_deadline=deadline,
            summary=greeting.env._(
                "Greeting letter: %(occasion)s of %(name)s",
                occasion=greeting._occasion_label(),
                name=self.partner_id.display_name,
            ),
            user_id=self.env.uid,
        )

    def _greeting_summary(self):
        return self.env._(
            "Greeting: %(occasion)s (%(years)s)",
            occasion=self._occasion_label(),
            years=self.years,
        )

    def _log_interaction(self):
        """One interaction per greeting (the source key makes it unique)."""
        if "client.interaction" not in self.env:
            return
        channels = {"email": "email_out", "letter": "letter"}
        self.env["client.interaction"].create(
            [
                {
                    "partner_id": greeting.partner_id.commercial_partner_id.id,
                    "contact_id": greeting.partner_id.id
                    if greeting.partner_id.parent_id
                    else False,
                    "channel": channels[greeting.channel],
                    # the client's language (a job writes it)
                    "summary": greeting.with_context(
                        lang=self.env["res.lang"]._client_lang(greeting.partner_id.lang)
                    )._greeting_summary(),
                    "company_id": (greeting.company_id or self.env.company).id,
                    "res_model": self._name,
                    "res_id": greeting.id,
                }
                for greeting in self
            ]
        )

    @api.model
    def _generate(self, start, end):
        """Create the greetings whose occasion falls from ``start`` to ``end``
        (idempotent). Returns the greetings of the period."""
        keys = greeting_logic.month_day_keys(start, end)
        existing = {
            (g.partner_id.id, g.occasion, g.year)
            for g in self.sudo().search(
                [("occasion_date", ">=", start), ("occasion_date", "<=", end)]
            )
        }
        vals_list = []
        for occasion, origins in self._get_occasion_origins(keys).items():
            for partner_id, origin in origins.items():
                day = greeting_logic.occurrence_in_range(origin, start, end)
                if not day or (partner_id, occasion, day.year) in existing:
                    continue
                vals_list.append(
                    {
                        "partner_id": partner_id,
                        "occasion": occasion,
                        "origin_date": origin,
                        "occasion_date": day,
                        "year": day.year,
                    }
                )
        # sudo: the greetings are derived data, prepared for whoever opens the
        # list; reading them stays subject to the access rules.
        self.sudo().create(vals_list)
        return self.search(
            [("occasion_date", ">=", start), ("occasion_date", "<=", end)]
        )

    @api.model
    def _get_occasion_origins(self, keys):
        """{occasion: {partner_id: origin date}} of the candidates whose day
        and month are among ``keys`` ("MM-DD"). Extension hook."""
        return {
            "birthday": self._query_origins("birthday", keys, is_company=False),
            "founding": self._query_origins(
                "client_founding_date", keys, is_company=True
            ),
            "client_since": self._get_client_since_origins(keys),
        }

    @api.model
    def _get_client_since_origins(self, keys):
        """Clients (not prospects) and the day they became clients. Without
        invoicing, the day the card was created; client_base_analytics uses
        the first customer invoice instead."""
        Partner = self.env["res.partner"]
        Partner.flush_model(["create_date", "client_state", "parent_id", "active"])
        # SQL: day-and-month matching is not expressible in an ORM domain
        rows = self.env.execute_query(
            SQL(
                """
                SELECT id, create_date::date
                  FROM res_partner
                 WHERE active
                   AND parent_id IS NULL
                   AND client_state IN ('client', 'vip')
                   AND to_char(create_date, 'MM-DD') IN %(keys)s
                """,
                keys=tuple(keys),
            )
        )
        return dict(rows)

    @api.model
    def _query_origins(self, field_name, keys, is_company):
        Partner = self.env["res.partner"]
        Partner.flush_model([field_name, "is_company", "client_state", "active"])
        # SQL: day-and-month matching is not expressible in an ORM domain
        rows = self.env.execute_query(
            SQL(
                """
                SELECT id, %(field)s
                  FROM res_partner
                 WHERE active
                   AND COALESCE(is_company, FALSE) = %(is_company)s
                   AND %(field)s IS NOT NULL
                   AND COALESCE(client_state, '') != 'archived'
                   AND to_char(%(field)s, 'MM-DD') IN %(keys)s
                """,
                field=SQL.identifier(field_name),
                is_company=is_company,
                keys=tuple(keys),
            )
        )
        return dict(rows)
