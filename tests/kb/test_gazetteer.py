"""The gazetteer's cached index: other versions' indexes, and an index that vanishes while in use."""

from __future__ import annotations

import os
import time
from pathlib import Path

from eventwire.kb import gazetteer as G


def test_only_stale_indexes_of_other_versions_are_removed(tmp_path):
    keep, fresh, stale = (tmp_path / f"gazetteer-{n}.sqlite" for n in ("keep", "fresh", "stale"))
    for p in (keep, fresh, stale):
        p.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    os.utime(keep, (two_days_ago, two_days_ago))
    G._remove_stale_indexes(keep)
    # a fresh index may belong to a job running from another checkout; the stale one goes, ours stays
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-fresh.sqlite", "gazetteer-keep.sqlite"]


def test_an_index_removed_between_check_and_open_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    monkeypatch.delenv("EVENTWIRE_GAZETTEER", raising=False)
    real_build = G.build_sqlite
    builds = []

    def small_build(path, *a, **k):  # the shipped countries and regions only: fast
        builds.append(path)
        return real_build(path, cities=False)

    monkeypatch.setattr(G, "build_sqlite", small_build)
    target = tmp_path / f"gazetteer-{G._source_fingerprint()}.sqlite"
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda self: True if self == target else real_exists(self))
    gaz = G.Gazetteer.default()  # "exists", but is not there: the open fails, the index is built
    assert builds == [target] and gaz.find("Germany")
