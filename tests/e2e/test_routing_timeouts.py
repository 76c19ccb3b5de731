"""Timeouts: a deployment slower than its timeout is abandoned after the timeout and the request falls back,
so the client has its answer within about the timeout, not the slow upstream's 3 s. The timeout may come
from the deployment (`litellm_params.timeout`), the body (`timeout`) or the `x-litellm-timeout` header.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from harness import SwitchyardProcess
from routing_support import chat, describe, gateway_config, routing, running_gateway, sim_deployment

SLOW_MODEL = "gpt-4o-latency-3000ms"
# One second of timeout plus the fallback's answer; far below the slow upstream's 3 s.
WALL_LIMIT_S = 2.5


@pytest.fixture(scope="module")
def gw(simulator: SwitchyardProcess, logs: Path) -> Iterator[SwitchyardProcess]:
    sim = simulator.url
    models = [
        sim_deployment("slow-with-timeout", "slow-timeout-1s", sim, SLOW_MODEL, timeout=1),
        sim_deployment("slow", "slow-no-timeout", sim, SLOW_MODEL),
        sim_deployment("fast", "fast-ok", sim, "gpt-4o"),
    ]
    router = {"num_retries": 0, "fallbacks": [{"slow-with-timeout": ["fast"]}, {"slow": ["fast"]}]}
    with running_gateway("routing-timeouts", gateway_config(models, router), logs) as process:
        yield process


def timed(gw: SwitchyardProcess, model: str, **kwargs: Any) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = chat(gw, model, **kwargs)
    return response, time.monotonic() - started


def test_deployment_timeout_falls_back_within_the_timeout(gw: SwitchyardProcess) -> None:
    response, elapsed = timed(gw, "slow-with-timeout")

    assert response.status_code == 200, describe(response)
    assert routing(response)["model_group"] == "fast", describe(response)
    assert routing(response)["fallbacks"] == "1", describe(response)
    assert 0.9 <= elapsed < WALL_LIMIT_S, f"answered after {elapsed:.2f}s; the deployment timeout is 1s"


def test_request_timeout_in_the_body_falls_back_within_the_timeout(gw: SwitchyardProcess) -> None:
    response, elapsed = timed(gw, "slow", timeout=1)

    assert response.status_code == 200, describe(response)
    assert routing(response)["model_group"] == "fast", describe(response)
    assert 0.9 <= elapsed < WALL_LIMIT_S, f"answered after {elapsed:.2f}s; the request's timeout is 1s"


def test_timeout_header_falls_back_within_the_timeout(gw: SwitchyardProcess) -> None:
    response, elapsed = timed(gw, "slow", headers={"x-litellm-timeout": "1"})

    assert response.status_code == 200, describe(response)
    assert routing(response)["model_group"] == "fast", describe(response)
    assert 0.9 <= elapsed < WALL_LIMIT_S, f"answered after {elapsed:.2f}s; x-litellm-timeout is 1s"


def test_timeout_without_a_fallback_answers_408(gw: SwitchyardProcess) -> None:
    response, elapsed = timed(gw, "slow-with-timeout", disable_fallbacks=True)

    assert response.status_code == 408, describe(response)
    assert elapsed < WALL_LIMIT_S, f"answered after {elapsed:.2f}s; the deployment timeout is 1s"


def test_timeouts_that_are_not_finite_are_refused_and_huge_ones_capped(gw: SwitchyardProcess) -> None:
    # Converting an infinite or enormous timeout to milliseconds would trap: refused or capped, never a crash.
    for value in ("inf", "nan", "-1"):
        response = chat(gw, "slow", headers={"x-litellm-timeout": value})
        assert response.status_code == 400, describe(response)
    response = chat(gw, "fast", timeout=1e300)
    assert response.status_code == 200, describe(response)
    assert gw.exited() is None
