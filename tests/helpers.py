"""Small helpers for tests that run the CLI in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(*args: str, env: dict | None = None, input: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "lumio_desktop.cli", *args],
        capture_output=True, text=True, env=full_env, input=input, timeout=timeout,
    )
