"""What a command needs, built lazily: a command that never touches the store never opens it."""

from __future__ import annotations

import json
import sys
from functools import cached_property
from typing import Any

from lumio_desktop.config import Settings, load_settings


class CliContext:
    def __init__(self, data_dir: str | None = None, database_url: str | None = None):
        self._overrides = {"data_dir": data_dir, "database_url": database_url}

    @cached_property
    def settings(self) -> Settings:
        return load_settings(**self._overrides)

    @cached_property
    def store(self):
        from lumio_desktop.store import open_store

        return open_store(self.settings)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()

    @staticmethod
    def print_json(obj: Any) -> None:
        json.dump(obj, sys.stdout, default=str, ensure_ascii=False)
        sys.stdout.write("\n")
