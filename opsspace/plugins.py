"""The plugin manager: discovery by entry point, blocking, safe mode, and ``slot()`` for templates."""
import importlib
import logging

import pluggy
from flask import current_app
from markupsafe import Markup, escape

from . import hookspecs

ENTRY_POINT_GROUP = "opsspace.plugins"
log = logging.getLogger(__name__)


class UnknownSlot(LookupError):
    """A template asked for a slot name that hookspecs.SLOTS does not declare."""


def init_app(app) -> pluggy.PluginManager:
    """Build the app's plugin manager from config and keep it in ``app.extensions``."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    if not app.config["SAFE_MODE"]:
        for name in app.config["DISABLED_PLUGINS"]:
            pm.set_blocked(name)
        if app.config["PLUGIN_ENTRY_POINTS"]:
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        for dotted in app.config["EXTRA_PLUGINS"]:
            if pm.is_blocked(dotted):
                continue
            pm.register(importlib.import_module(dotted), name=dotted)
    # A hook implemented by a plugin but declared nowhere is a bug: fail at start-up.
    pm.check_pending()
    app.extensions["opsspace.plugins"] = pm
    app.jinja_env.globals["slot"] = slot
    names = [name for name, _ in pm.list_name_plugin()]
    log.info("plugins loaded: %s", ", ".join(names) or "none")
    return pm


def manager(app=None) -> pluggy.PluginManager:
    return (app or current_app).extensions["opsspace.plugins"]


def hook(app=None):
    """The hook relay of the current app's plugin manager: ``hook().content_published(...)``."""
    return manager(app).hook


def slot(name: str, **context) -> Markup:
    """Render a template slot: the core's own markup first, then every plugin's."""
    if name not in hookspecs.SLOTS:
        raise UnknownSlot(f"unknown template slot {name!r}; declared slots: {sorted(hookspecs.SLOTS)}")
    from .services.slots import core_slot  # the core renders the required slots itself

    parts = [core_slot(name, context)]
    parts.extend(hook().template_slot(slot=name, context=context))
    return Markup("").join(escape(part) for part in parts if part)
