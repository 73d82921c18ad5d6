"""Memory and speed of story clustering and event de-duplication alone, at up to 100,000 articles.

The full pipeline runs at a few articles per second on this machine (see throughput.md), so a
100k-article run of everything takes hours; this benchmark isolates the merge stage, whose state is
what could grow with the corpus. Articles are synthetic but shaped like coded news: each has 3-8
linked actor and place mentions drawn from the shipped knowledge base (popular ones more often), 1-4
events between them, a publication date advancing one day per 300 articles, and one of ~20,000
recurring "stories" (the same actors and places re-reported for a few days). Peak RSS is sampled at
each checkpoint; flat memory means the indexes retire old stories and events as the window passes.

    python benchmarks/merge_memory.py                 # 100,000 articles, checkpoints every 10,000
    python benchmarks/merge_memory.py --n 20000 --embeddings
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import time
from pathlib import Path

from eventwire.ingest.base import make_document
from eventwire.merge.stage import Merger
from eventwire.records import Actor, EntityLink, Event, Evidence, Mention, Place

TYPES = ["CONSULT", "AID", "ACCUSE", "ASSAULT", "REQUEST", "AGREE", "SUPPORT", "THREATEN"]


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--every", type=int, default=10_000)
    ap.add_argument("--embeddings", action="store_true", help="also embed each lead (slower)")
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("merge_memory.md"))
    args = ap.parse_args()

    rng = random.Random(7)
    codes = ["USA", "RUS", "CHN", "UKR", "DEU", "FRA", "GBR", "PRK", "KOR", "IRN", "ISR", "TUR", "IND", "BRA",
             "JPN", "POL", "SYR", "EGY", "NGA", "ZAF", "MEX", "PAK", "AFG", "IRQ", "SAU"]
    people = [(f"Q{1000 + i}", codes[i % len(codes)]) for i in range(3000)]
    places = [(100000 + i, codes[i % len(codes)], rng.uniform(-60, 70), rng.uniform(-170, 170)) for i in range(5000)]
    stories = [(rng.sample(people, 3), rng.sample(places, 2), rng.choice(TYPES)) for _ in range(20_000)]
    embedder = None
    if args.embeddings:
        from eventwire.coding.classifier import embed

        embedder = embed
    merger = Merger(window_days=3, story_threshold=0.35, embedder=embedder)
    start_day = dt.date(2023, 1, 1)
    rows = []
    t0 = time.perf_counter()
    base_rss = _current_rss_mib()
    for i in range(args.n):
        day = start_day + dt.timedelta(days=i // 300)
        # stories recur for a few days: pick among those "active" around this day
        s_people, s_places, s_type = stories[(i // 300 * 7 + rng.randrange(60)) % len(stories)]
        text = f"Report {i} on {s_type.lower()} involving " + ", ".join(q for q, _ in s_people)
        doc = make_document(text, source="synthetic", fmt="text", language=rng.choice(["de", "en"]),
                            publication=f"outlet{rng.randrange(300)}", published=day.isoformat())
        doc.mentions = [Mention(doc_id=doc.doc_id, start=0, end=1, text=q, label="PER",
                                entity=EntityLink(kb_id=q, identifier_id=q, code=c, sector="GOV"))
                        for q, c in s_people]
        doc.mentions += [Mention(doc_id=doc.doc_id, start=0, end=1, text=str(g), label="LOC",
                                 place=Place(geonameid=g, name=str(g), lat=la, lon=lo, country_code=c))
                         for g, c, la, lo in s_places]
        (qa, ca), (qb, cb) = s_people[0], s_people[1]
        g, c, la, lo = s_places[0]
        from eventwire.records import EventLocation

        doc.events = [Event(id=f"ev{i}_{k}", event=s_type if k == 0 else rng.choice(TYPES),
                            actor=[Actor(entity_text=qa, code=ca, identifier_id=qa)],
                            recipient=[Actor(entity_text=qb, code=cb, identifier_id=qb)],
                            date=day.isoformat(), date_precision="day",
                            event_loc=EventLocation(extracted_place=str(g), lat=la, lon=lo, country_code=c),
                            evidence=[Evidence(doc_id=doc.doc_id, start=0, end=len(text), text=text)])
                      for k in range(rng.randint(1, 4))]
        merger.add(doc)
        merger.merges.clear()
        if (i + 1) % args.every == 0 or i + 1 == args.n:
            rows.append((i + 1, time.perf_counter() - t0, _current_rss_mib(), _rss_mib(),
                         len(merger.stories.active), len(merger.events.active), len(merger.stories.df)))
    lines = [
        "# Merge stage: memory and speed up to {:,} articles".format(args.n), "",
        "Written by `benchmarks/merge_memory.py` (see its docstring for the synthetic corpus); "
        f"embeddings: {'on' if args.embeddings else 'off'}; RSS at start {base_rss:.0f} MiB.", "",
        "| articles | seconds | articles/s | RSS MiB | peak RSS MiB | active stories | active events | IDF terms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, secs, rss, peak, st, ev, terms in rows:
        lines.append(f"| {n:,} | {secs:.1f} | {n / secs:.0f} | {rss:.0f} | {peak:.0f} | {st:,} | {ev:,} | {terms:,} |")
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
