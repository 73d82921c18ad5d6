"""Load the spaCy pipelines eventwire ships (German, English) or any installed/user pipeline.

The shipped pipelines live in ``eventwire/models/<lang>/`` (saved with ``nlp.to_disk``) and are
rebuilt from ``../shared/train`` by ``training/train.py`` (see training/README.md). Each has
sentence boundaries (parser), POS + morphology, lemmas, a dependency parse and NER
(PER/LOC/ORG/MISC).
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import spacy
from spacy.language import Language

LOG = logging.getLogger(__name__)

SHIPPED_LANGS = ("de", "en")
_MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


class ModelNotFoundError(RuntimeError):
    """No pipeline could be loaded for the requested language/name."""


def _register_components() -> None:
    """Import modules that register custom spaCy factories used by the shipped pipelines."""
    from eventwire.language import hanta_component, sentence_guard  # noqa: F401


def _guard_sentences(nlp: Language) -> Language:
    """Put the sentence guard (eventwire.language.sentence_guard) before the parser of any pipeline."""
    from eventwire.language.sentence_guard import FACTORY

    if "parser" in nlp.pipe_names and FACTORY not in nlp.pipe_names:
        nlp.add_pipe(FACTORY, before="parser")
    return nlp


def shipped_model_path(lang: str) -> Path:
    """Directory of the pipeline shipped for ``lang`` (it may be absent in a partial checkout)."""
    code = lang.lower().split("-")[0].split("_")[0]
    if code not in SHIPPED_LANGS:
        raise ModelNotFoundError(
            f"eventwire ships no pipeline for language {lang!r} (shipped: {', '.join(SHIPPED_LANGS)}); "
            "give the name or path of an installed spaCy pipeline in the config instead."
        )
    return _MODELS_DIR / code


def _is_pipeline_dir(path: Path) -> bool:
    return (path / "config.cfg").is_file() and (path / "meta.json").is_file()


@functools.lru_cache(maxsize=None)
def load_pipeline(lang: str, name_or_path: str | None = None) -> Language:
    """Load (once per process) the pipeline for ``lang``.

    ``name_or_path`` None: the pipeline shipped in the package for ``de``/``en``. Otherwise an
    installed spaCy package name (``de_core_news_md``) or a directory saved with ``nlp.to_disk``.
    Raises :class:`ModelNotFoundError` with a message saying what to do when nothing loads.
    """
    _register_components()
    if name_or_path is None:
        path = shipped_model_path(lang)
        if not _is_pipeline_dir(path):
            raise ModelNotFoundError(
                f"the shipped {lang} pipeline is missing at {path}; rebuild it with "
                f"`python training/train.py {lang}` (needs ../shared/train) or set a spaCy pipeline "
                "name/path for this language in the config."
            )
        LOG.info("loading shipped %s pipeline from %s", lang, path)
        return _guard_sentences(spacy.load(path))
    candidate = Path(name_or_path).expanduser()
    if candidate.exists():
        if not _is_pipeline_dir(candidate):
            raise ModelNotFoundError(
                f"{candidate} is not a spaCy pipeline directory (no config.cfg/meta.json); "
                "point to a folder written by nlp.to_disk or `spacy train`."
            )
        LOG.info("loading %s pipeline from %s", lang, candidate)
        return _guard_sentences(spacy.load(candidate))
    try:
        LOG.info("loading installed spaCy pipeline %s for %s", name_or_path, lang)
        return _guard_sentences(spacy.load(name_or_path))
    except OSError as err:
        raise ModelNotFoundError(
            f"spaCy pipeline {name_or_path!r} for {lang!r} is neither a directory nor an installed "
            f"package; install it (pip install <package>) or remove it from the config to use the "
            f"shipped pipeline. spaCy said: {err}"
        ) from err
