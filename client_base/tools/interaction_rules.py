# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure rules of the relationship history (no Odoo import).

They decide which channel a captured document gets, how an e-mail's
direction is read and how a short summary is cut from an HTML body.

>>> channel_for_activity("meeting", "default")
'meeting'
>>> channel_for_activity(False, "phonecall")
'call_out'
>>> channel_for_activity(False, None)
'other'
>>> email_channel("email", author_is_client=True)
'email_in'
>>> email_channel("comment", author_is_client=False)
'email_out'
>>> summary_from_html("<p>Called <b>Anna</b>:\\n  price  agreed</p>", limit=20)
'Called Anna: price…'
>>> month_start("2026-11-23")
'2026-11-01'
"""

import html
import re

# Channels of an interaction, in display order (keys stored in the database).
CHANNELS = (
    "call_in",
    "call_out",
    "meeting",
    "email_in",
    "email_out",
    "sale",
    "invoice",
    "mailing",
    "letter",
    "other",
)

# An activity type's "action" (mail.activity.type.category) suggests a channel
# when the type itself does not name one.
CATEGORY_CHANNEL = {"phonecall": "call_out"}

# Kinds of capture (the "origin" of an interaction); each one can be switched
# off in the settings, except the manual entry which only hides the button.
ORIGINS = ("manual", "activity", "email", "invoice", "sale", "mailing")

_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"\s+")


def channel_for_activity(type_channel, category):
    """Channel of a done activity: the type's own channel, else its category's."""
    if type_channel in CHANNELS:
        return type_channel
    return CATEGORY_CHANNEL.get(category or "", "other")


def email_channel(message_type, author_is_client):
    """Incoming when the client wrote it (or the mail gateway received it)."""
    if message_type == "email" or author_is_client:
        return "email_in"
    return "email_out"


def summary_from_html(body, limit=120):
    """Plain one-line text of an HTML body, cut to ``limit`` characters."""
    text = _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", body or ""))).strip()
    text = re.sub(r" ([:;,.!?])", r"\1", text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" :;,.")
    return cut + "…"


def month_start(iso_date):
    """First day of the month of an ISO date or datetime string."""
    return iso_date[:7] + "-01"


def backfill_remaining(counts):
    """Total of the per-source remaining counts, ignoring unknown (None) ones.

    >>> backfill_remaining({"activity": 3, "email": None, "invoice": 2})
    5
    """
    return sum(value for value in counts.values() if value)
