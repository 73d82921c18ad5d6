"""One function per evaluation task: read gold, get predictions (pipeline or file), score.

These are what the ``eventwire evaluate`` commands, ``benchmarks/accuracy.py`` and the accuracy
gate in the tests call.
"""

from __future__ import annotations

import copy

import json
import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from eventwire.evaluate import clusters as _clusters
from eventwire.evaluate import dates as _dates
from eventwire.evaluate import events as _events
from eventwire.evaluate import geo as _geo
from eventwire.evaluate import ner as _ner
from eventwire.evaluate import seed as _seed
from eventwire.evaluate.bootstrap import DEFAULT_BOOTSTRAP, DEFAULT_SEED
from eventwire.evaluate.paths import gold_dir, require, shared_dir
from eventwire.evaluate.predictions import (
    events_by_doc,
    mentions_by_doc,
    read_events,
    read_mentions,
    read_story_assignments,
)
from eventwire.evaluate.report import Measure, Report, measure_from_sums
from eventwire.evaluate.runner import PipelineUnavailable, load_pipeline, run_pipeline
from eventwire.records import Document, Event, Mention, Place, Status

__all__ = [
    "default_gold",
    "evaluate_ner",
    "evaluate_geo",
    "evaluate_events",
    "evaluate_seed",
    "evaluate_dates",
    "evaluate_clusters",
    "gold_documents",
    "write_documents_jsonl",
]

log = logging.getLogger(__name__)


def default_gold(task: str) -> Path:
    """The shared gold set a task uses when --gold is not given."""
    return {
        "ner": gold_dir("germeval2014", "NER-de-dev.tsv"),
        "geo": gold_dir("geowebnews", "GWN.xml"),
        "events": gold_dir("plover_gsr", "PLOVER_GSR_CAMEO.json"),
        "dates": gold_dir("krauts_dev", "KRAUTS_Dolomiten-100"),
        "clusters": gold_dir("ecbplus_dev"),
    }[task]


# The stage whose output each task measures; a pipeline without it cannot be scored on the task.
NEEDS_STAGE = {"ner": "analyse", "geo": "link", "events": "events", "dates": "dates", "clusters": "merge"}


def _analysed(docs: Sequence[Document], pipeline: object | None, config: Path | None, report_notes: list[str],
              task: str | None = None, independent: bool = False) -> list[Document]:
    """Run the pipeline; failed documents are noted (scored as empty), all failing is an error.

    ``independent``: the documents are unrelated records that the gold set dates alike (PLOVER
    sentences), so cross-document merging is left out: it would merge different happenings that
    only look alike because their real dates are missing, and score one record's actors for another.
    """
    pipe = pipeline if pipeline is not None else load_pipeline(config)
    if independent and any(getattr(s, "name", None) == "merge" for s in getattr(pipe, "stages", [])):
        pipe = copy.copy(pipe)  # shares the context (loaded resources); only the stage list differs
        pipe.stages = [s for s in pipe.stages if s.name != "merge"]  # type: ignore[attr-defined]
        report_notes.append("merge stage left out: the gold records are unrelated sentences without their real dates")
    stages = getattr(pipe, "stage_names", None)
    need = NEEDS_STAGE.get(task or "")
    if stages is not None and need and need not in stages:
        raise PipelineUnavailable(
            f"the pipeline has no {need!r} stage (stages: {', '.join(stages) or 'none'}), so {task} cannot be scored; "
            f"add it to [pipeline] stages in the config once it is built, or score a predictions file with --pred"
        )
    if hasattr(pipe, "reset_state"):
        pipe.reset_state()  # each gold set is its own stream: no merging with the previous set
    out = run_pipeline(pipe, [d.model_copy(deep=True) for d in docs])
    failed = [d for d in out if d.status == Status.failed]
    if failed and len(failed) == len(out):
        raise PipelineUnavailable(f"the pipeline failed on every document; first reason: {failed[0].reason}")
    if failed:
        reasons = Counter((d.reason or "?")[:120] for d in failed)
        report_notes.append(f"{len(failed)} of {len(out)} documents failed in the pipeline (scored as empty): "
                            + "; ".join(f"{r} ({n})" for r, n in reasons.most_common(3)))
    if stages:
        report_notes.append(f"pipeline stages: {', '.join(stages)}")
    return out


def _source(pred: Path | None) -> str:
    return str(pred) if pred else "pipeline"


def _dataset(path: Path, task: str) -> str:
    if task == "ner":
        return _ner.dataset_name(path)
    return path.parent.name if path.is_file() else path.name


# ---------------------------------------------------------------- NER


