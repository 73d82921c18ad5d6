"""Rebuild a shipped pipeline from ../shared/train.

Usage: python training/train.py de|en [--quick] [--skip-train] [--ud-only]

Steps: convert corpora (training/convert.py) -> train NER (configs/<lang>_ner.cfg) -> train
tagger/parser (configs/<lang>_ud.cfg) -> assemble one pipeline (UD components + sourced NER) ->
save to src/eventwire/models/<lang>/ -> evaluate (training/evaluate.py). Single-threaded.
--quick trains on small budgets (minutes) to check the recipe end to end. --ud-only retrains the
tagger/parser and keeps the shipped NER (sourced from src/eventwire/models/<lang>).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
WORK = ROOT / "training" / "work"
RUNS = WORK / "runs"
CONFIGS = ROOT / "training" / "configs"
CODE = ROOT / "src" / "eventwire" / "language" / "hanta_component.py"
LOG = logging.getLogger("train")

# steps for the full recipe; --quick uses the second number
BUDGET = {
    "de_ner": (["--training.max_steps", "5000", "--training.eval_frequency", "1000"],
               ["--training.max_steps", "600", "--training.eval_frequency", "300",
                "--paths.train", "training/work/corpus/de_ner_train_small.spacy"]),
    "de_ud": (["--training.max_steps", "2800", "--training.eval_frequency", "200"],
              ["--training.max_steps", "400", "--training.eval_frequency", "200"]),
    "en_ner": (["--training.max_steps", "5000", "--training.eval_frequency", "1000"],
               ["--training.max_steps", "600", "--training.eval_frequency", "300"]),
    "en_ud": (["--training.max_steps", "6000", "--training.eval_frequency", "1000"],
              ["--training.max_steps", "600", "--training.eval_frequency", "300"]),
}


def env() -> dict[str, str]:
    e = dict(os.environ)
    for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        e[k] = "1"
    e["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + e.get("PYTHONPATH", "")
    return e


def run(cmd: list[str]) -> float:
    LOG.info("$ %s", " ".join(cmd))
    t0 = time.time()
    subprocess.run(cmd, cwd=ROOT, env=env(), check=True)
    return time.time() - t0


def runs_dir(quick: bool) -> Path:
    return WORK / "runs_quick" if quick else RUNS


def spacy_train(name: str, quick: bool) -> float:
    out = runs_dir(quick) / name
    extra = BUDGET[name][1 if quick else 0]
    return run([sys.executable, "-m", "spacy", "train", str(CONFIGS / f"{name}.cfg"), "--code", str(CODE),
                "-o", str(out), *extra])


def assemble(lang: str, quick: bool = False, ner_from_shipped: bool = False) -> Path:
    """UD pipeline + NER sourced from the NER run (``ner_from_shipped``: from the shipped pipeline, for a
    UD-only rebuild) -> src/eventwire/models/<lang> (quick runs go to training/work/quick_models/<lang>
    and never replace the shipped weights)."""
    import spacy

    import eventwire.language.hanta_component  # noqa: F401

    overrides = {}
    if lang == "de":
        # German UPOS: HanTa's STTS->UPOS mapping beats a morphologizer trained on 900 PUD trees
        # (GSD dev 0.940 vs 0.910), so the morphologizer only adds features and keeps HanTa's POS.
        overrides = {"components": {"morphologizer": {"overwrite": False}}}
    runs = runs_dir(quick)
    nlp = spacy.load(runs / f"{lang}_ud" / "model-best", config=overrides)
    if lang == "de":
        nlp.get_pipe("morphologizer").cfg["overwrite"] = False  # the serialised cfg wins on load
    shipped = ROOT / "src" / "eventwire" / "models" / lang
    ner_nlp = spacy.load(shipped if ner_from_shipped else runs / f"{lang}_ner" / "model-best")
    # NER runs before the parser: the transition-based NER never crosses a sentence boundary, so a
    # parser-made boundary inside a name ("Kim Jong | Un met ...") would cut the entity.
    nlp.add_pipe("ner", source=ner_nlp, before="tok2vec")
    if "hanta" in nlp.pipe_names:
        # shipped: no memo cache (it only pays off when training re-reads the same sentences)
        nlp.replace_pipe("hanta", "eventwire_hanta", config={"set_lemma": True, "set_pos": True,
                                                            "cache_size": 0})
    nlp.meta["name"] = f"eventwire_{lang}"
    nlp.meta["version"] = "0.1.0"
    nlp.meta["description"] = ("eventwire pipeline trained by training/train.py from openly "
                               "licensed corpora in ../shared/train (see training/README.md)")
    target = (WORK / "quick_models" / lang) if quick else (ROOT / "src" / "eventwire" / "models" / lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(lang + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    LOG.info("saved %s (%.1f MB), pipeline %s", target, size / 1e6, nlp.pipe_names)
    return target


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args = [a for a in argv[1:] if not a.startswith("--")]
    quick = "--quick" in argv
    skip = "--skip-train" in argv
    ud_only = "--ud-only" in argv  # retrain tagger/parser only; the shipped NER is kept
    if not args or args[0] not in ("de", "en"):
        sys.exit(__doc__)
    lang = args[0]
    times: dict[str, float] = {}
    t0 = time.time()
    if not skip:
        times["convert"] = run([sys.executable, "training/convert.py", lang])
        if not ud_only:
            times["ner"] = spacy_train(f"{lang}_ner", quick)
        times["ud"] = spacy_train(f"{lang}_ud", quick)
    t1 = time.time()
    target = assemble(lang, quick, ner_from_shipped=ud_only)
    times["assemble"] = time.time() - t1
    times["evaluate"] = run([sys.executable, "training/evaluate.py", lang, str(target)])
    times["total"] = time.time() - t0
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / f"times_{lang}{'_quick' if quick else ''}.json").write_text(json.dumps(times, indent=1))
    LOG.info("times (s): %s", {k: round(v) for k, v in times.items()})


if __name__ == "__main__":
    main(sys.argv)
