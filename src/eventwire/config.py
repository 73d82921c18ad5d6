"""One TOML config with embedded defaults; user files override key by key."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Config", "load_config", "default_config_text"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PipelineConfig(_Section):
    stages: list[str]
    batch_size: int = Field(32, ge=1)
    worker_max_batches: int = Field(100, ge=0, description="batches a worker process runs before it is replaced "
                                    "by a fresh one (0: never); bounds the slow growth of per-process caches")
    plugins: list[str] = Field(default_factory=list, description="modules imported first; they may register stages")


class IngestConfig(_Section):
    max_bytes: int = Field(..., ge=1)


class LanguageConfig(_Section):
    supported: list[str]
    candidates: list[str]


class ModelsConfig(_Section):
    model_config = ConfigDict(extra="allow")
    de: str = "shipped"
    en: str = "shipped"

    def for_language(self, lang: str) -> str | None:
        return (self.model_extra or {}).get(lang) or getattr(self, lang, None)


class KBConfig(_Section):
    extra_actors: list[str] = Field(default_factory=list)


class EventsConfig(_Section):
    min_confidence: float = Field(0.3, ge=0, le=1)


class MergeConfig(_Section):
    window_days: int = 3
    story_threshold: float = 0.35
    embeddings: bool = True
    embed_weight: float = Field(0.6, ge=0, le=1)


class StoreConfig(_Section):
    url: str = "eventwire.db"


class Config(_Section):
    pipeline: PipelineConfig
    ingest: IngestConfig
    language: LanguageConfig
    models: ModelsConfig
    kb: KBConfig
    events: EventsConfig
    merge: MergeConfig
    store: StoreConfig


def default_config_text() -> str:
    return resources.files("eventwire").joinpath("default.toml").read_text(encoding="utf-8")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Defaults, then the user's file, then explicit overrides. Unknown keys are errors."""
    data = tomllib.loads(default_config_text())
    if path is not None:
        path = Path(path)
        try:
            user = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ValueError(f"config file {path} does not exist") from None
        except tomllib.TOMLDecodeError as err:
            raise ValueError(f"config file {path} is not valid TOML: {err}") from None
        data = _merge(data, user)
    if overrides:
        data = _merge(data, overrides)
    return Config.model_validate(data)
