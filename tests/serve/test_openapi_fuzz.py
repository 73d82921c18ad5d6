"""Schemathesis against the API's own OpenAPI spec: no server errors, answers as documented,
invalid input rejected, and pages never longer than the limit asked for.

(The operations are walked by hand rather than with ``schema.parametrize()``: schemathesis'
fixture-based pytest integration does not work with pytest 9.)
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install -e '.[dev]')")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from eventwire.pipeline import Pipeline  # noqa: E402
from eventwire.serve import create_app  # noqa: E402
from tests.serve.conftest import build_store  # noqa: E402

MAX_BODY = 20_000
DEFAULT_LIMITS = {"/api/events": 50, "/api/articles": 50, "/api/stories": 50}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 20


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("fuzz") / "events.db")
    # Host checking is off: the test client calls itself "testserver"
    app = create_app(db, pipeline=Pipeline(stages=["language"]), max_body_bytes=MAX_BODY, allowed_hosts=None)
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


def _check_limits(case, response) -> None:
    assert response.status_code < 500, f"server error for {case.method} {case.path}: {response.text[:500]}"
    if response.status_code == 200 and case.method == "GET" and case.path in DEFAULT_LIMITS:
        limit = int((case.query or {}).get("limit", DEFAULT_LIMITS[case.path]))
        body = response.json()
        assert len(body["items"]) <= limit and body["limit"] == limit, "a page is longer than the limit asked for"


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_api_conforms_to_its_spec(api_schema, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    checks = CHECKS + ([negative_data_rejection] if mode == GenerationMode.NEGATIVE else [])
    fuzzed = 0
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def run(case):
            response = case.call_and_validate(checks=checks)
            _check_limits(case, response)

        try:
            run()
            fuzzed += 1
        except Unsatisfiable:
            # an operation without parameters or body has no invalid input to send
            if mode != GenerationMode.NEGATIVE:
                raise
    assert fuzzed >= (len(operations) if mode == GenerationMode.POSITIVE else 8)
