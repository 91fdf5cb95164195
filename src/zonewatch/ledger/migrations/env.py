"""Alembic environment: migrations run on the connection zonewatch hands over (``config.attributes``)."""

from __future__ import annotations

from alembic import context
from alembic.config import Config
from sqlalchemy import create_engine

from zonewatch.ledger.models import Base

target_metadata = Base.metadata
config: Config | None
try:
    config = context.config
except AttributeError:  # imported outside Alembic (e.g. pytest collecting doctests): nothing to run
    config = None


def run_migrations_offline() -> None:
    assert config is not None
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    assert config is not None
    connection = config.attributes.get("connection")
    if connection is None:
        # `alembic` run by hand with a URL (e.g. to autogenerate a new revision).
        engine = create_engine(str(config.get_main_option("sqlalchemy.url")))
        with engine.begin() as conn:
            context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if config is None:
    pass
elif context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
