"""Alembic: one head, every revision upgrades and downgrades, and the models match the migrations."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from lumio_desktop.store.db import alembic_config
from lumio_desktop.store.models import Base


def test_single_head():
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1, script.get_heads()


def test_every_revision_up_and_down(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    cfg = alembic_config(url)
    script = ScriptDirectory.from_config(cfg)
    revisions = list(reversed(list(script.walk_revisions())))  # base first
    engine = create_engine(url)
    for rev in revisions:
        command.upgrade(cfg, rev.revision)
        command.downgrade(cfg, rev.down_revision or "base")
        command.upgrade(cfg, rev.revision)
    assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)
    command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()


def test_models_match_migrations(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations differ; add a revision: {diff}"


def test_fast_revision_reader_agrees_with_alembic():
    from lumio_desktop.store.db import _revisions

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    revs, head = _revisions()
    assert revs == {r.revision for r in script.walk_revisions()}
    assert head == script.get_current_head()
