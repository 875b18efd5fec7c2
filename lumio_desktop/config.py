"""Settings: defaults < TOML file in the config dir < LUMIO_* environment < command-line flags."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from lumio_desktop.errors import SettingsError

APP_NAME = "lumio-desktop"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_config_file() -> Path:
    return Path(os.environ.get("LUMIO_CONFIG_FILE") or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.toml")


class AlertThresholds(BaseModel):
    slow_sync_seconds: float = Field(300.0, gt=0)
    error_rate: float = Field(0.10, ge=0, le=1)


class SmtpSettings(BaseModel):
    """Where alert emails go. The password is not here: it lives in the keychain (TokenVault, item "smtp")."""

    host: str | None = None  # None: no email alerts
    port: int = Field(587, ge=1, le=65535)
    username: str | None = None
    sender: str | None = None  # the From address; defaults to username
    to: list[str] = Field(default_factory=list)
    starttls: bool = True
    ssl: bool = False  # implicit TLS (port 465) instead of STARTTLS
    timeout: float = Field(10.0, gt=0)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LUMIO_", env_nested_delimiter="__", extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(8765, ge=0, le=65535)
    default_schedule: str = "*/30 * * * *"
    salesforce_schedule: str = "*/10 * * * *"  # Salesforce cannot push to a desktop app: poll it more often
    alerts: AlertThresholds = Field(default_factory=AlertThresholds)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    slack_webhook_url: str | None = None  # a Slack incoming-webhook URL; alerts are posted there when set
    webhook_public_url: str | None = None  # the tunnel's public base URL, when HubSpot signs that instead of ours
    keyring_backend: str | None = None  # e.g. "keyrings.alt.file.PlaintextKeyring": an explicit, opt-in choice
    language: str | None = None  # None follows the system locale

    @field_validator("default_schedule", "salesforce_schedule")
    @classmethod
    def _cron_has_five_fields(cls, v: str) -> str:
        if len(v.split()) != 5:
            raise ValueError("a cron expression has five fields, e.g. '*/30 * * * *'")
        return v

    @property
    def database_path(self) -> Path | None:
        """The SQLite file, when the store is the default SQLite one."""
        if self.database_url is None:
            return self.data_dir / "lumio.db"
        if self.database_url.startswith("sqlite:///"):
            return Path(self.database_url.removeprefix("sqlite:///"))
        return None

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'lumio.db'}"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings):
        return (init_settings, env_settings, _TomlSource(settings_cls))


class _TomlSource(PydanticBaseSettingsSource):
    def get_field_value(self, field, field_name):  # pragma: no cover - __call__ does the work
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path = default_config_file()
        if not path.exists():
            return {}
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise SettingsError(f"settings file {path} is not valid TOML ({e}); fix it or remove it") from None


def load_settings(**overrides: Any) -> Settings:
    """Build the settings, turning a bad value into one line that names the key and the value."""
    overrides = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**overrides)
    except ValidationError as e:
        err = e.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        value = err.get("input")
        env = "LUMIO_" + key.upper().replace(".", "__")
        where = f" (from {env})" if env in os.environ else ""
        raise SettingsError(f"invalid setting {key}={value!r}{where}: {err['msg']}") from None
