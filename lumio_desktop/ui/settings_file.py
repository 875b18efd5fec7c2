"""Writing the few settings the Settings page changes back to settings.toml (no Qt). The file is read with tomllib,
changed, validated by building Settings from it (so a bad value is refused with the key named, and the file is
untouched), then written atomically. Only plain values and one level of tables are written, which is all Settings
holds."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

from lumio_desktop.config import default_config_file
from lumio_desktop.errors import SettingsError


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)  # a TOML basic string is a JSON string


def dumps(data: dict[str, Any]) -> str:
    lines = [f"{k} = {_value(v)}" for k, v in data.items() if not isinstance(v, dict) and v is not None]
    for k, v in data.items():
        if isinstance(v, dict):
            lines.append(f"\n[{k}]")
            lines += [f"{kk} = {_value(vv)}" for kk, vv in v.items() if vv is not None and not isinstance(vv, dict)]
    return "\n".join(lines) + "\n"


def update_settings_file(changes: dict[str, Any], path: Path | None = None) -> Path:
    """Merge `changes` ({"webhook_port": 8766, "alerts": {"error_rate": 0.2}}) into settings.toml."""
    from pydantic import ValidationError

    from lumio_desktop.config import Settings

    path = path or default_config_file()
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise SettingsError(f"settings file {path} is not valid TOML ({e}); fix it or remove it") from None
    for k, v in changes.items():
        if isinstance(v, dict):
            data[k] = {**data.get(k, {}), **v}
        elif v is None:
            data.pop(k, None)
        else:
            data[k] = v
    try:
        Settings.model_validate({k: v for k, v in data.items()})
    except ValidationError as e:
        err = e.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        raise SettingsError(f"invalid setting {key}={err.get('input')!r}: {err['msg']}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(dumps(data), encoding="utf-8")
    os.replace(tmp, path)
    return path
