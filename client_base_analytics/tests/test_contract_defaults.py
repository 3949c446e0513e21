# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contract: every report of the suite opens on figures that show something.

The test reads from the registry every window action of the suite with a
pivot or graph view (``contract_common``) and the view it opens, and checks
the measures it opens on: the count, or a figure every row has (required,
computed, written by the system, or a column of an SQL report), never a
field people may leave blank (the duration of an interaction: the group
rows of *Interactions analysis* were empty); and a pivot opens grouped.
A data check then reads each default measure on real rows.
"""

from lxml import etree

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.client_base.tests import contract_common

EVAL_CONTEXT = {"uid": 1, "active_id": False, "active_ids": []}


@tagged("post_install", "-at_install")
class TestContractDefaults(TransactionCase):
    def _report_views(self):
        """[(action, view type, arch, context)] of the suite's actions."""
        ids = contract_common._suite_xmlids(self.env, "ir.actions.act_window").mapped(
            "res_id"
        )
        found = []
        for action in self.env["ir.actions.act_window"].browse(ids):
            modes = (action.view_mode or "").split(",")
            context = safe_eval(action.context or "{}", dict(EVAL_CONTEXT))
            for view_type in ("pivot", "graph"):
                if view_type not in modes:
                    continue
                view = action.view_ids.filtered(
                    lambda v, t=view_type: v.view_mode == t
                ).view_id
                if not view and action.view_id.type == view_type:
                    view = action.view_id
                arch = self.env[action.res_model].get_view(view.id or None, view_type)[
                    "arch"
                ]
                found.append((action, view_type, etree.fromstring(arch), context))
        return found

    def _default_measures(self, view_type, arch, context):
        measures = [
            node.get("name")
            for node in arch.iter("field")
            if node.get("type") == "measure"
            and node.get("invisible") not in ("1", "True")
        ]
        if view_type == "pivot":
            measures = list(context.get("pivot_measures") or measures)
            if not measures or arch.get("display_quantity") in ("1", "True", "true"):
                measures.insert(0, "__count")
            return measures
        measure = context.get("graph_measure") or (measures[-1] if measures else None)
        return [measure or "__count"]

    @staticmethod
    def _always_set(Model, name):
        if name in ("__count", "__count__"):
            return True
        field = Model._fields[name]
        return bool(
            field.required or field.compute or field.readonly or not Model._auto
        )

    def test_reports_open_on_figures_every_row_has(self):
        views = self._report_views()
        self.assertIn(
            "client_base.client_interaction_action_report",
            [action.xml_id for action, *_rest in views],
        )
        failures = []
        for action, view_type, arch, context in views:
            Model = self.env[action.res_model]
            for measure in self._default_measures(view_type, arch, context):
                if not self._always_set(Model, measure):
                    failures.append(
                        f"{action.xml_id} ({view_type}) opens on {measure}, "
                        "a field people may leave blank"
                    )
            if view_type == "pivot":
                rows = [n for n in arch.iter("field") if n.get("type") == "row"]
                if not rows and not context.get("pivot_row_groupby"):
                    failures.append(f"{action.xml_id} (pivot) opens ungrouped")
        self.assertFalse(failures, "\n".join(failures))

    def test_interactions_analysis_shows_numbers(self):
        """The data check: interactions without a duration (as most are)
        still fill the rows of the report's default measure."""
        partner = self.env["res.partner"].create({"name": "Defaults Client"})
        group = self.env["client.interaction.group"].search([], limit=1)
        self.env["client.interaction"].create(
            [
                {
                    "partner_id": partner.id,
                    "group_id": group.id,
                    "date": fields.Datetime.now(),
                    "summary": f"Call {i}",
                }
                for i in range(3)
            ]
        )
        action = self.env.ref("client_base.client_interaction_action_report")
        [(_action, view_type, arch, context)] = [
            item
            for item in self._report_views()
            if item[0] == action and item[1] == "pivot"
        ]
        measures = self._default_measures(view_type, arch, context)
        Interaction = self.env["client.interaction"]
        for measure in measures:
            spec = "__count" if measure == "__count" else f"{measure}:sum"
            [(value,)] = Interaction._read_group(
                [("partner_id", "=", partner.id)], [], [spec]
            )
            self.assertTrue(value, f"{measure} is blank on the report's rows")
