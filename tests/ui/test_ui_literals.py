"""Every string the UI shows goes through Qt's translation: a call like `label.setText("Saved")` or
`message.emit("Scheduled syncs paused")` with English words in a literal would show English in a translated UI."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "lumio_desktop" / "ui"
# Calls whose text argument people see.
SHOWN = {"setText", "setToolTip", "setWindowTitle", "showMessage", "setPlaceholderText", "setAccessibleName",
         "addAction", "setTitle", "setStatusTip", "setWhatsThis", "setLabelText", "addItem", "setSpecialValueText",
         "setSuffix", "setPrefix", "addTab", "setTabText", "setHeaderLabels", "QLabel", "QPushButton", "QCheckBox",
         "QGroupBox", "QAction", "QRadioButton", "emit", "information", "warning", "critical", "question",
         "setSubTitle", "setButtonText", "setFormat", "addRow", "QMessageBox"}
# Deliberate: a language is named in its own language; the product's name; the bridge's internal relay names;
# the screenshot script (a developer tool) and the demo data (customer data, not UI words).
ALLOWED = {("settings.py", "English"), ("settings.py", "Português (Brasil)"), ("tray.py", "Lumio Desktop: "),
           ("bridge.py", "_progress")}
SKIP_FILES = {"screenshots.py", "demo.py"}


def _literals(node) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant)]
    if isinstance(node, ast.BinOp):
        return _literals(node.left) + _literals(node.right)
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def test_no_english_literal_reaches_a_widget_untranslated():
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name in SKIP_FILES:
            continue
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(n, ast.Call):
                continue
            f = n.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
            if name not in SHOWN or (isinstance(f, ast.Attribute) and getattr(f.value, "id", None) == "log"):
                continue
            for arg in n.args:
                for lit in _literals(arg):
                    if re.search(r"[A-Za-z]{3,}", lit) and (path.name, lit) not in ALLOWED:
                        found.append(f"{path.relative_to(UI)}:{n.lineno}: {lit!r}")
    assert not found, "wrap these in self.tr(...) / QCoreApplication.translate(...):\n" + "\n".join(found)
