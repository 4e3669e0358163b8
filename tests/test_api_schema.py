"""Schemathesis against the OpenAPI schema: generated requests, valid and invalid, never get a
server error (5xx), and every error keeps the one shape.  A bounded number of examples per
operation keeps the run near a minute."""
from __future__ import annotations

import pytest
import schemathesis
from fixtures_api import ladybug_settings
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from policykg.api.app import create_app

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

EXAMPLES = {GenerationMode.POSITIVE: 40, GenerationMode.NEGATIVE: 20}


def operations(api_db):
    app = create_app(ladybug_settings(api_db, api_key="test-key", query_timeout_s=2.0))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [r.ok() for r in schema.get_all_operations()]


def check(case) -> None:
    response = case.call()
    where = f"{case.method} {case.formatted_path} {case.query or ''} -> {response.status_code}: {response.text[:500]}"
    assert response.status_code < 500, where
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, where


@pytest.mark.parametrize("mode", list(EXAMPLES), ids=lambda m: m.value)
def test_generated_requests_get_no_server_error(api_db, mode):
    ops = operations(api_db)
    assert len(ops) >= 18
    for op in ops:
        @given(case=op.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES[mode], deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            check(case)

        try:
            run()
        except Unsatisfiable:  # the schema leaves nothing invalid to send (no parameters, free strings)
            if mode == GenerationMode.POSITIVE:
                raise
