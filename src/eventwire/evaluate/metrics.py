"""Plain scoring functions: precision/recall/F1, B-cubed, adjusted Rand, great-circle distance.

Everything here works on small typed inputs (counts, label sequences, coordinates) so that each
task module only has to turn gold and predictions into those inputs.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence

from pydantic import BaseModel

__all__ = [
    "PRF",
    "prf",
    "safe_div",
    "BCubed",
    "bcubed",
    "bcubed_items",
    "bcubed_fast",
    "adjusted_rand",
    "haversine_km",
    "median",
]

EARTH_RADIUS_KM = 6371.0088


def safe_div(num: float, den: float) -> float:
    """``num / den``, 0.0 when there is nothing to divide by."""
    return num / den if den else 0.0


class PRF(BaseModel):
    """Counts and the precision, recall and F1 they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return safe_div(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return safe_div(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1_from_counts(self.tp, self.fp, self.fn)

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


def f1_from_counts(tp: float, fp: float, fn: float) -> float:
    """F1 = 2tp / (2tp + fp + fn), 0.0 when all counts are zero."""
    return safe_div(2 * tp, 2 * tp + fp + fn)


def prf(gold: set[Hashable], pred: set[Hashable]) -> PRF:
    """Exact-match counts between a gold and a predicted set of items (e.g. labelled spans)."""
    tp = len(gold & pred)
    return PRF(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)


class BCubed(BaseModel):
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return safe_div(2 * self.precision * self.recall, self.precision + self.recall)


def bcubed_items(
    gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]
) -> dict[Hashable, tuple[float, float]]:
    """Per-item B-cubed precision and recall (Bagga & Baldwin 1998).

    ``gold`` and ``pred`` map each item to its cluster label; items are those of ``gold``. An item
    missing from ``pred`` is its own singleton cluster.
    """
    pred_full = {item: pred.get(item, ("__singleton__", item)) for item in gold}
    gold_members: dict[Hashable, set[Hashable]] = defaultdict(set)
    pred_members: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, label in gold.items():
        gold_members[label].add(item)
    for item, label in pred_full.items():
        pred_members[label].add(item)
    out: dict[Hashable, tuple[float, float]] = {}
    for item in gold:
        g = gold_members[gold[item]]
        p = pred_members[pred_full[item]]
        both = len(g & p)
        out[item] = (both / len(p), both / len(g))
    return out


def bcubed(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> BCubed:
    """Mean per-item B-cubed precision and recall over the gold items."""
    items = bcubed_items(gold, pred)
    if not items:
        return BCubed(precision=0.0, recall=0.0)
    n = len(items)
    return BCubed(
        precision=sum(p for p, _ in items.values()) / n,
        recall=sum(r for _, r in items.values()) / n,
    )


def bcubed_fast(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (P, R, F1) of two labelings of the same items, from the contingency table."""
    n = len(gold)
    if n == 0:
        return (0.0, 0.0, 0.0)
    joint = Counter(zip(gold, pred))
    gsize, psize = Counter(gold), Counter(pred)
    p = sum(c * c / psize[pl] for (_, pl), c in joint.items()) / n
    r = sum(c * c / gsize[gl] for (gl, _), c in joint.items()) / n
    return (p, r, safe_div(2 * p * r, p + r))


def adjusted_rand(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    """Adjusted Rand index between two labelings of the same items (scikit-learn)."""
    from sklearn.metrics import adjusted_rand_score

    if len(gold) != len(pred):
        raise ValueError(f"label sequences differ in length: {len(gold)} gold vs {len(pred)} pred")
    codes_g = _codes(gold)
    codes_p = _codes(pred)
    return float(adjusted_rand_score(codes_g, codes_p))


def _codes(labels: Sequence[Hashable]) -> list[int]:
    index: dict[Hashable, int] = {}
    return [index.setdefault(label, len(index)) for label in labels]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def median(values: Sequence[float]) -> float:
    """Median, 0.0 for an empty sequence."""
    if not values:
        return 0.0
    s = sorted(values)
    mid = len(s) // 2
    return float(s[mid]) if len(s) % 2 else (s[mid - 1] + s[mid]) / 2.0
