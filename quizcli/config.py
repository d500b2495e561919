"""User settings, from ``config.toml`` in the config directory (``quiz config`` edits it)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import UsageError
from .paths import Paths


@dataclass
class Config:
    desired_retention: float = 0.9
    new_per_day: int = 20
    lang: str = "en"
    fuzz: bool = True
    fast_seconds_1: float = 8.0
    fast_seconds_2: float = 15.0
    fast_seconds_3: float = 25.0

    @property
    def fast(self) -> dict[int, float]:
        return {1: self.fast_seconds_1, 2: self.fast_seconds_2, 3: self.fast_seconds_3}


KEYS = {f.name: f.type for f in fields(Config)}


def load_config(paths: Paths) -> Config:
    file = paths.config_file
    if not file.exists():
        return Config()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{file} is not valid TOML ({exc})") from None
    config = Config()
    for key, value in data.items():
        if key in KEYS:
            setattr(config, key, _coerce(key, value, file))
    _check(config, file)
    return config


def _coerce(key: str, value: Any, file: Path | str) -> Any:
    kind = KEYS[key]
    try:
        if kind == "bool":
            if isinstance(value, str):
                if value.lower() not in ("true", "false"):
                    raise ValueError(value)
                return value.lower() == "true"
            return bool(value)
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise UsageError(f"{file}: {key} must be a {kind}, not {value!r}") from None


def _check(config: Config, where: Path | str) -> None:
    if not 0.7 <= config.desired_retention <= 0.99:
        raise UsageError(f"{where}: desired_retention must be between 0.7 and 0.99")
    if config.new_per_day < 0:
        raise UsageError(f"{where}: new_per_day must be 0 or more")
    if config.lang not in ("en", "zh"):
        raise UsageError(f"{where}: lang must be en or zh")


def set_value(paths: Paths, key: str, value: str) -> Config:
    if key not in KEYS:
        raise UsageError(f"unknown setting {key!r}; settings are: {', '.join(KEYS)}")
    config = load_config(paths)
    setattr(config, key, _coerce(key, value, "quiz config"))
    _check(config, "quiz config")
    paths.config.mkdir(parents=True, exist_ok=True)
    lines = []
    for f in fields(Config):
        v = getattr(config, f.name)
        lines.append(f"{f.name} = {str(v).lower() if isinstance(v, bool) else repr(v) if isinstance(v, str) else v}")
    text = "\n".join(lines) + "\n"
    tmp = paths.config_file.with_suffix(".tmp")
    tmp.write_text(text.replace("'", '"'), encoding="utf-8")
    tmp.replace(paths.config_file)
    return config
