# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Attack through the path a real client uses: JSON-RPC ``call_kw``."""

import json


class RpcMixin:
    """JSON-RPC as the web client and external clients use it."""

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _call(self, model, method, *args, **kwargs):
        """``(result, error)`` of ``model.method(*args, **kwargs)`` over
        ``/web/dataset/call_kw``; ``error`` is the JSON-RPC error data."""
        payload = json.dumps(
            {
                "id": 1,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            }
        ).encode()
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=payload,
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        body = response.json()
        return body.get("result"), body.get("error", {}).get("data")

    def assertRefused(self, model, method, *args, error="AccessError", **kwargs):
        result, data = self._call(model, method, *args, **kwargs)
        self.assertTrue(data, f"{model}.{method} must be refused, got {result!r}")
        self.assertIn(error, data["name"], data.get("message"))
        return data

    def _button(self, model, method, ids, context=None):
        """A form button as the web client presses it (``call_button``)."""
        payload = json.dumps(
            {
                "id": 1,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": [ids],
                    "kwargs": {"context": context or {}},
                },
            }
        ).encode()
        response = self.url_open(
            "/web/dataset/call_button",
            data=payload,
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        body = response.json()
        return body.get("result"), body.get("error", {}).get("data")
