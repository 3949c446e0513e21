#!/usr/bin/env python3
"""Benchmark: how long each role's workspace takes to open in the browser.

Logs in to a running Odoo (the demo database of ``make demo``) as each role
user in headless Chromium, opens the role's workspace the way a click on its
menu does (``action.doAction`` in the loaded web client, so the assets are
already there, as for a user who is working), waits until the workspace is
drawn (its rows, counters or figures are in the page), and prints per
workspace the median and maximum of ``--repeat`` openings, with the server
time of its RPC requests (as the browser saw them: request sent to response
complete).

Usage (Odoo serving the demo database on port 8069)::

    $ODOO_PYTHON tools/bench/bench_workspaces.py --db lead_demo --repeat 7
    $ODOO_PYTHON tools/bench/bench_workspaces.py --lang ru_RU

Needs Playwright (``pip install playwright``) and a Chromium
(``/usr/bin/chromium`` or Playwright's own). A JSON copy of the figures goes
to var/bench/bench_workspaces.json.
"""

import argparse
import json
import os
import shutil
import statistics
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET_S = 1.0

# (workspace, login, action, selector of the drawn workspace); the demo
# users' password is their login
WORKSPACES = [
    (
        "Director's dashboard",
        "director",
        "client_base_analytics.client_workspace_dashboard_action",
        ".o_client_director_dashboard .o_client_dashboard_health",
    ),
    (
        "ABC-XYZ matrix",
        "director",
        "client_base_analytics.client_abc_xyz_matrix_action",
        ".o_client_abc_xyz_matrix_action .o_client_matrix_cell",
    ),
    (
        "My clients",
        "sokolova",
        "client_base.res_partner_action_workspace_my_clients",
        ".o_list_renderer .o_data_row",
    ),
    (
        "Greetings this week",
        "secretary",
        "client_base.client_greeting_action_week",
        ".o_list_renderer .o_data_row, .o_view_nocontent",
    ),
    (
        "Documents to collect",
        "accountant",
        "client_base_regulations.account_move_action_document_collect",
        # grouped by currency and account manager: the group rows and totals
        ".o_list_renderer .o_group_header, .o_view_nocontent",
    ),
]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="client_base_demo")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--lang", help="e.g. ru_RU (default: the user's)")
    parser.add_argument("--json", help="result file (default var/bench/...)")
    return parser.parse_args(argv)


def chromium_path():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def measure(page, action, selector, server_times):
    """Seconds from doAction to the workspace drawn, and the server seconds
    of the RPCs sent meanwhile.

    ``doAction`` resolves once the new screen is mounted; the clock stops at
    the next animation frame after the selector is in the page (drawn).
    """
    server_times.clear()
    elapsed_ms = page.evaluate(
        """async ([xmlid, selector]) => {
            const frame = () => new Promise((r) => requestAnimationFrame(r));
            const t0 = performance.now();
            await odoo.__WOWL_DEBUG__.root.env.services.action.doAction(
                xmlid, {clearBreadcrumbs: true});
            while (!document.querySelector(selector)) {
                if (performance.now() - t0 > 60000) {
                    throw new Error(`${selector} not drawn after 60 s`);
                }
                await frame();
            }
            await frame();
            return performance.now() - t0;
        }""",
        [action, selector],
    )
    # let the last responses be reported
    page.wait_for_timeout(100)
    return elapsed_ms / 1000, sum(server_times)


def main(argv=None):
    args = parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("bench_workspaces.py needs Playwright: pip install playwright")
    results = []
    with sync_playwright() as pw:
        launch = {"headless": True}
        if chromium_path():
            launch["executable_path"] = chromium_path()
        browser = pw.chromium.launch(**launch)
        for name, login, action, selector in WORKSPACES:
            print(f"# {name} ({login})", file=sys.stderr, flush=True)
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            server_times = []

            def on_finished(request, server_times=server_times):
                if "/web/dataset/call_kw" in request.url or "/web/action" in (
                    request.url
                ):
                    timing = request.timing
                    if timing["responseEnd"] > 0:
                        server_times.append(
                            (timing["responseEnd"] - timing["requestStart"]) / 1000
                        )

            page.on("requestfinished", on_finished)
            page.goto(
                f"{args.url}/web/login?db={args.db}", wait_until="domcontentloaded"
            )
            page.fill("input[name=login]", login)
            page.fill("input[name=password]", login)
            page.click("button[type=submit]")
            page.wait_for_url("**/odoo**", timeout=60000)
            page.wait_for_function("() => odoo.__WOWL_DEBUG__ !== undefined")
            if args.lang:
                page.evaluate(
                    """async ([login, lang]) => {
                        const orm = odoo.__WOWL_DEBUG__.root.env.services.orm;
                        const [me] = await orm.searchRead(
                            "res.users", [["login", "=", login]], ["id"]);
                        await orm.write("res.users", [me.id], {lang});
                    }""",
                    [login, args.lang],
                )
                page.reload()
                page.wait_for_function("() => odoo.__WOWL_DEBUG__ !== undefined")
            page.wait_for_selector(".o_main_navbar", timeout=60000)
            # first opening in this browser session: loads the views (then
            # cached by the web client, as for a user who comes back to it)
            first, _server = measure(page, action, selector, server_times)
            browser_s, server_s = [], []
            for _i in range(args.repeat):
                elapsed, server = measure(page, action, selector, server_times)
                browser_s.append(elapsed)
                server_s.append(server)
            results.append(
                {
                    "workspace": name,
                    "login": login,
                    "first_s": round(first, 3),
                    "browser_median_s": round(statistics.median(browser_s), 3),
                    "browser_max_s": round(max(browser_s), 3),
                    "server_median_s": round(statistics.median(server_s), 3),
                    "server_max_s": round(max(server_s), 3),
                    "ratio_to_target": round(
                        statistics.median(browser_s) / TARGET_S, 2
                    ),
                }
            )
            context.close()
        browser.close()
    load = os.getloadavg()
    print(
        f"\nWorkspace openings (the first one in a new browser session, then "
        f"{args.repeat} more; "
        f"database {args.db}, load average {load[0]:.2f} {load[1]:.2f}):\n"
    )
    header = (
        f"{'workspace':<24}{'user':<12}{'first':>9}{'median':>9}{'max':>9}"
        f"{'server med':>12}{'server max':>12}{'/ 1 s':>8}"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        print(
            f"{row['workspace']:<24}{row['login']:<12}{row['first_s']:>8.3f}s"
            f"{row['browser_median_s']:>8.3f}s{row['browser_max_s']:>8.3f}s"
            f"{row['server_median_s']:>11.3f}s{row['server_max_s']:>11.3f}s"
            f"{row['ratio_to_target']:>8.2f}"
        )
    out = args.json or os.path.join(REPO, "var", "bench", "bench_workspaces.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(
            {"db": args.db, "repeat": args.repeat, "load": load, "results": results},
            handle,
            indent=2,
        )
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
