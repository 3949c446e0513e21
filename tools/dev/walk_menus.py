#!/usr/bin/env python3
"""Walk the screens of the demo in headless Chromium, as a person would.

Logs in as a demo user (password = login), sets the user's language (as
admin), opens each given action or every Client Base menu the user sees,
takes a screenshot of each screen at 1366 px and reports error dialogs and
console errors. Needs Playwright (``pip install playwright``) and Debian's
``/usr/bin/chromium``; the demo server of ``make demo`` must be running::

    $ODOO_PYTHON tools/dev/walk_menus.py --login director --lang ru_RU --menus
    $ODOO_PYTHON tools/dev/walk_menus.py --login accountant \
        --action client_base_regulations.account_move_action_document_collect
"""

import argparse
import json
import os
import re
import time
import urllib.request

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

p = argparse.ArgumentParser()
p.add_argument("--url", default="http://127.0.0.1:8069")
p.add_argument("--db", default="client_base_demo")
p.add_argument("--login", required=True)
p.add_argument("--lang", default="en_US")
p.add_argument("--action", nargs="*", default=[])
p.add_argument("--menus", action="store_true")
p.add_argument("--out", default="var/walk")
p.add_argument("--width", type=int, default=1366)
a = p.parse_args()
os.makedirs(a.out, exist_ok=True)


def rpc(model, method, args, kw=None, login="admin", pw="admin"):
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [a.db, uid_of(login, pw), pw, model, method, args, kw or {}],
            },
        }
    ).encode()
    req = urllib.request.Request(
        a.url + "/jsonrpc", body, {"Content-Type": "application/json"}
    )
    res = json.loads(urllib.request.urlopen(req).read())
    if "error" in res:
        raise RuntimeError(res["error"]["data"]["message"])
    return res["result"]


_uids = {}


def uid_of(login, pw):
    if login not in _uids:
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "service": "common",
                    "method": "login",
                    "args": [a.db, login, pw],
                },
            }
        ).encode()
        req = urllib.request.Request(
            a.url + "/jsonrpc", body, {"Content-Type": "application/json"}
        )
        _uids[login] = json.loads(urllib.request.urlopen(req).read())["result"]
    return _uids[login]


# the user's language, set as admin
uid = rpc("res.users", "search", [[("login", "=", a.login)]])
rpc("res.users", "write", [uid, {"lang": a.lang}])

targets = [("action", x) for x in a.action]
if a.menus:
    menus = rpc(
        "ir.ui.menu",
        "search_read",
        [[]],
        {"fields": ["complete_name", "action", "parent_id"]},
        login=a.login,
        pw=a.login,
    )
    # what the web client shows: a menu under a hidden parent is not
    # reachable even when its own groups and action would allow it
    visible = {m["id"]: m for m in menus}

    def reachable(menu):
        while menu["parent_id"]:
            menu = visible.get(menu["parent_id"][0])
            if menu is None:
                return False
        return True

    menus = [m for m in menus if m["action"] and reachable(m)]
    for m in menus:
        xml = rpc(
            "ir.model.data",
            "search_read",
            [[("model", "=", "ir.ui.menu"), ("res_id", "=", m["id"])]],
            {"fields": ["module", "name"]},
        )
        if xml and xml[0]["module"].startswith("client_base"):
            targets.append(("menu", (m["id"], m["complete_name"], m["action"])))

errors = []
with sync_playwright() as pw:
    browser = pw.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    )
    page = browser.new_page(viewport={"width": a.width, "height": 900})
    console = []
    page.on(
        "console",
        lambda m: console.append(m.text) if m.type == "error" else None,
    )
    page.goto(f"{a.url}/web/login?db={a.db}")
    page.fill("input[name=login]", a.login)
    page.fill("input[name=password]", a.login)
    page.click("button[type=submit]")
    try:
        page.wait_for_selector(".o_action_manager > *", timeout=60000)
    except PlaywrightTimeout:
        print("   (landing still loading after 60 s)")
    time.sleep(1.5)
    time.sleep(1)
    page.screenshot(path=f"{a.out}/{a.login}_{a.lang}_landing.png")
    for kind, t in targets:
        if kind == "action":
            url = f"{a.url}/odoo/action-{t}"
            name = t
        else:
            mid, cname, action = t
            act_id = action.split(",")[1]
            url = f"{a.url}/odoo/action-{act_id}?menu_id={mid}"
            name = cname
        console.clear()
        page.goto(url)
        try:
            # the web client's long-polling never lets the network idle:
            # wait for the action's view, then for its data
            page.wait_for_selector(
                ".o_action_manager .o_view_controller, .o_action_manager "
                ".o_action, .o_error_dialog",
                timeout=20000,
            )
        except PlaywrightTimeout:
            print("   (still loading after 20 s)", name)
        time.sleep(1.5)
        slug = re.sub(r"[^A-Za-z0-9А-Яа-я]+", "_", name)[:80]
        path = f"{a.out}/{a.login}_{a.lang}_{slug}.png"
        page.screenshot(path=path)
        dialog = page.locator(
            ".o_error_dialog, .o_dialog .modal-title:has-text('Error')"
        )
        bad = dialog.count() > 0
        if bad or console:
            errors.append((name, bad, console[:3]))
        print(("ERR " if bad else "ok  ") + name, "->", path, console[:2])
    browser.close()
print("errors:", len(errors))
for e in errors:
    print(e)