def evaluate_ner(
    gold: Path | None = None,
    pred: Path | None = None,
    *,
    fmt: str | None = None,
    language: str | None = None,
    limit: int | None = None,
    seed: int = DEFAULT_SEED,
    n_boot: int = DEFAULT_BOOTSTRAP,
    pipeline: object | None = None,
    config: Path | None = None,
    dataset: str | None = None,
) -> Report:
    gold = require(gold or default_gold("ner"), "NER gold file")
    sentences, scheme = _ner.read_ner(gold, fmt, language, limit)  # type: ignore[arg-type]
    notes: list[str] = []
    if pred is not None:
        predictions = mentions_by_doc(read_mentions(pred))
    else:
        docs = _analysed([_ner.to_document(s) for s in sentences], pipeline, config, notes, task='ner')
        predictions = {d.doc_id: d.mentions for d in docs}
    report = _ner.score_ner(sentences, predictions, dataset=dataset or _dataset(gold, "ner"), gold=str(gold),
                            source=_source(pred), scheme=scheme, n_boot=n_boot, seed=seed, limit=limit)
    report.notes += notes
    return report


# ---------------------------------------------------------------- geo


def evaluate_geo(
    gold: Path | None = None,
    pred: Path | None = None,
    *,
    limit: int | None = None,
    seed: int = DEFAULT_SEED,
    n_boot: int = DEFAULT_BOOTSTRAP,
    pipeline: object | None = None,
    config: Path | None = None,
    dataset: str | None = None,
    run_system: bool = True,
    components: bool = False,
) -> Report:
    """GeoWebNews end to end; ``components`` adds the knowledge base's own geoparsers as baselines."""
    gold = require(gold or default_gold("geo"), "GeoWebNews XML")
    articles = _geo.read_geowebnews(gold, limit)
    notes: list[str] = []
    systems: dict[str, dict[str, list[Mention]]] = {}
    if pred is not None:
        systems["eventwire"] = mentions_by_doc(read_mentions(pred))
    elif run_system:
        try:
            docs = _analysed([_geo.to_document(a) for a in articles], pipeline, config, notes, task="geo")
            systems["eventwire"] = {d.doc_id: d.mentions for d in docs}
        except PipelineUnavailable as err:
            if not components:
                raise
            notes.append(f"eventwire not scored: {err}")
    if components:
        systems.update(_kb_components(gold, articles, notes))
    if not systems:
        raise PipelineUnavailable("nothing to score: no pipeline run, no predictions file, no components")
    report = _geo.score_geo(articles, systems, dataset=dataset or "geowebnews", gold=str(gold), source=_source(pred),
                            n_boot=n_boot, seed=seed, limit=limit)
    report.notes += notes
    return report


def _kb_components(gold: Path, articles: Sequence[_geo.GeoArticle], notes: list[str]) -> dict[str, dict[str, list[Mention]]]:
    """The knowledge base's own geoparsers (``eventwire.kb.geo_eval``) as component baselines:
    resolving the gold toponym spans (no NER: an upper bound for resolution) and its gazetteer
    matcher end to end. Skipped with a note when the knowledge base cannot be built."""
    try:
        from eventwire.kb import geo_eval
        from eventwire.kb.kb import KnowledgeBase

        kb = KnowledgeBase.default()
        wanted = {a.doc_id for a in articles}
        theirs = [a for a in geo_eval.read_geowebnews(gold) if f"gwn-{a.id}" in wanted]
        out: dict[str, dict[str, list[Mention]]] = {}
        for name, fn in (("kb-resolver-gold-spans", geo_eval.predict_gold_spans), ("kb-gazetteer-e2e", geo_eval.predict_end_to_end)):
            preds = fn(kb, theirs)
            out[name] = {
                f"gwn-{doc}": [Mention(doc_id=f"gwn-{doc}", start=p.start, end=p.end, text=p.name or "", label="LOC",
                                       place=Place(name=p.name or "", lat=p.lat, lon=p.lon, geonameid=p.geonameid))
                               for p in places]
                for doc, places in preds.items()
            }
        notes.append("kb-resolver-gold-spans resolves the gold toponym spans (oracle recognition); kb-gazetteer-e2e finds "
                     "toponyms with the knowledge base's gazetteer matcher (no NER); both from eventwire.kb.geo_eval.")
        return out
    except Exception as err:  # noqa: BLE001 - a component in progress must not stop the evaluation
        notes.append(f"knowledge-base components not scored: {type(err).__name__}: {err}")
        return {}


# ---------------------------------------------------------------- events


