"""Story clustering and cross-document event coreference on ECB+ (Cybulska & Vossen 2014).

Documents are clustered into topics and sub-topics (the ``ecb`` and ``ecbplus`` halves of each
topic describe different seminal events); event mentions (ACTION_* and NEG_* markables in the
sentences the corpus lists as annotated) are clustered by the instance of their CROSS_DOC_COREF
chain. Both are scored with B-cubed P/R/F1 and the adjusted Rand index, for the system and for
simple baselines computed in the same report.
"""

from __future__ import annotations

import csv
import logging
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel

from eventwire.evaluate.bootstrap import DEFAULT_BOOTSTRAP, DEFAULT_SEED, bootstrap_units
from eventwire.evaluate.metrics import adjusted_rand, bcubed_fast
from eventwire.evaluate.report import Measure, Report
from eventwire.records import Document, Event

__all__ = [
    "EcbMention",
    "EcbDoc",
    "read_ecbplus",
    "read_ecb_doc",
    "to_document",
    "bcubed_fast",
    "doc_clusters_from_stories",
    "event_clusters_from_events",
    "tfidf_clusters",
    "head_word_clusters",
    "cluster_measures",
    "score_clusters",
]

log = logging.getLogger(__name__)


class EcbMention(BaseModel):
    m_id: str
    tag: str
    start: int  # character offsets into the document body
    end: int
    text: str
    sentence: int
    cluster: str  # gold cross-document cluster (instance id, intra-doc chain, or singleton)


class EcbDoc(BaseModel):
    doc_id: str
    topic: str
    subtopic: str
    body: str
    mentions: list[EcbMention]


def _selected_sentences(root: Path) -> dict[str, set[int]] | None:
    path = root / "ECBplus_coreference_sentences.csv"
    if not path.exists():
        return None
    out: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic'].strip()}_{row['File'].strip()}"].add(int(row["Sentence Number"]))
    return out


def read_ecb_doc(path: Path, topic: str, selected: set[int] | None = None) -> EcbDoc:
    """One ECB+ XML file: body (tokens joined by spaces, one line per sentence) and event mentions."""
    root = ET.parse(path).getroot()
    doc_id = path.name.rsplit(".", 1)[0]
    offsets: dict[str, tuple[int, int, int]] = {}
    parts: list[str] = []
    pos, last_sentence = 0, None
    for tok in root.iter("token"):
        sentence = int(tok.get("sentence", "0"))
        text = tok.text or ""
        if last_sentence is not None:
            sep = " " if sentence == last_sentence else "\n"
            parts.append(sep)
            pos += 1
        offsets[tok.get("t_id", "")] = (pos, pos + len(text), sentence)
        parts.append(text)
        pos += len(text)
        last_sentence = sentence
    body = "".join(parts)
    markables = root.find("Markables")
    instance_of: dict[str, str] = {}
    relations = root.find("Relations")
    anchored: list[tuple[str, str, list[str]]] = []
    instance_ids: dict[str, str] = {}
    if markables is not None:
        for m in markables:
            anchors = [a.get("t_id", "") for a in m.findall("token_anchor")]
            if anchors:
                anchored.append((m.get("m_id", ""), m.tag, anchors))
            elif m.get("instance_id"):
                instance_ids[m.get("m_id", "")] = m.get("instance_id", "")
    if relations is not None:
        for rel in relations:
            target = rel.find("target")
            if target is None:
                continue
            if rel.tag == "CROSS_DOC_COREF":
                cluster = rel.get("note") or instance_ids.get(target.get("m_id", ""), "")
            elif rel.tag == "INTRA_DOC_COREF":
                cluster = f"{doc_id}/intra/{rel.get('r_id')}"
            else:
                continue
            for src in rel.findall("source"):
                instance_of.setdefault(src.get("m_id", ""), cluster)
    mentions = []
    for m_id, tag, anchors in anchored:
        if not (tag.startswith("ACTION") or tag.startswith("NEG_ACTION")):
            continue
        spans = [offsets[a] for a in anchors if a in offsets]
        if not spans:
            continue
        sentence = spans[0][2]
        if selected is not None and sentence not in selected:
            continue
        start, end = min(s[0] for s in spans), max(s[1] for s in spans)
        mentions.append(EcbMention(m_id=m_id, tag=tag, start=start, end=end, text=body[start:end], sentence=sentence,
                                   cluster=instance_of.get(m_id, f"{doc_id}/singleton/{m_id}")))
    sub = "ecbplus" if doc_id.endswith("ecbplus") else "ecb"
    return EcbDoc(doc_id=doc_id, topic=topic, subtopic=f"{topic}_{sub}", body=body, mentions=mentions)


