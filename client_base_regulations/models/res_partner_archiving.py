# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Archiving under the regulation: the blockers that protect a client, the
archiving itself (one batch, set-based, nothing deleted: planned activities
set aside, the mailing blacklist) and the restore that undoes it.

The scheduled action and the rules that propose clients are in
``client_archive_rule.py``; the reason, a code shown in the reader's
language, in ``res_partner_archive_reason.py``.
"""

import logging
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.client_base.tools import origin

from ..tools import archive_reason

_logger = logging.getLogger(__name__)


# The writes of the archiving itself (``_client_archive_many``) run in the
# origin scope ARCHIVING of client_base/tools/origin.py (not a context key:
# no JSON-RPC caller can claim it).


def _is_client(partner):
    """Top-level partner of no user (as in ``_client_base_domain``): archiving
    it follows the regulation; users' partners follow Odoo's own flows."""
    return (
        not partner.parent_id and not partner.with_context(active_test=False).user_ids
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_archive_protected = fields.Boolean(
        string="Protected from archiving",
        tracking=True,
        help="Never archive this client automatically, whatever the rules say.",
    )
    client_archive_proposed = fields.Boolean(
        string="Proposed for archiving",
        copy=False,
        index=True,
        help="Inactive beyond the archiving rule's period, or did not answer "
        "several verification rounds: a data-quality manager decides.",
    )
    # client_archive_reason: a code with parameters, res_partner_archive_reason.py
    client_archived_on = fields.Date(string="Archived on", copy=False, readonly=True)
    client_state_before_archive = fields.Char(copy=False, readonly=True)
    client_archive_error = fields.Char(
        string="Archiving refused",
        copy=False,
        help="Why the last automatic archiving of this client failed; the "
        "scheduled action skips it until this is cleared.",
    )
    client_archive_blacklisted = fields.Boolean(
        string="Blacklisted by archiving",
        copy=False,
        readonly=True,
        help="Technical: archiving added the e-mail to the mailing blacklist; "
        "restoring the client removes it again.",
    )

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            return self._client_write_archive(vals)
        if vals.get("active"):
            coming = self.filtered(lambda p: not p.active)
            res = super().write(vals)
            coming._client_after_restore()
            return res
        return super().write(vals)

    def toggle_active(self):
        """Odoo's activity mixin deletes the planned activities before it
        archives: set them aside first (the regulation is checked first, so a
        refused client keeps them as they are)."""
        going = self.filtered("active")
        going._client_archive_check_blockers()
        going._client_suspend_activities()
        return super().toggle_active()

    def _client_write_archive(self, vals):
        """``write({'active': False})``, the path of ``action_archive`` and
        ``toggle_active`` too. Archiving by a user follows the regulation:
        clients it protects are refused (with the reason), the others are
        archived with the user's rights and logged like the scheduled action.
        Nothing is deleted: the planned activities are set aside and come
        back on restore."""
        going = self.filtered("active")
        # the archiving itself (scheduled action, wizard, this method) writes
        # with the marker and has checked and logged already
        internal = origin.active(origin.ARCHIVING)
        clients = self.browse() if internal else going.filtered(_is_client)
        clients._client_archive_check_blockers()
        going._client_suspend_activities()
        res = super().write(vals)
        if clients:
            reason = {"code": "manual", "user": self.env.user.name}
            # the user's write above passed the access rights and rules; the
            # archive log, the blacklist and the contact persons go with it
            clients.sudo()._client_archive_many({p.id: reason for p in clients})
        return res

    def _client_archive_check_blockers(self):
        """Refuse, with the reasons, to archive clients that the regulation
        protects (a user's archiving; the jobs skip them instead, and Odoo's
        own code running as superuser is never blocked)."""
        clients = self.browse() if self.env.su else self.filtered(_is_client)
        blockers = clients._client_archive_blockers()
        if blockers:
            names = ", ".join(
                f"{p.display_name} ({', '.join(blockers[p.id])})"
                for p in clients
                if p.id in blockers
            )
            raise UserError(
                self.env._(
                    "These clients cannot be archived under the regulation: %(names)s",
                    names=names,
                )
            )

    def _client_suspend_activities(self):
        """Archive (not delete) the planned activities of the partners in
        ``self``, marked so that restoring the partner brings them back."""
        if not self:
            return
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        if activities:
            activities.write({"active": False, "client_suspended": True})

    def _client_resume_activities(self):
        if not self:
            return
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("active", "=", False),
                    ("client_suspended", "=", True),
                ]
            )
        )
        if activities:
            activities.write({"active": True, "client_suspended": False})

    def _client_archive_blockers(self):
        """{partner id: [reasons]} for the clients in ``self`` that must never
        be archived. Set-based: a fixed number of queries for any size."""
        blockers = {}

        def block(ids, reason):
            for pid in ids:
                blockers.setdefault(pid, []).append(reason)

        if not self:
            return blockers
        env = self.env
        ids = self.ids
        partners = self.sudo().with_context(active_test=False)
        # Own companies
        companies = env["res.company"].sudo().search([("partner_id", "!=", False)])
        block(set(ids) & set(companies.partner_id.ids), env._("our own company"))
        # Manual protection
        block(partners.filtered("client_archive_protected").ids, env._("protected"))
        # VIP
        block(
            partners.filtered(lambda p: p.client_state == "vip").ids,
            env._("VIP client"),
        )
        # Active users (the partner or one of its contacts)
        users = env["res.users"].sudo().search([("partner_id", "child_of", ids)])
        block(
            set(users.partner_id.commercial_partner_id.ids) & set(ids),
            env._("linked to an active user"),
        )
        # Open receivables / payables
        groups = (
            env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "child_of", ids),
                    ("parent_state", "=", "posted"),
                    (
                        "account_id.account_type",
                        "in",
                        ("asset_receivable", "liability_payable"),
                    ),
                    ("reconciled", "=", False),
                    ("amount_residual", "!=", 0),
                ],
                ["partner_id"],
            )
        )
        block(
            {p.commercial_partner_id.id for (p,) in groups} & set(ids),
            env._("open invoices or receivables"),
        )
        # Draft invoices
        groups = (
            env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", ids),
                    ("state", "=", "draft"),
                    ("move_type", "!=", "entry"),
                ],
                ["commercial_partner_id"],
            )
        )
        block({p.id for (p,) in groups}, env._("draft invoices"))
        # The other add-ons' protections (hook of client_base, e.g. open
        # orders from client_base_sale), after the regulation's own
        for pid, reasons in super()._client_archive_blockers().items():
            blockers.setdefault(pid, []).extend(reasons)
        return blockers

    def _client_archive_checked(self, reason, reasons=None):
        """Archive the clients in ``self`` that no blocker protects.

        The unblocked clients are archived together in one savepoint (one
        write per distinct set of values, one batch of chatter notes). If Odoo
        refuses that batch (e.g. a constraint on one partner), the batch is
        rolled back and the clients are archived one by one, each in its own
        savepoint, so one refusal does not undo the others.
        ``reasons`` ({partner: text}) overrides ``reason`` per client.
        Returns ``(archived, skipped)`` with ``skipped`` = {partner: reason}.
        """
        reasons = reasons or {}
        blockers = self._client_archive_blockers()
        skipped = {}
        todo = self.browse()
        for partner in self:
            if partner.id in blockers:
                skipped[partner] = ", ".join(blockers[partner.id])
            else:
                todo |= partner
        if len(todo) > 1:
            try:
                with self.env.cr.savepoint():
                    # callers checked the rights (manager group, write access
                    # or superuser cron); the archive log is a system log
                    todo.sudo()._client_archive_many(
                        {p.id: reasons.get(p, reason) for p in todo}
                    )
            except (UserError, AccessError, ValueError) as error:
                _logger.warning(
                    "Archiving %s clients together failed (%s): one by one",
                    len(todo),
                    error,
                )
            else:
                return todo, skipped
        archived = self.browse()
        for partner in todo:
            try:
                with self.env.cr.savepoint():
                    partner.sudo()._client_archive_one(reasons.get(partner, reason))
            except (UserError, AccessError, ValueError) as error:
                # ValidationError is a UserError
                _logger.warning("Client %s not archived: %s", partner.id, error)
                skipped[partner] = str(error)
                partner.sudo().write({"client_archive_error": str(error)[:500]})
                continue
            archived |= partner
        return archived, skipped

    def _client_archive_one(self, reason):
        self.ensure_one()
        self._client_archive_many({self.id: reason})

    def _client_archive_many(self, reasons):
        """Archive the clients in ``self`` (no blocker check), with their
        contact persons, in a number of queries that does not grow with the
        number of clients: one write per distinct set of values (reason,
        previous state, blacklist flag) and one batch of chatter notes that
        carry the tracked changes (the client state). ``reasons``: {id: reason}
        (a reason dict of ``tools/archive_reason.py`` or a free text).
        """
        if not self:
            return
        if not origin.active(origin.ARCHIVING):
            # its writes are the archiving: the write override lets them by
            with origin.scope(origin.ARCHIVING):
                return self._client_archive_many(reasons)
        today = fields.Date.context_today(self)
        blacklisted = self._client_blacklist_on_archive()
        groups = defaultdict(list)
        contacts = defaultdict(list)
        # the reasons are stored as codes: grouped by their key
        reason_of = {archive_reason.key(r): r for r in reasons.values()}
        for partner in self:
            reason_key = archive_reason.key(reasons[partner.id])
            vals = {
                "active": False,
                "client_archived_on": today,
                "client_archive_reason_key": reason_key,
                "client_archive_proposed": False,
            }
            vals["client_state_before_archive"] = partner.client_state or False
            vals["client_state"] = "archived"
            if partner.id in blacklisted:
                vals["client_archive_blacklisted"] = True
            groups[tuple(sorted(vals.items()))].append(partner.id)
            # the contact persons go along; they carry the date so that
            # restoring brings back exactly these
            contacts[reason_key] += partner.child_ids.ids
        for reason_key, ids in contacts.items():
            if ids:
                self.browse(ids).write(
                    {
                        "active": False,
                        "client_archived_on": today,
                        **self._client_archive_reason_vals(reason_of[reason_key]),
                    }
                )
        # the tracked changes go into the archive note of each client (one
        # message per client, created in one batch) instead of one tracking
        # message per client at commit
        tracked = self._track_get_fields() & {k for key in groups for k, _v in key}
        initial = {p.id: {fname: p[fname] for fname in tracked} for p in self}
        for key, ids in groups.items():
            vals = dict(key)
            vals.update(
                self._client_archive_reason_vals(
                    reason_of[vals.pop("client_archive_reason_key")]
                )
            )
            self.browse(ids).with_context(mail_notrack=True).write(vals)
        tracking = {}
        if tracked:
            tracked_fields = self.fields_get(
                tracked, attributes=("string", "type", "selection", "currency_field")
            )
            for partner in self:
                tracking[partner.id] = partner._mail_track(
                    tracked_fields, initial[partner.id]
                )[1]
        # the note is written in the client's language (not the archiver's)
        bodies = {}
        for partner in self:
            Lang = self.with_context(
                lang=self.env["res.lang"]._client_lang(partner.lang)
            )
            bodies[partner.id] = Markup("<p>%s</p><p>%s</p>") % (
                Lang.env._("Client archived under the client base regulation."),
                Lang.env._(
                    "Reason: %(reason)s",
                    reason=Lang._client_archive_reason_text(reasons[partner.id]),
                ),
            )
        messages = self._message_log_batch(bodies=bodies)
        values = [
            dict(command[2], mail_message_id=message.id)
            for message in messages
            for command in tracking.get(message.res_id, ())
        ]
        if values:
            self.env["mail.tracking.value"].sudo().create(values)

    def _client_blacklist_on_archive(self):
        """Archived clients get no mailings: partners that are archived drop out
        of every mailing built on contacts; their address is also put on the
        mailing blacklist (which mass mailings honour, transactional e-mails
        such as invoices do not), unless another active contact uses it.

        Set-based for the clients in ``self`` (being archived together): returns
        the ids of the clients whose address archiving blacklisted (the last
        one of ``self`` with that address)."""
        by_email = {}
        for partner in self:
            if partner.email_normalized:
                by_email[partner.email_normalized] = partner
        if not by_email:
            return set()
        Blacklist = self.env["mail.blacklist"].sudo()
        # blacklisted already: not ours to lift later
        taken = set(Blacklist.search([("email", "in", list(by_email))]).mapped("email"))
        groups = self.sudo()._read_group(
            [
                ("email_normalized", "in", list(by_email)),
                ("id", "not in", (self | self.child_ids).ids),
            ],
            ["email_normalized"],
        )
        taken.update(email for (email,) in groups)
        todo = {email: p for email, p in by_email.items() if email not in taken}
        if not todo:
            return set()
        messages = {
            email: self.env._("Client %(name)s archived", name=partner.display_name)
            for email, partner in todo.items()
        }
        # lifted entries come back (as mail.blacklist._add does)
        lifted = Blacklist.with_context(active_test=False).search(
            [("email", "in", list(todo))]
        )
        for entry in lifted:
            entry._track_set_log_message(messages[entry.email])
        if lifted:
            lifted.action_unarchive()
        new = [email for email in todo if email not in set(lifted.mapped("email"))]
        if new:
            entries = Blacklist.create([{"email": email} for email in new])
            entries.with_context(mail_create_nosubscribe=True)._message_log_batch(
                bodies={entry.id: escape(messages[entry.email]) for entry in entries}
            )
        return {partner.id for partner in todo.values()}

    def _client_after_restore(self):
        """Undo what archiving did, and log it: the planned activities set
        aside come back; for the clients archived under the regulation, the
        contact persons archived with them, their state and the mailing
        blacklist entry archiving added."""
        self._client_resume_activities()
        for partner in self.filtered(
            lambda p: p.active and not p.parent_id and p.client_archived_on
        ):
            vals = {
                "client_archived_on": False,
                "client_archive_reason": False,
                "client_archive_proposed": False,
                "client_archive_blacklisted": False,
                "client_archive_error": False,
            }
            if partner.client_state == "archived":
                vals["client_state"] = partner.client_state_before_archive or "client"
            vals["client_state_before_archive"] = False
            if partner.client_archive_blacklisted and partner.email_normalized:
                self.env["mail.blacklist"].sudo()._remove(
                    partner.email_normalized,
                    message=self.env._(
                        "Client %(name)s restored", name=partner.display_name
                    ),
                )
            contacts = (
                partner.sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("parent_id", "=", partner.id),
                        ("active", "=", False),
                        ("client_archived_on", "!=", False),
                    ]
                )
            )
            if contacts:
                contacts.write(
                    {
                        "active": True,
                        "client_archived_on": False,
                        "client_archive_reason": False,
                    }
                )
            partner.sudo().write(vals)
            partner.sudo().message_post(
                body=self.env._(
                    "Client restored from the archive by %(user)s.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