def _is_seed(path: Path) -> bool:
    if path.name.endswith(".gold.json"):
        return True
    if path.suffix == ".json":
        with path.open(encoding="utf-8") as fh:
            head = fh.read(1)
        return head == "{"
    return False


def evaluate_events(
    gold: Path | None = None,
    pred: Path | None = None,
    *,
    mentions: Path | None = None,
    document: Path | None = None,
    limit: int | None = None,
    seed: int = DEFAULT_SEED,
    n_boot: int = DEFAULT_BOOTSTRAP,
    pipeline: object | None = None,
    config: Path | None = None,
    dataset: str | None = None,
    pair_with: Path | None = None,
    pair_pred: Path | None = None,
    components: bool = False,
    stride: int = 1,
) -> Report:
    """PLOVER gold records (.json English, .jsonl German) or a seed gold file (``*.gold.json``).

    ``pair_with``: the other language's PLOVER gold file; adds the cross-language agreement of
    the top event type over the translated sentence pairs (``pair_pred``: its predictions file).
    ``stride``: score every n-th record (the file is sorted by type, so a stride gives a mixed sample).
    """
    gold = require(gold or default_gold("events"), "PLOVER gold file")
    if _is_seed(gold):
        return evaluate_seed(gold, pred, mentions=mentions, document=document, seed=seed, n_boot=n_boot,
                             pipeline=pipeline, config=config, dataset=dataset)
    golds = _events.read_plover(gold)[::stride][:limit]
    notes: list[str] = []
    name = dataset or (gold.parent.name if gold.suffix == ".jsonl" else gold.parent.name + "_en")
    component = _type_classifier(golds, name, n_boot, seed, notes) if components else []
    try:
        if pred is not None:
            predictions = events_by_doc(read_events(pred))
        else:
            docs = _analysed([_events.to_document(g) for g in golds], pipeline, config, notes, task="events",
                             independent=True)
            predictions = {d.doc_id: d.events for d in docs}
    except PipelineUnavailable as err:
        if not component:
            raise
        report = Report(task="events", dataset=name, gold=str(gold), predictions=_source(pred), seed=seed, n_bootstrap=n_boot,
                        limit=limit, measures=component, notes=notes + [f"eventwire not scored: {err}"])
        return report
    report = _events.score_events(golds, predictions, dataset=name, gold=str(gold), source=_source(pred),
                                  n_boot=n_boot, seed=seed, limit=limit)
    report.measures += component
    report.notes += notes
    if pair_with is not None:
        report.measures.append(_agreement(golds, predictions, require(pair_with, "paired PLOVER gold"), pair_pred,
                                          pipeline, config, name, n_boot, seed))
    return report


def _type_classifier(golds: Sequence[_events.PloverGold], dataset: str, n_boot: int, seed: int,
                     notes: list[str]) -> list[Measure]:
    """Type accuracy of the event-type ranker alone (``eventwire.coding.classifier`` with its
    default settings), as a component baseline."""
    try:
        from eventwire.coding.classifier import classify_sentences

        ranked = classify_sentences([(g.text, g.language, None) for g in golds])
        preds = {g.doc_id: [Event(id=f"{g.doc_id}-top", event=r[0].event, confidence=r[0].score)] if r else []
                 for g, r in zip(golds, ranked)}
        notes.append("coding-type-ranker: eventwire.coding.classifier.classify_sentences alone (no parse, no actors); "
                     "type accuracy only.")
        return _events.type_only_measures(golds, preds, dataset=dataset, system="coding-type-ranker", n_boot=n_boot, seed=seed)
    except Exception as err:  # noqa: BLE001 - a component in progress must not stop the evaluation
        notes.append(f"event-type ranker component not scored: {type(err).__name__}: {err}")
        return []


def _pair_key(doc_id: str) -> str:
    """plover-en-007 and plover-de-007 are the same gold record."""
    return doc_id.rsplit("-", 1)[-1]


def _agreement(golds: Sequence[_events.PloverGold], predictions: dict[str, list[Event]], other: Path, other_pred: Path | None,
               pipeline: object | None, config: Path | None, dataset: str, n_boot: int, seed: int) -> Measure:
    """Share of sentences whose top event type is the same in both languages (translation pairs)."""
    keys = {_pair_key(g.doc_id) for g in golds}
    others = [g for g in _events.read_plover(other) if _pair_key(g.doc_id) in keys]
    if other_pred is not None:
        other_predictions = events_by_doc(read_events(other_pred))
    else:
        docs = _analysed([_events.to_document(g) for g in others], pipeline, config, [], task="events", independent=True)
        other_predictions = {d.doc_id: d.events for d in docs}
    by_key = {_pair_key(g.doc_id): g.doc_id for g in golds}
    pairs = [(by_key[_pair_key(o.doc_id)], o.doc_id) for o in others]
    rows = [[1.0 if _events.type_agreement(predictions, other_predictions, [pair]) else 0.0] for pair in pairs]
    return measure_from_sums(rows, lambda s: s[0] / len(pairs) if pairs else 0.0, n_of=lambda s: len(pairs),
                             dataset=dataset, task="events", key="cross_language_agreement",
                             name="same top event type as the translation", unit="sentence pairs", n_boot=n_boot, seed=seed)