def read_ecbplus(root: Path, topics: Sequence[str] | None = None, limit: int | None = None) -> list[EcbDoc]:
    """All topic folders under ``root`` (numeric names), or those in ``topics``; ``limit`` = topics."""
    selected = _selected_sentences(root)
    if selected is None:
        log.warning("%s: no ECBplus_coreference_sentences.csv; scoring event mentions in all sentences", root)
    folders = sorted((p for p in root.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))
    if topics:
        folders = [f for f in folders if f.name in set(topics)]
    if limit is not None:
        folders = folders[:limit]
    if not folders:
        raise ValueError(f"{root}: no ECB+ topic folders (numbered sub-folders with *ecb.xml files)")
    docs = []
    for folder in folders:
        for path in sorted(folder.glob("*.xml")):
            stem = path.name.rsplit(".", 1)[0]
            docs.append(read_ecb_doc(path, folder.name, selected.get(stem, set()) if selected is not None else None))
    return docs


def to_document(doc: EcbDoc) -> Document:
    return Document(doc_id=doc.doc_id, body=doc.body, language="en")


def doc_clusters_from_stories(assignments: Mapping[str, str], docs: Sequence[EcbDoc]) -> list[str]:
    """Predicted story of each document (a document without one is its own story)."""
    return [assignments.get(d.doc_id, f"__single__/{d.doc_id}") for d in docs]


def event_clusters_from_events(events: Sequence[Event], docs: Sequence[EcbDoc]) -> list[str]:
    """Predicted cluster of each gold event mention: the id of the event whose evidence trigger (or
    evidence span, when there is no trigger) overlaps it most; else a singleton."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for ev in events:
        evidence = list(ev.evidence) + [e for m in ev.mentions for e in m.evidence]
        for e in evidence:
            start, end = (e.trigger.start, e.trigger.end) if e.trigger else (e.start, e.end)
            spans[e.doc_id].append((start, end, ev.id))
    out = []
    for d in docs:
        for m in d.mentions:
            best, best_ov = None, 0
            for s, e, eid in spans.get(d.doc_id, []):
                ov = min(e, m.end) - max(s, m.start)
                if ov > best_ov:
                    best, best_ov = eid, ov
            out.append(best if best is not None else f"__single__/{d.doc_id}/{m.m_id}")
    return out


def tfidf_clusters(docs: Sequence[EcbDoc], n_clusters: int) -> list[str]:
    """Lexical baseline: TF-IDF vectors, average-linkage cosine agglomerative clustering into
    ``n_clusters`` clusters (given the gold number, so this baseline is optimistic)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(docs) < 2 or n_clusters < 2:
        return ["c0"] * len(docs)
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform([d.body for d in docs])
    model = AgglomerativeClustering(n_clusters=min(n_clusters, len(docs)), metric="cosine", linkage="average")
    labels = model.fit_predict(x.toarray())
    return [f"c{int(lab)}" for lab in labels]


_SUFFIX = re.compile(r"(?:ing|ed|es|s|ion|ions)$")


def _head(text: str) -> str:
    word = text.lower().split()[-1] if text.split() else ""
    return _SUFFIX.sub("", word) if len(word) > 5 else word


def head_word_clusters(docs: Sequence[EcbDoc], within: Callable[[EcbDoc], str]) -> list[str]:
    """Lemma-style baseline: event mentions sharing a crudely stemmed head word within the same
    group (e.g. the gold topic, or the system's story) are one cluster."""
    return [f"{within(d)}/{_head(m.text)}" for d in docs for m in d.mentions]


def _resampled(units: list[tuple[list[Hashable], list[Hashable]]], fn: Callable[[list, list], float]) -> Callable[[list], float]:
    def stat(sample: list[tuple[int, tuple[list[Hashable], list[Hashable]]]]) -> float:
        gold: list[Hashable] = []
        pred: list[Hashable] = []
        seen: Counter[int] = Counter()
        for idx, (g, p) in sample:
            k = seen[idx]
            seen[idx] += 1
            gold += [(k, idx, x) for x in g]
            # first copy keeps the predicted labels, so clusters spanning topics stay merged
            pred += list(p) if k == 0 else [(k, idx, x) for x in p]
        return fn(gold, pred)

    return stat


