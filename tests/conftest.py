"""Shared fixtures: where ../shared is, and small hand-built inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
EXAMPLE = SHARED / "examples" / "000_a08963e9d6e42fa7.txt"
SEED_GOLD = SHARED / "gold" / "seed" / "000_a08963e9d6e42fa7.gold.json"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason=f"../shared not found at {SHARED}")


@pytest.fixture
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(f"../shared not found at {SHARED}")
    return SHARED
