"""PySide6 6.12.0 on CPython 3.11 loses a reference to None on every void Qt call and aborts the process
(`Fatal Python error: none_dealloc`) after a few thousand calls. pyproject pins <6.12 on 3.11; this proves the
interpreter and PySide6 that the README commands install survive 200,000 such calls."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(200_000):
    label.setText("x")
print("ok")
"""


def test_200k_void_qt_calls_do_not_abort():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "ok"
