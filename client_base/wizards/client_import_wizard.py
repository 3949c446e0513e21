# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import binascii
import io
import json
import logging

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..models.res_partner import people_edit
from ..tools import import_file, import_match, normalize

_logger = logging.getLogger(__name__)

try:
    import openpyxl
    import pandas as pd
except ImportError:  # pragma: no cover - declared in external_dependencies
    openpyxl = pd = None

IMPORT_FIELD_SELECTION = [
    ("name", "Name"),
    ("company_type", "Company or person"),
    ("vat", "Tax ID"),
    ("email", "E-mail"),
    ("client_email_personal", "Personal e-mail"),
    ("phone", "Main work phone"),
    ("client_phone_extra", "Additional work phone"),
    ("mobile", "Mobile"),
    ("website", "Website"),
    ("street", "Street"),
    ("street2", "Street 2"),
    ("zip", "ZIP"),
    ("city", "City"),
    ("country", "Country (name or code)"),
    ("function", "Job position"),
]
# Rows of one file at most: the preview (matching every row against the
# existing clients) is built in one request. A longer file is refused with a
# message, never cut.
MAX_ROWS = 5000
COMPANY_WORDS = {"company", "компания", "организация", "юрлицо", "1", "true", "yes"}


class ClientImportWizard(models.TransientModel):
    """Import a client list (CSV or XLSX) with mapping, matching and preview."""

    _name = "client.import.wizard"
    _description = "Import clients"

    state = fields.Selection(
        [
            ("upload", "Upload"),
            ("map", "Map columns"),
            ("preview", "Preview"),
            ("done", "Done"),
        ],
        default="upload",
        required=True,
    )
    file = fields.Binary(required=True)
    filename = fields.Char()
    encoding = fields.Char(
        readonly=True,
        help="Character encoding the file was read with (detected).",
    )
    row_count = fields.Integer(string="Rows in the file", readonly=True)
    source = fields.Char(
        required=True,
        help="Where the list comes from (exhibition, partner, old CRM...). "
        "Recorded on every created or updated client.",
    )
    overwrite = fields.Boolean(
        string="Overwrite existing values",
        help="Without it, a value that differs from the client's existing one "
        "is reported as a conflict and not written.",
    )
    column_ids = fields.One2many(
        "client.import.wizard.column", "wizard_id", string="File columns"
    )
    preview_ids = fields.One2many(
        "client.import.wizard.preview", "wizard_id", string="Preview lines"
    )
    create_count = fields.Integer(compute="_compute_counts")
    update_count = fields.Integer(compute="_compute_counts")
    conflict_count = fields.Integer(compute="_compute_counts")
    error_count = fields.Integer(compute="_compute_counts")

    @api.depends("preview_ids.action")
    def _compute_counts(self):
        for wizard in self:
            actions = wizard.preview_ids.mapped("action")
            wizard.create_count = actions.count("create")
            wizard.update_count = actions.count("update")
            wizard.conflict_count = actions.count("conflict")
            wizard.error_count = actions.count("error")

    # Steps -----------------------------------------------------------------

    def action_read_file(self):
        self.ensure_one()
        frame = self._read_frame()
        mapping = import_match.guess_mapping(list(frame.columns))
        self.column_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "sequence": index,
                    "column": str(column),
                    "sample": ", ".join(
                        str(value) for value in frame[column].head(3) if value
                    )[:200],
                    "field_name": mapping[column] or False,
                }
            )
            for index, column in enumerate(frame.columns)
        ]
        self.row_count = len(frame)
        self.state = "map"
        return self._reopen()

    def action_preview(self):
        self.ensure_one()
        mapping = {
            line.column: line.field_name for line in self.column_ids if line.field_name
        }
        if "name" not in mapping.values():
            raise UserError(self.env._("Map one column to the client name."))
        frame = self._read_frame()
        lines = []
        seen = {}
        for index, row in enumerate(frame.to_dict("records"), start=1):
            line = self._preview_row(index, row, mapping)
            if line["action"] in ("create", "update"):
                keys = self._file_keys(json.loads(line["values_json"]), line)
                first = next((seen[key] for key in keys if key in seen), None)
                if first:
                    line.update(
                        action="conflict",
                        message=self.env._(
                            "Same client as row %(row)s of the file.", row=first
                        ),
                    )
                else:
                    seen.update(dict.fromkeys(keys, index))
            lines.append(line)
        self.preview_ids = [fields.Command.clear()] + [
            fields.Command.create(vals) for vals in lines
        ]
        self.state = "preview"
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.state = "map" if self.state == "preview" else "upload"
        return self._reopen()

    def action_apply(self):
        """Create and update the clients of the preview, once: the wizard is
        locked for the time of the transaction and must be in the preview
        state, so a second press (double click, second tab) creates nothing
        and shows the result of the first."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        Partner.check_access("create")
        self.check_access("write")
        self._lock_for_apply()
        if self.state == "done":
            return self._reopen()
        if self.state != "preview":
            raise UserError(self.env._("Preview the import before applying it."))
        created = Partner.browse()
        updated = Partner.browse()
        with people_edit():  # a person's import: normalised, rules apply
            for line in self.preview_ids.filtered(
                lambda p: p.action in ("create", "update")
            ):
                vals = json.loads(line.values_json or "{}")
                vals["client_import_source"] = self.source
                if line.action == "create":
                    partner = Partner.create(vals)
                    created |= partner
                else:
                    partner = line.partner_id
                    partner.write(vals)
                    updated |= partner
                line.partner_id = partner
        (created | updated)._client_mark_verified(
            "import",
            note=self.env._(
                "Imported from %(origin)s (%(file)s).",
                origin=self.source,
                file=self.filename or "",
            ),
        )
        self.state = "done"
        return self._reopen()

    # Helpers ---------------------------------------------------------------

    def _lock_for_apply(self):
        """Row lock on the wizard: a concurrent apply fails to take it and is
        told so; one that starts after the first committed sees it done (or
        gets a serialisation failure that Odoo retries, then sees it done)."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id = %s FOR UPDATE NOWAIT",
                        SQL.identifier(self._table),
                        self.id,
                    ),
                    log_exceptions=False,
                )
        except pg_errors.LockNotAvailable as error:
            raise UserError(
                self.env._(
                    "This import is being applied already (another click or "
                    "tab); its result shows when it is finished."
                )
            ) from error
        self.invalidate_recordset(["state"])

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import clients"),
        }

    def _read_frame(self):
        """The uploaded file as a DataFrame of stripped strings."""
        if pd is None:
            raise UserError(self.env._("The pandas library is not installed."))
        try:
            content = base64.b64decode(self.file or b"")
        except (binascii.Error, ValueError) as error:
            raise UserError(self.env._("The file cannot be read.")) from error
        name = (self.filename or "").lower()
        try:
            if name.endswith(".xlsx"):
                frame = self._read_xlsx(content)
                encoding = False
            else:
                text, encoding = import_file.decode(content)
                # every row is read, to refuse (not cut) a file that is too long
                frame = pd.read_csv(
                    io.StringIO(text),
                    dtype=str,
                    keep_default_na=False,
                    sep=None,
                    engine="python",
                )
        except UserError:
            raise
        except Exception as error:
            _logger.info("Client import: unreadable file %s: %s", name, error)
            raise UserError(
                self.env._(
                    "The file %(file)s cannot be read as CSV or XLSX: %(error)s",
                    file=self.filename or "",
                    error=str(error),
                )
            ) from error
        if frame.empty:
            raise UserError(self.env._("The file holds no rows."))
        if len(frame) > MAX_ROWS:
            raise self._too_many_rows(len(frame))
        if self.encoding != encoding:
            self.encoding = encoding
        return frame.fillna("")

    def _too_many_rows(self, count):
        count = count if isinstance(count, str) else f"{count:,}"
        limit = f"{MAX_ROWS:,}"
        return UserError(
            self.env._(
                "The file holds %(count)s rows; this wizard imports at most "
                "%(max)s rows at a time, and imports nothing rather than a "
                "part. Split the file into parts of %(max)s rows, or use "
                "Odoo's standard import (Favorites > Import records) for large "
                "lists.",
                count=count,
                max=limit,
            )
        )

    def _read_xlsx(self, content):
        """First sheet of an XLSX file; openpyxl directly, whatever its version."""
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True
        )
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None) or ()
        columns = [str(value) if value is not None else "" for value in header]
        data = []
        for row in rows:
            values = ["" if value is None else str(value) for value in row]
            if not any(value.strip() for value in values):
                continue  # an empty (formatted) row holds nothing to import
            if len(data) == MAX_ROWS:
                workbook.close()
                limit = f"{MAX_ROWS:,}"
                raise self._too_many_rows(self.env._("more than %(max)s", max=limit))
            data.append((values + [""] * len(columns))[: len(columns)])
        workbook.close()
        return pd.DataFrame(data, columns=columns, dtype=str)

    def _find_country(self, value):
        value = normalize.clean_text(value)
        if not value:
            return self.env["res.country"]
        Country = self.env["res.country"]
        if len(value) == 2:
            country = Country.search([("code", "=ilike", value)], limit=1)
            if country:
                return country
        return Country.search([("name", "=ilike", value)], limit=1)

    def _row_vals(self, row, mapping):
        """Partner values from one row and the mapping (column -> field)."""
        vals = {}
        for column, fname in mapping.items():
            value = row.get(column)
            value = normalize.clean_text(
                value if isinstance(value, str) else str(value)
            )
            # no formula for a spreadsheet to run later (XLSX export)
            value = import_file.neutralize_formula(value)
            if fname == "country":
                country = self._find_country(value)
                if country:
                    vals["country_id"] = country.id
            elif fname == "company_type":
                if value:
                    vals["is_company"] = value.casefold() in COMPANY_WORDS
            else:
                vals[fname] = value
        vals.setdefault("is_company", True)
        return vals

    @api.model
    def _file_keys(self, vals, line):
        """Keys that identify the client of a row within the file itself."""
        keys = set()
        if line.get("partner_id"):
            keys.add(("id", line["partner_id"]))
        kinds = {"vat": "vat", "email": "email", "phone": "phone"}
        for fname in ("vat", "email", "phone", "mobile", "client_phone_extra"):
            if vals.get(fname):
                keys.add((kinds.get(fname, "phone"), self._match_key(fname, vals)))
        key = normalize.name_key(vals.get("name"), vals.get("city"))
        if key:
            keys.add(("name", key))
        return keys

    @api.model
    def _match_key(self, fname, vals):
        """Key comparing a value: bare lower-case e-mail, E.164 phone."""
        value = vals[fname]
        if fname == "email":
            return normalize.normalize_email(value)[0] or value
        if fname in ("phone", "mobile", "client_phone_extra"):
            return normalize.phone_key(value) or value
        return value

    def _match(self, vals, region=None):
        """Existing partners matched by tax ID, e-mail, phone, name and city.

        Phones match on the partners' stored E.164 keys (``client_*_e164``,
        computed in each partner's region by ``normalize.phone_key``), the
        row's phones keyed the same way in the row's region: the import and
        the duplicate banner agree about a number."""
        Partner = self.env["res.partner"]
        matches = {}
        if vals.get("vat") and vals["vat"] != "/":
            matches["vat"] = set(
                Partner.search(
                    [("vat", "=", vals["vat"]), ("parent_id", "=", False)]
                ).ids
            )
        if vals.get("email"):
            matches["email"] = set(
                Partner.search(
                    [("email_normalized", "=", self._match_key("email", vals))]
                ).ids
            )
        fnames = [f for f in ("phone", "mobile", "client_phone_extra") if vals.get(f)]
        phones = {normalize.phone_key(vals[f], region) for f in fnames} - {False}
        if phones:
            phones = list(phones)
            matches["phone"] = set(
                Partner.search(
                    [
                        "|",
                        "|",
                        ("client_phone_e164", "in", phones),
                        ("client_mobile_e164", "in", phones),
                        ("client_phone_extra_e164", "in", phones),
                    ]
                ).ids
            )
        key = normalize.name_key(vals.get("name"), vals.get("city"))
        if key:
            matches["name"] = set(Partner.search([("client_name_key", "=", key)]).ids)
        return matches

    def _preview_row(self, index, row, mapping):
        Partner = self.env["res.partner"]
        vals = self._row_vals(row, mapping)
        line = {"row": index, "name": vals.get("name") or ""}
        if not vals.get("name"):
            return dict(line, action="error", message=self.env._("No name."))
        region = (
            self.env["res.country"].browse(vals["country_id"]).code
            if vals.get("country_id")
            else (self.env.company.country_id.code or None)
        )
        vals, invalid = Partner._client_normalize_vals(vals, region)
        try:
            Partner._client_check_invalid_vals(vals, invalid, Partner.browse())
        except ValidationError as error:
            return dict(line, action="error", message=str(error))
        action, partner_id = import_match.decide(self._match(vals, region))
        message = ""
        if invalid:
            message = self.env._(
                "Stored as invalid: %(fields)s", fields=", ".join(sorted(invalid))
            )
        if action == "conflict":
            return dict(
                line,
                action="conflict",
                message=self.env._("Matches several existing clients."),
            )
        if action == "update":
            partner = Partner.browse(partner_id)
            existing = {fname: partner[fname] for fname in vals if fname in partner}
            existing = {
                fname: (value.id if isinstance(value, models.BaseModel) else value)
                for fname, value in existing.items()
            }
            vals.pop("is_company", None)
            to_write, conflicts = import_match.diff_values(
                existing, vals, overwrite=self.overwrite
            )
            if conflicts:
                return dict(
                    line,
                    action="conflict",
                    partner_id=partner_id,
                    message=self.env._(
                        "Differs from the existing client: %(fields)s",
                        fields=", ".join(conflicts),
                    ),
                )
            vals = to_write
            line["partner_id"] = partner_id
        return dict(
            line,
            action=action,
            message=message,
            values_json=json.dumps(vals, default=str),
        )
