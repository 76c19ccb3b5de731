"""Fixtures of the end-to-end suite: one simulator and one gateway for the whole session, and a factory
for the tests that need a gateway of their own (other config, other flags, a shutdown to watch).

The session gateway's config is in session_config.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from clients import PROMPT, make_client
from harness import MASTER_KEY, SwitchyardProcess, start_gateway, start_simulator, switchyard_binary
from session_config import session_gateway_config

# The key-store fixtures (backend, keys_gw, start_keys_gateway) for test_keys_*.py.
pytest_plugins = ("keys_support",)

# Tests talk to 127.0.0.1 only; a proxy from the environment must not get in between.
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"


def pytest_configure(config: pytest.Config) -> None:
    binary = switchyard_binary()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        raise pytest.UsageError(f"no switchyard binary at {binary}: run `swift build` or set SWITCHYARD_BIN")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Adds the last lines of every running switchyard's log to a failing test's report."""
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for process in SwitchyardProcess.live:
            report.sections.append((f"{process.name} log, last lines ({process.log_path})", process.log_tail(40)))


@pytest.fixture(scope="session")
def logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where configs and process logs go."""
    return tmp_path_factory.mktemp("switchyard")


@pytest.fixture(scope="session")
def simulator(logs: Path) -> Iterator[SwitchyardProcess]:
    """`switchyard simulate`, the standalone provider simulator."""
    sim = start_simulator(logs)
    yield sim
    # Its graceful exit has a test of its own (test_graceful_shutdown.py); here it only has to go.
    try:
        sim.stop()
    except AssertionError as error:
        print(f"\n{error}")


@pytest.fixture(scope="session")
def gateway(simulator: SwitchyardProcess, logs: Path) -> Iterator[SwitchyardProcess]:
    """`switchyard serve` with ``session_gateway_config``; stopping it checks a graceful exit within 10 s."""
    gw = start_gateway("gateway", session_gateway_config(simulator.url), logs)
    yield gw
    gw.stop()


@pytest.fixture(autouse=True)
def gateway_keeps_serving(request: pytest.FixtureRequest) -> Iterator[None]:
    """After every test that used the session gateway: it is alive and still answers a normal request."""
    gw = request.getfixturevalue("gateway") if "gateway" in request.fixturenames else None
    yield
    if gw is None:
        return
    code = gw.exited()
    assert code is None, f"the gateway exited with {code} during this test:\n{gw.log_tail()}"
    response = httpx.post(
        f"{gw.url}/v1/chat/completions",
        headers={"Authorization": f"Bearer {MASTER_KEY}"},
        json={"model": "gpt-sim", "messages": [{"role": "user", "content": PROMPT}]},
        timeout=30,
        trust_env=False,
    )
    assert response.status_code == 200, f"a normal request failed after this test: {response.status_code} {response.text}"


@pytest.fixture
def client(gateway: SwitchyardProcess) -> Iterator[openai.OpenAI]:
    """An OpenAI SDK client on the session gateway, authenticated with the master key."""
    with make_client(gateway) as sdk:
        yield sdk


@pytest.fixture
def http(gateway: SwitchyardProcess) -> Iterator[httpx.Client]:
    """A raw HTTP client on the session gateway, for what the SDK hides (SSE lines, routes, headers)."""
    with httpx.Client(base_url=gateway.url, timeout=30, trust_env=False) as raw:
        yield raw


@pytest.fixture
def launch(logs: Path) -> Iterator[Callable[..., SwitchyardProcess]]:
    """Starts extra `switchyard serve` processes (see ``harness.start_gateway``) and stops them afterwards."""
    started: list[SwitchyardProcess] = []

    def start(name: str, config: dict[str, Any] | Path, **kwargs: Any) -> SwitchyardProcess:
        process = start_gateway(name, config, logs, **kwargs)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.exited() is None:
            process.stop()
