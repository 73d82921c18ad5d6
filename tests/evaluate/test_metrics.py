"""Scorer arithmetic on tiny hand-built inputs with known answers."""

import math

import numpy as np
import pytest

from eventwire.evaluate.bootstrap import bootstrap_sums, bootstrap_units
from eventwire.evaluate.metrics import bcubed_fast
from eventwire.evaluate.metrics import PRF, adjusted_rand, bcubed, haversine_km, median, prf


def test_prf_one_false_positive_one_false_negative():
    gold = {(0, 5, "PER"), (10, 15, "LOC"), (20, 25, "ORG")}
    pred = {(0, 5, "PER"), (10, 15, "LOC"), (30, 35, "ORG")}
    c = prf(gold, pred)
    assert (c.tp, c.fp, c.fn) == (2, 1, 1)
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 3)
    assert c.f1 == pytest.approx(2 / 3)


def test_prf_empty_is_zero_not_error():
    assert PRF().f1 == 0.0
    assert (PRF(tp=1) + PRF(fp=1)).precision == 0.5


def test_bcubed_known_example():
    # Amigo et al. style: gold {a,b,c} {d,e}; pred {a,b} {c,d,e}
    gold = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    # precision per item: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/15
    # recall per item: a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/15
    b = bcubed(gold, pred)
    assert b.precision == pytest.approx(11 / 15)
    assert b.recall == pytest.approx(11 / 15)
    p, r, f = bcubed_fast(list(gold.values()), [pred[k] for k in gold])
    assert (p, r, f) == pytest.approx((11 / 15, 11 / 15, 11 / 15))


def test_bcubed_singletons_and_one_cluster():
    gold = [1, 1, 2, 2]
    p, r, _ = bcubed_fast(gold, ["a", "b", "c", "d"])
    assert (p, r) == (1.0, 0.5)
    p, r, _ = bcubed_fast(gold, ["x"] * 4)
    assert (p, r) == (0.5, 1.0)


def test_bcubed_missing_prediction_is_singleton():
    b = bcubed({"a": 1, "b": 1}, {"a": "x"})
    assert b.recall == pytest.approx(0.5)
    assert b.precision == pytest.approx(1.0)


def test_adjusted_rand_invariant_to_label_names_and_zero_for_singletons():
    assert adjusted_rand([1, 1, 2, 2], ["b", "b", "a", "a"]) == pytest.approx(1.0)
    assert adjusted_rand([1, 1, 2, 2], [1, 2, 3, 4]) == pytest.approx(0.0)
    with pytest.raises(ValueError):
        adjusted_rand([1, 2], [1])


def test_haversine_berlin_paris():
    d = haversine_km(52.5200, 13.4050, 48.8566, 2.3522)
    assert 870 < d < 885
    assert haversine_km(10, 10, 10, 10) == 0.0


def test_median():
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert median([]) == 0.0


def test_bootstrap_is_seeded_and_brackets_the_value():
    rng = np.random.default_rng(0)
    rows = np.column_stack([rng.integers(0, 2, 400), np.ones(400)])
    acc = lambda s: s[0] / s[1]  # noqa: E731
    lo, hi = bootstrap_sums(rows, acc, n_boot=500, seed=1)
    assert lo < rows[:, 0].mean() < hi
    assert 0.05 < hi - lo < 0.15  # about 2 * 1.96 * sqrt(.25/400) = 0.098
    assert bootstrap_sums(rows, acc, n_boot=500, seed=1) == (lo, hi)
    assert bootstrap_sums(rows, acc, n_boot=0) is None
    assert bootstrap_sums(np.zeros((0, 2)), acc) is None


def test_bootstrap_units_constant_data_has_zero_width():
    lo, hi = bootstrap_units([[5.0]] * 10, lambda us: median([x for u in us for x in u]), n_boot=50, seed=0)
    assert lo == hi == 5.0
    assert math.isfinite(lo)