def _seed_document(gold: _seed.SeedGold, gold_path: Path, document: Path | None) -> Path:
    if document is not None:
        return require(document, "seed document")
    for base in (shared_dir(), gold_path.resolve().parents[2]):
        candidate = base / gold.document
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"the seed gold names {gold.document!r}, not found under {shared_dir()}; pass --document PATH")


def evaluate_seed(
    gold_path: Path,
    pred: Path | None = None,
    *,
    mentions: Path | None = None,
    document: Path | None = None,
    seed: int = DEFAULT_SEED,
    n_boot: int = DEFAULT_BOOTSTRAP,
    pipeline: object | None = None,
    config: Path | None = None,
    dataset: str | None = None,
) -> Report:
    from eventwire.ingest import read_inputs

    gold = _seed.read_seed(gold_path)
    doc_path = _seed_document(gold, gold_path, document)
    read = [d for d in read_inputs([doc_path]) if isinstance(d, Document)]
    if not read:
        raise ValueError(f"{doc_path}: the reader could not make a document of it")
    doc = read[0]
    notes: list[str] = []
    if pred is not None:
        events: list[Event] = read_events(pred)
        ment: list[Mention] = read_mentions(mentions) if mentions else []
        notes.append("predictions read from files; metadata and body checks use the reader's document")
    else:
        doc = _analysed([doc], pipeline, config, notes, task='events')[0]
        events, ment = list(doc.events), list(doc.mentions)
    name = dataset or gold_path.name.replace(".gold.json", "")
    report = _seed.score_seed(gold, doc, events, ment, dataset=f"seed-{name}", gold_path=str(gold_path),
                              source=_source(pred), n_boot=n_boot, seed=seed)
    report.notes += notes
    return report


# ---------------------------------------------------------------- dates


def evaluate_dates(
    gold: Path | None = None,
    pred: Path | None = None,
    *,
    baseline: Path | None = None,
    limit: int | None = None,
    seed: int = DEFAULT_SEED,
    n_boot: int = DEFAULT_BOOTSTRAP,
    pipeline: object | None = None,
    config: Path | None = None,
    dataset: str | None = None,
    run_system: bool = True,
    components: bool = False,
) -> Report:
    """TimeML gold folder; ``components`` adds the date tagger alone (``eventwire.coding.dates``); ``baseline`` is a folder of TimeML system output on the same files (by
    default ``<gold>_Heideltime`` beside the gold folder, when present)."""
    gold = require(gold or default_gold("dates"), "TimeML gold folder")
    golds = _dates.read_timeml_dir(gold, limit)
    notes: list[str] = []
    systems: dict[str, dict[str, list[Mention]]] = {}
    if pred is not None:
        systems["eventwire"] = mentions_by_doc(read_mentions(pred))
    elif run_system:
        try:
            docs = _analysed([_dates.to_document(d) for d in golds], pipeline, config, notes, task='dates')
            systems["eventwire"] = {d.doc_id: d.mentions for d in docs}
        except PipelineUnavailable as err:
            notes.append(f"eventwire not scored: {err}")
    if components:
        systems.update(_date_components(golds, notes))
    base_dir = baseline or gold.with_name(gold.name + "_Heideltime")
    if base_dir.exists():
        wanted = {d.doc_id for d in golds}
        base_docs = [d for d in _dates.read_timeml_dir(base_dir) if d.doc_id in wanted]
        name = "heideltime" if "heideltime" in base_dir.name.lower() else base_dir.name
        systems[name] = {d.doc_id: _dates.timex_mentions(d) for d in base_docs}
    report = _dates.score_dates(golds, systems, dataset=dataset or gold.name, gold=str(gold), source=_source(pred),
                                n_boot=n_boot, seed=seed, limit=limit)
    report.notes += notes
    return report


