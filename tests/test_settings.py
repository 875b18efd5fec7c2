from __future__ import annotations

import pytest

from lumio_desktop.config import default_config_file, load_settings
from lumio_desktop.errors import SettingsError
from tests.helpers import run_cli


def test_precedence_toml_then_env_then_flags(tmp_path, monkeypatch):
    default_config_file().write_text('webhook_port = 9000\ndefault_schedule = "0 * * * *"\n[alerts]\nerror_rate = 0.2\n')
    s = load_settings(data_dir=tmp_path)
    assert (s.webhook_port, s.default_schedule, s.alerts.error_rate) == (9000, "0 * * * *", 0.2)
    monkeypatch.setenv("LUMIO_WEBHOOK_PORT", "9100")
    assert load_settings(data_dir=tmp_path).webhook_port == 9100
    assert load_settings(data_dir=tmp_path, webhook_port=9200).webhook_port == 9200
    assert s.database_path == tmp_path / "lumio.db"


def test_bad_env_value_names_key_and_value(tmp_path, monkeypatch):
    monkeypatch.setenv("LUMIO_WEBHOOK_PORT", "eighty")
    with pytest.raises(SettingsError, match=r"webhook_port='eighty' \(from LUMIO_WEBHOOK_PORT\)"):
        load_settings(data_dir=tmp_path)
    proc = run_cli("--data-dir", str(tmp_path), "status")
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("lumio-sync: invalid setting webhook_port='eighty'")
    assert "Traceback" not in proc.stderr


def test_bad_toml_value_and_bad_toml(tmp_path):
    default_config_file().write_text('default_schedule = "every half hour"\n')
    with pytest.raises(SettingsError, match="default_schedule='every half hour'.*five fields"):
        load_settings(data_dir=tmp_path)
    default_config_file().write_text("webhook_port = \n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(data_dir=tmp_path)


def test_unknown_key_is_refused(tmp_path):
    default_config_file().write_text("webhok_port = 1\n")
    with pytest.raises(SettingsError, match="webhok_port"):
        load_settings(data_dir=tmp_path)


def test_data_dir_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("LUMIO_DATA_DIR", str(tmp_path / "d"))
    proc = run_cli("status", "--json")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "d" / "lumio.db").exists()
