"""The background settings read from settings.toml and LUMIO_* like every other setting."""

from __future__ import annotations

import os

from lumio_desktop.config import load_settings


def test_smtp_slack_and_public_url_from_toml_and_env(tmp_path, monkeypatch):
    cfg = os.environ["LUMIO_CONFIG_FILE"]
    with open(cfg, "w", encoding="utf-8") as f:
        f.write('slack_webhook_url = "https://hooks.example/T/B/x"\n'
                'webhook_public_url = "https://lumio.tunnel.example"\n'
                '[smtp]\nhost = "smtp.example.com"\nto = ["ops@example.com"]\n'
                '[alerts]\nerror_rate = 0.2\n')
    monkeypatch.setenv("LUMIO_SMTP__PORT", "465")
    s = load_settings(data_dir=tmp_path)
    assert (s.smtp.host, s.smtp.port, s.smtp.to, s.smtp.starttls) == ("smtp.example.com", 465, ["ops@example.com"], True)
    assert s.slack_webhook_url.startswith("https://hooks.example") and s.webhook_public_url.endswith("example")
    assert s.alerts.error_rate == 0.2 and s.alerts.slow_sync_seconds == 300
    assert load_settings(data_dir=tmp_path, webhook_port=0).webhook_port == 0