def _date_components(golds: Sequence[_dates.TimemlDoc], notes: list[str]) -> dict[str, dict[str, list[Mention]]]:
    """The temporal tagger of ``eventwire.coding.dates`` run alone on each body with its DCT."""
    try:
        from eventwire.coding.dates import find_time_expressions

        out = {
            d.doc_id: [Mention(doc_id=d.doc_id, start=e.start, end=e.end, text=e.text, label=e.type or "DATE", value=e.value)
                       for e in find_time_expressions(d.body, "de", d.dct, None)]
            for d in golds
        }
        notes.append("coding-dates-tagger: eventwire.coding.dates.find_time_expressions alone (no pipeline), DCT given.")
        return {"coding-dates-tagger": out}
    except Exception as err:  # noqa: BLE001 - a component in progress must not stop the evaluation
        notes.append(f"date tagger component not scored: {type(err).__name__}: {err}")
        return {}


# ---------------------------------------------------------------- clusters


def _stories_from_events(events: Sequence[Event]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = {}
    for ev in events:
        if not ev.story_id:
            continue
        for doc_id in {e.doc_id for e in ev.evidence} | {m.doc_id for m in ev.mentions}:
            votes.setdefault(doc_id, Counter())[ev.story_id] += 1
    return {doc: c.most_common(1)[0][0] for doc, c in votes.items()}


def _read_cluster_pred(pred: Path) -> tuple[dict[str, str] | None, list[Event] | None]:
    with pred.open(encoding="utf-8") as fh:
        first = next((json.loads(line) for line in fh if line.strip()), {})
    if "event" in first:
        events = read_events(pred)
        stories = _stories_from_events(events)
        return (stories or None), events
    return {a.doc_id: a.story_id for a in read_story_assignments(pred)}, None


def evaluate_clusters(
    gold: Path | None = None,
    pred: Path | None = None,
    *,
    topics: Sequence[str] | None = None,
    limit: int | None = None,
    seed: int = DEFAULT_SEED,
    n_boot: int = DEFAULT_BOOTSTRAP,
    pipeline: object | None = None,
    config: Path | None = None,
    dataset: str | None = None,
    run_system: bool = True,
) -> Report:
    """ECB+ folder; ``pred`` holds ``{doc_id, story_id}`` lines or event records (with story_id and
    evidence triggers, for event coreference). Without ``pred`` the pipeline is run when it has a
    merge stage; the baselines are always scored."""
    gold = require(gold or default_gold("clusters"), "ECB+ folder")
    docs = _clusters.read_ecbplus(gold, topics, limit)
    notes: list[str] = []
    stories: dict[str, str] | None = None
    events: list[Event] | None = None
    if pred is not None:
        stories, events = _read_cluster_pred(pred)
    elif run_system:
        try:
            analysed = _analysed([_clusters.to_document(d) for d in docs], pipeline, config, notes, task='clusters')
            events = [e for d in analysed for e in d.events]
            stories = _stories_from_events(events) or None
            if not events:
                notes.append("the pipeline produced no events: no system clusters to score")
                events = None
        except PipelineUnavailable as err:
            notes.append(f"eventwire not scored: {err}")
    report = _clusters.score_clusters(docs, stories=stories, events=events, dataset=dataset or gold.name, gold=str(gold),
                                      source=_source(pred), n_boot=n_boot, seed=seed, limit=limit)
    report.notes += notes
    return report


# ---------------------------------------------------------------- inputs for offline runs


def gold_documents(task: str, gold: Path | None = None, *, fmt: str | None = None, language: str | None = None,
                   limit: int | None = None) -> list[Document]:
    """The documents a task feeds the pipeline, e.g. to run ``eventwire extract`` on them elsewhere."""
    gold = require(gold or default_gold(task), f"{task} gold")
    if task == "ner":
        return [_ner.to_document(s) for s in _ner.read_ner(gold, fmt, language, limit)[0]]  # type: ignore[arg-type]
    if task == "geo":
        return [_geo.to_document(a) for a in _geo.read_geowebnews(gold, limit)]
    if task == "events":
        return [_events.to_document(g) for g in _events.read_plover(gold, limit)]
    if task == "dates":
        return [_dates.to_document(d) for d in _dates.read_timeml_dir(gold, limit)]
    if task == "clusters":
        return [_clusters.to_document(d) for d in _clusters.read_ecbplus(gold, None, limit)]
    raise ValueError(f"unknown task {task!r}")


def write_documents_jsonl(docs: Sequence[Document], out: Path) -> int:
    """JSONL the ``eventwire`` JSONL reader takes (id, text, language, date), one line per document."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d.doc_id, "text": d.body, "language": d.language, "date": d.published,
                                 "title": d.title, "url": d.url}, ensure_ascii=False) + "\n")
    return len(docs)
