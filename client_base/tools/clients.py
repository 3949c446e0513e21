# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What counts as a client: the one definition of the suite (pure Python).

A client is a commercial entity that is a customer:

- a company (``is_company``), or a person without a parent company (a
  private client); never a contact person of a company;
- with a client state (prospect, client, VIP), not archived unless asked;
- not a partner of an internal user (an employee, active or archived) and not
  the partner of one of the user's own companies (``res.company``). The
  partner of a portal user (a client who answers the questionnaire) stays a
  client.

Every list, counter, dashboard and report of the suite that counts clients
builds its domain here (``res.partner._client_domain()`` passes the ids of
the excluded partners), so the Data quality screen, the director's dashboard
and the client lists always show the same number.

>>> client_domain([3, 1])  # doctest: +NORMALIZE_WHITESPACE
['|', ('is_company', '=', True), ('parent_id', '=', False),
 ('client_state', '!=', False), ('client_state', '!=', 'archived'),
 ('id', 'not in', [1, 3])]
>>> client_domain([], include_archived=True)  # doctest: +NORMALIZE_WHITESPACE
['|', ('is_company', '=', True), ('parent_id', '=', False),
 ('client_state', '!=', False)]
"""

__all__ = ["client_domain", "is_client"]


def client_domain(excluded_ids=(), include_archived=False):
    """Domain on ``res.partner`` of the clients.

    ``excluded_ids``: ids of the partners of internal users and of the own
    companies (``res.partner._client_excluded_partner_ids()``).
    ``include_archived``: also the clients whose client state is archived
    (an archiving rule's history).
    """
    domain = [
        "|",
        ("is_company", "=", True),
        ("parent_id", "=", False),
        ("client_state", "!=", False),
    ]
    if not include_archived:
        domain.append(("client_state", "!=", "archived"))
    if excluded_ids:
        domain.append(("id", "not in", sorted(set(excluded_ids))))
    return domain


def is_client(partner_id, is_company, has_parent, client_state, excluded_ids=(), **kw):
    """The same rule for one partner's values.

    >>> is_client(7, True, True, "client")
    True
    >>> is_client(7, False, True, "client")
    False
    >>> is_client(7, False, False, "archived")
    False
    >>> is_client(7, False, False, "archived", include_archived=True)
    True
    >>> is_client(7, True, False, "vip", excluded_ids={7})
    False
    """
    if not (is_company or not has_parent):
        return False
    if not client_state:
        return False
    if client_state == "archived" and not kw.get("include_archived"):
        return False
    return partner_id not in set(excluded_ids)
