"""Languages (issue 10): every UI string has a finished pt_BR translation in the committed catalogue (found by running
lupdate over the sources now, so a string added without a translation fails here); translations keep their
{placeholders} and HTML; the app loads Lumio's and Qt's catalogues and the matching locale."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        path = shutil.which(name)
        if path is None:
            pytest.skip(f"{name} is not installed")
    return str(path)


def _sources() -> list[str]:
    """Every module that may show text: the UI and the engine's sentence templates (lumio_desktop/text.py), as
    `make lupdate` reads them; the sandbox speaks for the providers."""
    return sorted(str(p) for p in (ROOT / "lumio_desktop").rglob("*.py") if "sandbox" not in p.parts)


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            t = m.find("translation")
            if t is not None and t.get("type") in ("vanished", "obsolete"):
                continue
            out[(name, m.findtext("source") or "")] = m
    return out


@pytest.fixture(scope="module")
def current(tmp_path_factory) -> dict[tuple[str, str], ET.Element]:
    """The strings in the code right now, collected by lupdate into a fresh catalogue."""
    ts = tmp_path_factory.mktemp("ts") / "now.ts"
    proc = subprocess.run([_tool("pyside6-lupdate"), *_sources(), "-ts", str(ts)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    found = _messages(ts)
    assert len(found) > 400  # sanity: lupdate did read the UI
    return found


def test_every_ui_string_has_a_finished_pt_br_translation(current):
    committed = _messages(TS_DIR / "lumio_pt_BR.ts")
    missing = []
    for key in current:
        m = committed.get(key)
        t = m.find("translation") if m is not None else None
        if t is None or t.get("type") == "unfinished" or not (t.text or "").strip():
            missing.append(key)
    assert not missing, (f"{len(missing)} UI string(s) without a pt_BR translation: run `make lupdate`, translate "
                         f"them in resources/translations/lumio_pt_BR.ts: " + "; ".join(f"{c}: {s!r}"
                                                                                         for c, s in missing[:20]))


def test_the_english_catalogue_lists_every_string(current):
    assert not set(current) - set(_messages(TS_DIR / "lumio_en.ts")), "run `make lupdate`"


PLACEHOLDER = re.compile(r"\{\w*\}|<[^>]+>")


def test_translations_keep_placeholders_html_and_accelerators():
    bad = []
    for (ctx, src), m in _messages(TS_DIR / "lumio_pt_BR.ts").items():
        tr = m.findtext("translation") or ""
        if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(tr)):
            bad.append((ctx, src, tr))
        if re.search(r"&\w", src) and not re.search(r"&\w", tr):
            bad.append((ctx, src, tr))  # the menu lost its keyboard accelerator
    assert not bad, bad


def test_pick_language():
    from lumio_desktop.app import pick_language

    assert pick_language("pt_BR") == "pt_BR"
    assert pick_language("pt-BR") == "pt_BR"
    assert pick_language("pt_PT") == "pt_BR"  # the nearest catalogue we ship
    assert pick_language("en_GB") == "en"
    assert pick_language("de_DE") == "en"
    assert pick_language("C") == "en"


def test_the_app_loads_lumio_and_qt_catalogues_and_the_locale(pt_br):
    from PySide6.QtCore import QCoreApplication, QLocale

    from lumio_desktop.ui.theme import money, number

    assert QCoreApplication.translate("MainWindow", "Dashboard") == "Painel"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"  # Qt's own, for dialog buttons
    assert QLocale().name() == "pt_BR"
    assert number(1234567) == "1.234.567"
    assert money(1234.5, "BRL") == "R$\xa01.234,50"
