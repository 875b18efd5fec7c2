"""The local store: SQLAlchemy models, opening and migrating, bulk writes. No Qt here."""

from lumio_desktop.store.db import Store, open_store

__all__ = ["Store", "open_store"]
