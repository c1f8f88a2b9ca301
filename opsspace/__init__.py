"""OPSspace: the application factory. Nothing runs at import time; create_app() builds everything from config."""
from flask import Flask

__version__ = "0.1.0"


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config, database, extensions, security, themes, blueprints, then plugins.

    :param test_config: settings applied last, over instance/config.py and OPSSPACE_* variables
        (``INSTANCE_PATH`` there, or the OPSSPACE_INSTANCE_PATH variable, moves the instance folder).
    """
    from . import access, config, database, i18n, member_pages, page_cache, plugins, security, templating, themes
    from .extensions import babel, csrf, db, login_manager, migrate

    import os

    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("OPSSPACE_INSTANCE_PATH")
    app = Flask(__name__, instance_relative_config=True, static_folder=None, instance_path=instance_path)
    app.config.from_object(config.Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("OPSSPACE")
    if test_config:
        app.config.update(test_config)
    config.apply_defaults(app)

    db.init_app(app)
    database.configure_engine(app)
    security.init_input_checks(app)  # first: its request check runs before CSRF reads the form
    migrate.init_app(app, db, directory=str(config.PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    i18n.init_app(app)
    templating.init_app(app)
    security.init_login(app, login_manager)
    page_cache.init_app(app)  # a kept page is only ever one a reader was allowed to see
    member_pages.init_app(app)
    app.before_request(access.enforce)
    security.init_app(app)
    themes.init_app(app)

    from .views import register_blueprints
    from .views.errors import register_error_handlers

    register_blueprints(app)
    register_error_handlers(app)

    from . import cli

    cli.register(app)
    pm = plugins.init_app(app)
    pm.hook.opsspace_setup(app=app)
    return app
