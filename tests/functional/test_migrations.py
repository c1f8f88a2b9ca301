"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from opsspace.extensions import db
import plugins.moderation.models  # noqa: F401  (its tables are in the migrations too)
import plugins.flagging.models  # noqa: F401
import plugins.stats.models  # noqa: F401

pytestmark = pytest.mark.dbs


def test_upgrade_from_empty_matches_the_models_and_downgrade_undoes_it(app):
    db.drop_all()
    upgrade()
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diff == [], f"the models and the migrations disagree; run `opsspace db migrate`: {diff}"
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
