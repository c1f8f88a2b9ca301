"""Configuration: embedded defaults, then instance/config.py, then OPSSPACE_* environment variables.

Nothing here needs to be set for a working single-machine site: SQLite and the
search index live in the instance folder and the secret key is generated once.
"""
import os
import secrets
import time
from datetime import timedelta
from pathlib import Path

#: The project checkout: themes/ and migrations/ live beside the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Defaults:
    """Defaults for every setting. Paths that depend on the instance folder are filled in later."""

    SITE_NAME = "OPSspace"
    SQLALCHEMY_DATABASE_URI = None  # filled in: sqlite in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SEARCH_INDEX_DIR = None  # filled in: instance/index
    SECRET_KEY = None  # filled in: instance/secret_key, generated once

    THEME = "default"
    THEMES_PATH = [str(PROJECT_ROOT / "themes")]
    DISABLED_PLUGINS: list = []
    EXTRA_PLUGINS: list = []  # dotted module names loaded as plugins beside the entry points
    PLUGIN_ENTRY_POINTS = True
    SAFE_MODE = False

    READ_REQUIRES_LOGIN = False
    LANGUAGES = ["en", "fr"]
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "America/Toronto"
    WORKFORCE_SIZE = 0
    ANALYTICS_TZ = "America/Toronto"

    # Cookies: HttpOnly and SameSite=Lax always; Secure unless PLAIN_HTTP (local development only).
    PLAIN_HTTP = False
    SESSION_COOKIE_NAME = "opsspace_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_NAME = "opsspace_remember"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    # Login throttling, counted in the database so it holds across worker processes.
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    LOGIN_THROTTLE_WINDOW = timedelta(minutes=15)
    PASSWORD_HASH_METHOD = "scrypt"
    PASSWORD_MIN_LENGTH = 10

    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    # Pages kept for readers who are not signed in (see opsspace/page_cache.py): their age limit in seconds
    # (0 turns the cache off) and the memory each worker process may give them.
    PAGE_CACHE_SECONDS = 120
    PAGE_CACHE_MB = 64
    PAGE_CACHE_MEMBERS = True  # members share a page per audience, their own parts filled in (member_pages)
    PAGE_SIZE = 25

    SEARCH_DRAIN_INTERVAL = 10  # seconds between checks for index work a busy index or a crash left behind
    SEARCH_PAGE_SIZE = 20
    SEARCH_BLOCK_CACHE_MB = 64  # decoded index blocks each process keeps (see services/search/blocks.py; 0: none)
    SEARCH_COUNT_LIMIT = 1000  # matches counted per language before a page says "more than" (0: count them all)
    SEARCH_DEFER_INDEXING = False  # bulk imports: leave index work in the outbox, then `opsspace search rebuild`

    SERVE_BIND = "127.0.0.1:5000"
    SERVE_WORKERS = 2


def apply_defaults(app) -> None:
    """Fill in the settings that depend on the instance folder, after every source was read."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'opsspace.db'}"
    if not app.config.get("SEARCH_INDEX_DIR"):
        app.config["SEARCH_INDEX_DIR"] = str(instance / "index")
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance / "secret_key")
    secure = not app.config["PLAIN_HTTP"]
    app.config["SESSION_COOKIE_SECURE"] = secure
    app.config["REMEMBER_COOKIE_SECURE"] = secure
    for key in ("DISABLED_PLUGINS", "EXTRA_PLUGINS", "THEMES_PATH"):
        value = app.config.get(key)
        if isinstance(value, str):  # from the environment: a comma-separated list
            app.config[key] = [part.strip() for part in value.split(",") if part.strip()]


def _instance_secret(path: Path) -> str:
    """Read the secret key, creating it (mode 0600) the first time; safe when several workers start at once."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker won the race: wait for its key to be written
        for _ in range(50):
            existing = path.read_text().strip()
            if existing:
                return existing
            time.sleep(0.05)
        raise RuntimeError(f"{path} exists but is empty: delete it and start again")
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
