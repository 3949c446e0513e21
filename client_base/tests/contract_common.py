# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The suite as Odoo's registry knows it: what the contract tests enumerate.

A contract test never lists the instances its author thought of: it asks the
registry for every model, field, cron, settings field and button that the
suite's own add-ons (``client_base*``) declare, so that code added next month
is covered without anyone remembering to. Each function returns a sorted list,
so a failing test names what breaks the promise.
"""

from lxml import etree

from odoo import models

SUITE_PREFIX = "client_base"


def suite_modules(env):
    """Names of the installed add-ons of the suite."""
    mods = (
        env["ir.module.module"]
        .sudo()
        .search([("name", "=like", SUITE_PREFIX + "%"), ("state", "=", "installed")])
    )
    return sorted(mods.mapped("name"))


def _suite_xmlids(env, model):
    return (
        env["ir.model.data"]
        .sudo()
        .search([("module", "in", suite_modules(env)), ("model", "=", model)])
    )


def suite_models(env, transient=None, sql_views=None):
    """Model names created by the suite (not the core models it extends:
    see ``suite_extended_models``).

    ``transient``: True for wizards only, False for no wizards, None for both.
    ``sql_views``: True for SQL-view reports only (``_auto = False``), False
    to leave them out, None for both.
    """
    ids = _suite_xmlids(env, "ir.model").mapped("res_id")
    names = []
    for rec in env["ir.model"].sudo().browse(ids):
        model = env.registry.get(rec.model)
        if model is None or model._abstract:
            continue
        if not (model._original_module or "").startswith(SUITE_PREFIX):
            continue
        if transient is not None and bool(model._transient) != transient:
            continue
        is_view = not model._auto and not model._abstract
        if sql_views is not None and is_view != sql_views:
            continue
        names.append(rec.model)
    return sorted(set(names))


def suite_extended_models(env):
    """Core models the suite extends with fields of its own (res.partner...)."""
    names = {model for model, _field in suite_fields(env)}
    return sorted(
        name
        for name in names
        if not (env.registry[name]._original_module or "").startswith(SUITE_PREFIX)
    )


def suite_fields(env, model=None):
    """``(model, field name)`` of every field the suite declares, its own
    models' and those it adds to core models (res.partner, res.company...)."""
    ids = _suite_xmlids(env, "ir.model.fields").mapped("res_id")
    fields = env["ir.model.fields"].sudo().browse(ids)
    pairs = {
        (f.model, f.name)
        for f in fields
        if f.model in env and f.name in env[f.model]._fields
    }
    if model:
        pairs = {p for p in pairs if p[0] == model}
    return sorted(pairs)


def suite_settings_fields(env):
    """Names of the ``res.config.settings`` fields the suite declares."""
    return [name for _model, name in suite_fields(env, "res.config.settings")]


def suite_crons(env):
    """The scheduled actions (``ir.cron`` records) of the suite."""
    ids = _suite_xmlids(env, "ir.cron").mapped("res_id")
    return env["ir.cron"].sudo().with_context(active_test=False).browse(sorted(ids))


def suite_views(env):
    """The ``ir.ui.view`` records of the suite (primary and inheriting)."""
    ids = _suite_xmlids(env, "ir.ui.view").mapped("res_id")
    return env["ir.ui.view"].sudo().browse(sorted(ids))


def suite_buttons(env):
    """``(model, method)`` of every ``<button type="object">`` of the
    suite's views, the model being the one the view renders (buttons of
    embedded one2many lists are attributed to the view's model as well; a
    test resolves them with ``hasattr``)."""
    pairs = set()
    for view in suite_views(env):
        if not view.arch_db or not view.model:
            continue
        arch = etree.fromstring(view.arch_db.encode())
        for node in arch.iter("button"):
            if node.get("type") == "object" and node.get("name"):
                pairs.add((view.model, node.get("name")))
    return sorted(pairs)


def suite_public_methods(env, model):
    """Names of the public methods (no leading underscore) that the suite's
    own Python code defines on ``model``: callable over JSON-RPC. The ORM's
    own methods the suite overrides (create, write, ...) are left out: the
    ORM checks access on them; so are those every model gets through the
    ``base`` model (``web_read``, ``web_save``... of the web add-on)."""
    cls = type(env[model])
    orm = set(dir(models.BaseModel)) | set(dir(type(env["base"])))
    names = set()
    for klass in cls.__mro__:
        module = getattr(klass, "__module__", "") or ""
        if not module.startswith("odoo.addons." + SUITE_PREFIX):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") or name in orm or not callable(value):
                continue
            names.add(name)
    return sorted(names)


def _is_base_extension(klass):
    """The suite's extension of ``base`` (models/base_text.py) is in every
    model's MRO: it makes no model the suite's."""
    return vars(klass).get("_name") == "base"


def suite_code_models(env):
    """Every model (own or core) to which the suite's Python code adds a
    class: where its public methods and overrides live."""
    names = []
    for name in env.registry:
        cls = env.registry[name]
        if any(
            (getattr(k, "__module__", "") or "").startswith(
                "odoo.addons." + SUITE_PREFIX
            )
            and not (_is_base_extension(k) and name != "base")
            for k in cls.__mro__
        ):
            names.append(name)
    return sorted(names)


def _user_writable(env, model):
    """True if some group may write or create records of ``model`` (its
    access rows): work tables that only the jobs write are left out."""
    return bool(
        env["ir.model.access"]
        .sudo()
        .search_count(
            [
                ("model_id.model", "=", model),
                "|",
                ("perm_write", "=", True),
                ("perm_create", "=", True),
            ]
        )
    )


def suite_editable_fields(env, types):
    """``(model, field)`` of the suite's fields of the given ``types`` that a
    user can enter: not read-only, stored or written through (related,
    inverse), of a concrete model that some group may write. The settings
    fields are included (``res.config.settings``)."""
    pairs = []
    for model, fname in suite_fields(env):
        Model = env[model]
        field = Model._fields[fname]
        if field.type not in types or field.readonly or field.automatic:
            continue
        if Model._abstract or not Model._auto:
            continue
        if not (field.store or field.related or field.inverse):
            continue
        if model != "res.config.settings" and not _user_writable(env, model):
            continue
        pairs.append((model, fname))
    return pairs


def suite_numeric_fields(env):
    """The numbers a user can enter in the suite (Integer, Float, Monetary)."""
    return suite_editable_fields(env, ("integer", "float", "monetary"))


def suite_text_fields(env):
    """The texts a user can enter in the suite (Char, Text, Html)."""
    return suite_editable_fields(env, ("char", "text", "html"))
