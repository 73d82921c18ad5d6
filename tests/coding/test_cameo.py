"""PLOVER -> nearest CAMEO root and quad class."""

from __future__ import annotations

import pytest

from eventwire.coding.cameo import ROOTS, cameo_for, cameo_root, parse_cameo2plover, quad_class, to_cameo
from eventwire.records import PLOVER_EVENTS
from tests.conftest import SHARED

TABLE = SHARED / "gold" / "plover_gsr" / "CAMEO2PLOVER-2021.txt"


def test_every_type_has_a_root() -> None:
    assert set(ROOTS) == set(PLOVER_EVENTS)
    for ev in PLOVER_EVENTS:
        root = cameo_root(ev)
        assert len(root) == 2 and root.isdigit()


@pytest.mark.parametrize("event,mode,context,root,quad", [
    ("AGREE", None, (), "03", 1),
    ("CONSULT", "visit", (), "04", 1),
    ("SUPPORT", None, (), "05", 1),
    ("COOPERATE", None, (), "06", 2),
    ("AID", "military", (), "07", 2),
    ("RETREAT", "release", (), "08", 2),
    ("ACCUSE", "investigate", (), "09", 2),
    ("ACCUSE", "allege", (), "11", 3),
    ("REQUEST", None, (), "10", 3),
    ("REJECT", None, (), "12", 3),
    ("THREATEN", "violence", (), "13", 3),
    ("PROTEST", "demo", (), "14", 3),
    ("MOBILIZE", "troops", (), "15", 4),
    ("SANCTION", "expel", (), "16", 4),
    ("COERCE", "arrest", (), "17", 4),
    ("ASSAULT", "abduct", (), "18", 4),
    ("ASSAULT", "heavy-weapons", (), "19", 4),
    ("ASSAULT", None, ("military",), "19", 4),
    ("ASSAULT", "massacre", (), "20", 4),
])
def test_roots_and_quads(event: str, mode: str | None, context: tuple, root: str, quad: int) -> None:
    assert cameo_for(event, mode, context) == (root, quad)


def test_mode_list_and_case() -> None:
    assert to_cameo("ACCUSE", "investigate") == ("09", 2)
    assert cameo_root("accuse", ["investigate"]) == "09"
    assert cameo_root("ASSAULT", ["Firearms"]) == "19"


def test_errors_are_explained() -> None:
    with pytest.raises(ValueError, match="unknown PLOVER event"):
        cameo_root("DEMAND")
    with pytest.raises(ValueError):
        quad_class("21")


@pytest.mark.skipif(not TABLE.exists(), reason=f"CAMEO2PLOVER table not found at {TABLE}")
def test_table_agrees_with_cameo2plover_file() -> None:
    parsed = parse_cameo2plover(TABLE)
    assert set(parsed) == set(PLOVER_EVENTS)
    for ev, roots in parsed.items():
        # the shipped default root is the one most of the type's CAMEO codes come from
        assert roots.most_common(1)[0][0] == ROOTS[ev], (ev, roots)
    # mode-specific roots exist in the file for that type
    assert "09" in parsed["ACCUSE"] and "19" in parsed["ASSAULT"] and "20" in parsed["ASSAULT"]
