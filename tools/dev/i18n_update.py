#!/usr/bin/env python3
"""Regenerate ``i18n/<addon>.pot`` and merge it into ``i18n/ru.po``.

Run with the Odoo 18.0 interpreter on a database where the add-ons are
installed (``make demo`` leaves one, ``CB_KEEP_DB=1 make test`` another)::

    $ODOO_PYTHON tools/dev/i18n_update.py -d client_base_demo [--addons-path=...]

Existing Russian translations are kept; new strings get an empty msgstr
and are listed at the end, so that a translator (or the static test
``test_russian_translation_complete``) catches them.
"""

import argparse
import io
import os
import pathlib
import sys

import polib

REPO = pathlib.Path(__file__).resolve().parent.parent.parent
# Every client_base* folder with a manifest, client_base first.
ADDONS = tuple(sorted(p.parent.name for p in REPO.glob("client_base*/__manifest__.py")))


def export_pot(db, addons_path, addons):
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools.translate import trans_export

    args = ["-d", db]
    if addons_path:
        args.append(f"--addons-path={addons_path}")
    odoo.tools.config.parse_config(args)
    registry = Registry(db)
    pots = {}
    with registry.cursor() as cr:
        for addon in addons:
            buf = io.BytesIO()
            trans_export(False, [addon], buf, "po", cr)
            pots[addon] = buf.getvalue().decode()
    return pots


def merge(addon, pot_text):
    i18n = REPO / addon / "i18n"
    i18n.mkdir(exist_ok=True)
    (i18n / f"{addon}.pot").write_text(pot_text, encoding="utf-8")
    pot = polib.pofile(pot_text)
    ru_path = i18n / "ru.po"
    old = polib.pofile(str(ru_path)) if ru_path.exists() else polib.POFile()
    known = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    by_id = {e.msgid: e for e in old if not e.obsolete and e.msgstr}
    ru = polib.POFile(wrapwidth=78)
    ru.metadata = dict(pot.metadata)
    ru.metadata.update(
        {
            "Language": "ru",
            "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
            "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        }
    )
    missing = []
    for entry in pot:
        prev = known.get((entry.msgctxt, entry.msgid)) or by_id.get(entry.msgid)
        new = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgstr=prev.msgstr if prev else "",
            occurrences=entry.occurrences,
            comment=entry.comment,
            tcomment=entry.tcomment,
            flags=list(entry.flags),
        )
        if not new.msgstr:
            missing.append(entry.msgid)
        ru.append(new)
    ru.save(str(ru_path))
    return missing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", default=os.environ.get("CB_ADDONS_PATH"))
    parser.add_argument("addons", nargs="*", default=list(ADDONS))
    args = parser.parse_args()
    pots = export_pot(args.database, args.addons_path, args.addons)
    status = 0
    for addon, text in pots.items():
        missing = merge(addon, text)
        print(f"{addon}: {len(missing)} untranslated")
        for msgid in missing:
            print("   ", msgid.replace("\n", "\\n")[:100])
        status = status or bool(missing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
