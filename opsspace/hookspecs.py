"""The plugin contract: every hook OPSspace calls, with what it receives and returns.

A hook that is not declared here does not exist: plugins that implement an
unknown hook fail at start-up (``check_pending``). Plugins mark their
implementations with :data:`hookimpl`; only services (and the app factory for
``opsspace_setup``) call hooks, always through ``pm.hook.<name>(**kwargs)`` so
``tryfirst``/``trylast`` ordering holds.
"""
import pluggy

PROJECT = "opsspace"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

# Slot names a template may pass to ``slot()``. An unknown name is an error, so a
# typo in a theme or plugin fails loudly instead of silently rendering nothing.
SLOT_HEAD = "head"  #: inside <head>: stylesheets (no inline script)
SLOT_HEADER_NAV = "header_nav"  #: extra links in the main navigation
SLOT_ACCOUNT_MENU = "account_menu"  #: extra links in the signed-in user's menu
SLOT_AUP_NOTICE = "aup_notice"  #: the acceptable-use notice; rendered by the core, required in every layout
SLOT_BEFORE_CONTENT = "before_content"  #: above the main content
SLOT_AFTER_CONTENT = "after_content"  #: below the main content
SLOT_DISCLAIMER = "disclaimer"  #: the author's disclaimer; rendered by the core, required in every layout
SLOT_CONTENT_ACTIONS = "content_actions"  #: controls beside a piece of content (e.g. "Report")
SLOT_PROFILE = "profile"  #: extra sections on a profile page
SLOT_ADMIN_HOME = "admin_home"  #: panels on the admin home page
SLOT_FOOTER = "footer"  #: extra footer links

SLOTS = frozenset(
    {
        SLOT_HEAD,
        SLOT_HEADER_NAV,
        SLOT_ACCOUNT_MENU,
        SLOT_AUP_NOTICE,
        SLOT_BEFORE_CONTENT,
        SLOT_AFTER_CONTENT,
        SLOT_DISCLAIMER,
        SLOT_CONTENT_ACTIONS,
        SLOT_PROFILE,
        SLOT_ADMIN_HOME,
        SLOT_FOOTER,
    }
)

#: Slots every layout must include; the core fills them, so no theme can drop them.
REQUIRED_SLOTS = frozenset({SLOT_AUP_NOTICE, SLOT_DISCLAIMER})


@hookspec
def opsspace_setup(app):
    """Called once at the end of ``create_app``, after the core is fully built.

    Register blueprints, CLI commands, template filters and translation
    directories here. Returns nothing.
    """


@hookspec
def content_submitted(content, author):
    """Called by the content service before a write is committed.

    :param content: the new revision, post or comment (not yet committed).
    :param author: the :class:`~opsspace.models.User` writing it.
    :return: a list of signals (dicts with ``kind``, ``score``, ``evidence``,
        ``policy_clause`` and ``action`` — one of ``flag``, ``hold``,
        ``wellbeing``), or ``None``. The service decides the resulting status.
    """


@hookspec
def content_published(content, is_new):
    """Called after a write is committed and indexed. Returns nothing.

    :param content: the committed revision, post or comment.
    :param is_new: True when the content did not exist before this write.
    """


@hookspec
def content_rendered(content, rendered):
    """Called after Markdown is turned into HTML and before the sanitizer.

    Change ``rendered.html`` in place; whatever is added is still sanitized.
    Returns nothing.
    """


@hookspec
def request_finished(request, response, user):
    """Called after each response is built. Must be cheap: enqueue work, never do it here.

    A page kept for readers (opsspace/page_cache.py) is answered before Flask makes a request context: the
    hook then runs in an app context only, so use the `request` passed here, not ``flask.request`` or ``g``.

    :param user: the signed-in user, or ``None`` for a reader.
    """


@hookspec
def admin_menu(user):
    """Gather links for the admin navigation.

    :return: a list of ``(label, url)`` pairs, or ``None``.
    """


@hookspec
def admin_stats():
    """Gather headline figures for the admin home page.

    :return: a list of ``{"label": str, "value": int | str}`` dicts, or ``None``.
    """


@hookspec
def template_slot(slot, context):
    """Add markup to a named slot of a template.

    :param slot: one of :data:`SLOTS`.
    :param context: the keyword arguments the template passed to ``slot()``.
    :return: markup (``markupsafe.Markup`` or an escaped string), or ``None``.
    """
