"""The PyInstaller one-folder bundle builds, ships no WebEngine, and starts to a shown window (offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.exists():
        pytest.skip("PyInstaller is not installed (it is in the dev extra: `make test` installs it)")
    out = tmp_path_factory.mktemp("bundle")
    proc = subprocess.run(
        [str(pyinstaller), "--noconfirm", "--log-level", "ERROR", "--distpath", str(out / "dist"),
         "--workpath", str(out / "build"), str(ROOT / "packaging" / "lumio-desktop.spec")],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out / "dist" / "lumio-desktop"


def test_bundle_has_no_webengine_and_reports_size(bundle):
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    assert not [p for p in files if "WebEngine" in p.name]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"bundle size: {size_mb:.0f} MB in {len(files)} files")
    assert (bundle / "_internal" / "resources" / "icons" / "lumio.svg").exists()
    assert (bundle / "_internal" / "resources" / "translations" / "lumio_pt_BR.qm").exists()
    assert list((bundle / "_internal" / "lumio_desktop" / "store" / "migrations" / "versions").glob("0001_*.py"))


def test_bundle_starts_and_shows_its_window(bundle, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    proc = subprocess.run([str(bundle / "lumio-desktop"), "--data-dir", str(tmp_path / "data"), "--quit-after-show"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "lumio-desktop: window shown" in proc.stdout
    assert (tmp_path / "data" / "lumio.db").exists()  # the bundle migrated a fresh store
