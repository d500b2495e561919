"""Where quiz keeps things: data (quiz.db, bank/), config (config.toml) and cache.

``QUIZ_HOME`` overrides all three: everything then lives under it. Nothing here
creates directories at import time; callers ask for a :class:`Paths` built from
an environment mapping, so tests pass their own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP = "quiz"


@dataclass(frozen=True)
class Paths:
    data: Path
    config: Path
    cache: Path
    extra_banks: tuple[Path, ...] = ()

    @property
    def db(self) -> Path:
        return self.data / "quiz.db"

    @property
    def config_file(self) -> Path:
        return self.config / "config.toml"

    @property
    def user_bank(self) -> Path:
        return self.data / "bank"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Paths:
        env = os.environ if env is None else env
        extra = tuple(Path(p).expanduser() for p in env.get("QUIZ_BANK", "").split(os.pathsep) if p.strip())
        home = env.get("QUIZ_HOME", "").strip()
        if home:
            root = Path(home).expanduser()
            return cls(data=root, config=root, cache=root / "cache", extra_banks=extra)
        import platformdirs

        return cls(
            data=Path(platformdirs.user_data_dir(APP, appauthor=False)),
            config=Path(platformdirs.user_config_dir(APP, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP, appauthor=False)),
            extra_banks=extra,
        )
