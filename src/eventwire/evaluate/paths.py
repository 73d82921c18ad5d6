"""Where the shared gold sets live: ``$EVENTWIRE_SHARED`` or ``<repo>/../shared``."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["shared_dir", "gold_dir", "GoldMissing"]


class GoldMissing(FileNotFoundError):
    """A gold file or folder is not where it should be; the message says how to fix it."""


def shared_dir() -> Path:
    env = os.environ.get("EVENTWIRE_SHARED")
    if env:
        return Path(env).expanduser()
    # src/eventwire/evaluate/paths.py -> repo root is three levels above the package folder
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared"


def gold_dir(*parts: str) -> Path:
    return shared_dir().joinpath("gold", *parts)


def require(path: Path, what: str) -> Path:
    if not path.exists():
        raise GoldMissing(
            f"{what} not found at {path}; pass --gold PATH or set EVENTWIRE_SHARED to the shared folder"
        )
    return path
