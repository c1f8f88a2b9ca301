"""The `opsspace` command: a Flask CLI group bound to create_app, with the project's own commands."""
import os
import secrets
import sys

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy import func, select

from .extensions import db
from .models import ROLES, User
from .services import ValidationError, users


def _create_app():
    from . import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=True)
def main():
    """OPSspace: run `opsspace COMMAND --help` for any command."""


def _fail(error: ValidationError, hint: str) -> None:
    raise click.ClickException(f"{error.message}\n{hint}")


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="employee", show_default=True)
@click.option("--email", default=None, help="Contact e-mail address.")
@click.option("--display-name", default=None, help="Full name shown on the site (default: the user name).")
@click.option("--password", default=None, help="The password (visible in your shell history: prefer --password-stdin).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_user(username, role, email, display_name, password, password_stdin):
    """Create a local account. Without a password option, a random one is generated and printed once."""
    if password and password_stdin:
        raise click.UsageError("give --password or --password-stdin, not both")
    generated = False
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif password is None:
        password, generated = secrets.token_urlsafe(12), True
    try:
        user = users.create(username, display_name=display_name, email=email, password=password, role=role)
    except ValidationError as error:
        _fail(error, "Fix the value above and run the command again.")
    click.echo(f"Created {user.role} account {user.username}.")
    if generated:
        click.echo(f"Password: {password}   (shown once: the user can change it in Settings)")


@click.command("first-run")
@click.option("--url", default="http://127.0.0.1:5000", show_default=True, help="Where the site will be served.")
@with_appcontext
def first_run(url):
    """On an empty site, create an administrator and print how to sign in; otherwise say how many accounts exist."""
    count = db.session.scalar(select(func.count()).select_from(User))
    if count:
        click.echo(f"{count} accounts exist. Sign in at {url}/login")
        return
    password = secrets.token_urlsafe(12)
    users.create("admin", display_name="Site administrator", password=password, role="admin")
    click.echo("\nThis is a new, empty site. An administrator account was created for you:\n")
    click.echo(f"    sign in at  {url}/login")
    click.echo("    user name   admin")
    click.echo(f"    password    {password}\n")
    click.echo("Change that password under Settings once signed in. To fill the site with sample people and")
    click.echo("content, run:  .venv/bin/opsspace demo\n")


@click.command("serve")
@click.option("--bind", default=None, help="Address and port (default: SERVE_BIND, 127.0.0.1:5000).")
@click.option("--workers", type=int, default=None, help="Worker processes (default: SERVE_WORKERS, 2).")
@click.option("--threads", type=int, default=1, show_default=True, help="Threads per worker (gthread when above 1).")
@click.option("--plain-http", is_flag=True, help="Development only: cookies without the Secure flag, for http://.")
@with_appcontext
def serve(bind, workers, threads, plain_http):
    """Serve the site with gunicorn (production server)."""
    from gunicorn.app.base import BaseApplication

    config = current_app.config
    if plain_http:
        os.environ["OPSSPACE_PLAIN_HTTP"] = "true"
    options = {
        "bind": bind or config["SERVE_BIND"],
        "workers": workers or config["SERVE_WORKERS"],
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "accesslog": "-",
        # No client address and no query string in the access log: search terms and IP addresses are
        # personal information, and the log must not tie one to the other.
        "access_log_format": '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss',
        "timeout": 60,
    }

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from . import create_app
            from .services import search

            worker_app = create_app()  # one app per worker, built after the fork
            search.start_background_drain(worker_app)  # at start-up, then every SEARCH_DRAIN_INTERVAL
            return worker_app

    click.echo(f"Serving OPSspace on http://{options['bind']}  (Ctrl+C to stop)")
    Server().run()


@click.group("search")
def search_group():
    """Keep the search index in step with the database."""


@search_group.command("update")
@with_appcontext
def search_update():
    """Apply the index work still waiting in the outbox (after a crash or a busy index)."""
    from .services import search

    waiting = search.pending()
    done = search.drain()
    click.echo(f"{done} of {waiting} waiting index updates applied.")
    left = search.pending()
    if left:
        raise click.ClickException(f"{left} updates are still waiting: another process holds the index. "
                                   "Run the command again in a minute.")


@search_group.command("rebuild")
@click.option("--procs", type=int, default=1, show_default=True, help="Indexing processes.")
@with_appcontext
def search_rebuild(procs):
    """Rebuild the whole index from the database (the old index serves searches until the new one is ready)."""
    from .services import search, search_docs

    with click.progressbar(length=search_docs.count(), label="Indexing") as bar:
        count = search.rebuild(progress=bar.update, procs=procs)
    click.echo(f"{count} documents indexed.")


@search_group.command("verify")
@click.option("--show", type=int, default=20, show_default=True, help="How many keys to list per kind.")
@with_appcontext
def search_verify(show):
    """Compare the index with the database; exits 1 when anything is missing, stale or extra."""
    from .services import search, search_docs

    with click.progressbar(length=search_docs.count(), label="Checking") as bar:
        difference = search.verify(progress=bar.update)
    for kind in ("missing", "stale", "extra"):
        keys = getattr(difference, kind)
        if keys:
            click.echo(f"{kind}: {len(keys)}  {' '.join(keys[:show])}{' …' if len(keys) > show else ''}")
    if not difference.ok:
        raise click.ClickException("The index and the database differ. Run `opsspace search update`, "
                                   "then `opsspace search verify` again; if it still differs, `opsspace search rebuild`.")
    click.echo("The index matches the database.")


def register(app) -> None:
    from .demo import demo

    for command in (create_user, first_run, serve, demo, search_group):
        app.cli.add_command(command)
