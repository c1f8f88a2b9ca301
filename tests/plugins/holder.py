"""A test plugin that asks to hold any text containing HOLDME, as the flagging plugin will."""
from opsspace.hookspecs import hookimpl


@hookimpl
def content_submitted(content, author):
    if "HOLDME" in (getattr(content, "body", "") or ""):
        return [{"kind": "test", "score": 1.0, "evidence": ["HOLDME"], "policy_clause": "1", "action": "hold"}]
    return None
