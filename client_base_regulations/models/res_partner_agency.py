# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Agency operators read what they may write: the contact data.

The record rule gives an agency operator the clients assigned to him; the
write checks of ``res_partner.py`` let him change their contact data only
(``AGENCY_WRITABLE_FIELDS``). The same whitelist bounds what he reads and
searches on over every read path a client can call: ``read``,
``search_read``, ``web_read`` (the fields outside it are left out),
``read_group`` (through ``_read_group``), ``export_data``, search domains
and orders, ``fields_get``.
Only the fields that name and link a record come on top of it.
"""

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from .res_partner import AGENCY_WRITABLE_FIELDS

# What identifies a record and links it to its company and contact persons:
# no data of the client in itself.
AGENCY_RECORD_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "complete_name",
        "parent_id",
        "commercial_partner_id",
        "child_ids",
        "is_company",
        "active",
        "write_date",
    }
)
# The one whitelist of an agency operator's reads (and, through
# AGENCY_WRITABLE_FIELDS, of his writes).
AGENCY_READABLE_FIELDS = AGENCY_WRITABLE_FIELDS | AGENCY_RECORD_FIELDS


def _field_path(path):
    return path.split(".") if isinstance(path, str) else []


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _client_agency_read_forbidden(self, names):
        """The names among ``names`` an agency operator may not read."""
        return sorted(
            {name for name in names if name and name not in AGENCY_READABLE_FIELDS}
        )

    def _client_agency_check_read(self, names):
        if not self._client_is_agency_only():
            return
        forbidden = self._client_agency_read_forbidden(names)
        if forbidden:
            raise AccessError(
                self.env._(
                    "As a data agency operator you may only read contact "
                    "data; not allowed: %(fields)s",
                    fields=", ".join(forbidden),
                )
            )

    def _client_agency_domain_fields(self, domain):
        """The partner fields a domain filters on (paths followed as long as
        they stay on partners; other models apply their own rules)."""
        names = set()
        for leaf in domain or ():
            if not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
                continue
            path, operator, value = leaf
            if path in (0, 1) or not isinstance(path, str):
                continue
            model = self
            for name in _field_path(path):
                if model._name != "res.partner":
                    break
                names.add(name)
                field = model._fields.get(name)
                if field is None or not field.relational:
                    break
                model = self.env[field.comodel_name]
            field = self._fields.get(_field_path(path)[-1])
            if (
                operator in ("any", "not any")
                and field is not None
                and field.relational
                and field.comodel_name == "res.partner"
                and isinstance(value, (list, tuple))
            ):
                names |= self._client_agency_domain_fields(value)
        return names

    def _client_agency_check_domain(self, domain, order=None):
        if not self._client_is_agency_only():
            return
        names = set()
        if domain and not expression.is_false(self, domain):
            names |= self._client_agency_domain_fields(domain)
        for part in (order or "").split(","):
            if part.strip():
                names.add(part.split()[0].strip('"'))
        self._client_agency_check_read(names)

    # ------------------------------------------------------------ reads

    def get_formview_id(self, access_uid=None):
        """An agency operator opens a client (from his calls) with the form
        of his whitelist, not Odoo's full contact form."""
        user = self.env["res.users"].browse(access_uid) if access_uid else None
        partners = self.with_user(user) if user else self
        if partners._client_is_agency_only():
            return self.env.ref(
                "client_base_regulations.res_partner_view_form_agency"
            ).id
        return super().get_formview_id(access_uid=access_uid)

    @api.model
    def _search_display_name(self, operator, value):
        """Name search of an agency operator: on the whitelisted names only
        (base also matches the tax ID, reference and registry number)."""
        if not self._client_is_agency_only():
            return super()._search_display_name(operator, value)
        names = [
            name for name in self._rec_names_search if name in AGENCY_READABLE_FIELDS
        ]
        combine = (
            expression.AND
            if operator in expression.NEGATIVE_TERM_OPERATORS
            else expression.OR
        )
        domain = combine([[(name, operator, value)] for name in names])
        if operator.endswith("like"):
            # as base: the contact persons of a matching company too
            return [("id", "child_of", self._search(domain))]
        return domain

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        res = super().fields_get(allfields, attributes)
        if self._client_is_agency_only():
            res = {
                name: desc
                for name, desc in res.items()
                if name in AGENCY_READABLE_FIELDS
            }
        return res

    def read(self, fields=None, load="_classic_read"):
        if self._client_is_agency_only():
            if fields:
                self._client_agency_check_read(fields)
            else:
                fields = sorted(AGENCY_READABLE_FIELDS & set(self._fields))
        return super().read(fields, load=load)

    def web_read(self, specification):
        if self._client_is_agency_only():
            specification = {
                name: spec
                for name, spec in specification.items()
                if name in AGENCY_READABLE_FIELDS
            }
        return super().web_read(specification)

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        if self._client_is_agency_only():
            if fields:
                self._client_agency_check_read(fields)
            else:
                fields = sorted(AGENCY_READABLE_FIELDS & set(self._fields))
        return super().search_read(
            domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        self._client_agency_check_domain(domain, order)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        if self._client_is_agency_only():
            specs = [*groupby, *aggregates, *(order or "").split(",")]
            names = {
                spec.split()[0].split(":")[0].split(".")[0]
                for spec in specs
                if spec.strip()
            }
            self._client_agency_check_read(names - {"__count"})
        return super()._read_group(
            domain,
            groupby,
            aggregates,
            having=having,
            offset=offset,
            limit=limit,
            order=order,
        )

    def export_data(self, fields_to_export):
        if self._client_is_agency_only():
            names = [
                path.replace("/", ".").split(".")[0]
                for path in fields_to_export
                if path not in (".id", "id")
            ]
            self._client_agency_check_read(names)
        return super().export_data(fields_to_export)