def cluster_measures(
    groups: Sequence[str],
    gold: Sequence[Hashable],
    pred: Sequence[Hashable],
    *,
    dataset: str,
    level: str,
    system: str,
    n_boot: int,
    seed: int,
    unit: str,
) -> list[Measure]:
    """B-cubed P/R/F1 and ARI, with intervals from resampling whole topics (``groups``)."""
    by_group: dict[str, tuple[list[Hashable], list[Hashable]]] = {}
    for grp, g, p in zip(groups, gold, pred):
        gl, pl = by_group.setdefault(grp, ([], []))
        gl.append(g)
        pl.append(p)
    units = list(enumerate(by_group.values()))
    bp, br, bf = bcubed_fast(gold, pred)
    ari = adjusted_rand(list(gold), list(pred)) if gold else 0.0
    out = []
    for key, name, value, fn, headline in (
        ("bcubed_f1", "B-cubed F1", bf, lambda g, p: bcubed_fast(g, p)[2], True),
        ("bcubed_p", "B-cubed precision", bp, lambda g, p: bcubed_fast(g, p)[0], False),
        ("bcubed_r", "B-cubed recall", br, lambda g, p: bcubed_fast(g, p)[1], False),
        ("ari", "adjusted Rand index", ari, lambda g, p: adjusted_rand(g, p), True),
    ):
        ci = bootstrap_units(units, _resampled([u for _, u in units], fn), n_boot=n_boot if headline else 0, seed=seed)
        out.append(Measure(dataset=dataset, task="clusters", key=f"{level}_{key}", name=f"{level}: {name}", system=system,
                           value=value, ci_low=ci[0] if ci else None, ci_high=ci[1] if ci else None, n=len(gold),
                           units=len(units), unit=unit, headline=headline))
    return out


def score_clusters(
    docs: Sequence[EcbDoc],
    *,
    stories: Mapping[str, str] | None,
    events: Sequence[Event] | None,
    dataset: str,
    gold: str,
    source: str,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    limit: int | None = None,
) -> Report:
    """System scores where stories/events are given, and the baselines always."""
    report = Report(task="clusters", dataset=dataset, gold=gold, predictions=source, seed=seed, n_bootstrap=n_boot, limit=limit,
                    baselines=["tfidf-agglomerative", "head-word-in-gold-topic"])
    topics = [d.topic for d in docs]
    subtopics = [d.subtopic for d in docs]
    kw = dict(dataset=dataset, n_boot=n_boot, seed=seed, unit="topics")
    doc_systems: dict[str, list[Hashable]] = {}
    if stories is not None:
        doc_systems["eventwire"] = list(doc_clusters_from_stories(stories, docs))
    doc_systems["singletons"] = [d.doc_id for d in docs]
    n_topics, n_sub = len(set(topics)), len(set(subtopics))
    tfidf_topic = tfidf_clusters(docs, n_topics)
    tfidf_sub = tfidf_clusters(docs, n_sub)
    for system, labels in doc_systems.items():
        report.measures += cluster_measures(topics, topics, labels, level="topic", system=system, **kw)
        report.measures += cluster_measures(topics, subtopics, labels, level="subtopic", system=system, **kw)
    report.measures += cluster_measures(topics, topics, tfidf_topic, level="topic", system="tfidf-agglomerative", **kw)
    report.measures += cluster_measures(topics, subtopics, tfidf_sub, level="subtopic", system="tfidf-agglomerative", **kw)
    report.measures += cluster_measures(topics, subtopics, topics, level="subtopic", system="gold-topic", **kw)

    m_groups = [d.topic for d in docs for _ in d.mentions]
    m_gold = [m.cluster for d in docs for m in d.mentions]
    ev_systems: dict[str, list[Hashable]] = {}
    if events is not None:
        ev_systems["eventwire"] = list(event_clusters_from_events(events, docs))
    ev_systems["singletons"] = [f"{d.doc_id}/{m.m_id}" for d in docs for m in d.mentions]
    ev_systems["head-word-in-gold-topic"] = list(head_word_clusters(docs, lambda d: d.topic))
    ev_systems["head-word-in-gold-subtopic"] = list(head_word_clusters(docs, lambda d: d.subtopic))
    for system, labels in ev_systems.items():
        report.measures += cluster_measures(m_groups, m_gold, labels, level="event-coref", system=system, **kw)
    report.notes.append(
        f"{len(docs)} documents in {n_topics} topics / {n_sub} sub-topics; {len(m_gold)} gold event mentions "
        f"(ACTION_*/NEG_* in the annotated sentences) in {len(set(m_gold))} gold clusters."
    )
    report.notes.append(
        "Baselines: singletons; TF-IDF average-linkage agglomerative clustering told the gold number of clusters "
        "(optimistic); gold-topic = the topic as sub-topic (shows what splitting ecb/ecbplus is worth); head-word = "
        "event mentions with the same crudely stemmed last word in the same gold topic/sub-topic (a lemma baseline "
        "with gold document clusters, optimistic)."
    )
    report.notes.append(
        "Intervals resample whole topics (documents within a topic are not independent); predicted clusters that "
        "span topics stay merged within the first copy of each resampled topic."
    )
    if stories is None:
        report.notes.append("No system story assignments given (--pred with {doc_id, story_id} lines): baselines only.")
    if events is None:
        report.notes.append("No system events given: event coreference has baselines only.")
    return report
