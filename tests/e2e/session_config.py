"""The session gateway's config: one public model per behaviour under test, wired to the standalone simulator.

Faults are chosen by the upstream model name (see Sources/SwitchyardSimulator/Faults/FaultPlan.swift), so no
client header has to reach upstream.
"""

from __future__ import annotations

from typing import Any

from harness import MASTER_KEY, UPSTREAM_KEY, free_port

RETRY_AFTER_SECONDS = 7


def upstream(sim_url: str, model: str, **extra: Any) -> dict[str, Any]:
    """`litellm_params` for an OpenAI-dialect deployment on the standalone simulator."""
    return {"model": f"openai/{model}", "api_base": f"{sim_url}/v1", "api_key": UPSTREAM_KEY, **extra}


def session_gateway_config(sim_url: str) -> dict[str, Any]:
    """The session gateway's config: one public model per behaviour under test."""
    models: list[tuple[str, dict[str, Any]]] = [
        ("gpt-sim", upstream(sim_url, "gpt-4o")),
        ("sim-inproc", {"model": "simulator/gpt-4o"}),
        ("embed-sim", upstream(sim_url, "text-embedding-3-small")),
        ("slow-stream", upstream(sim_url, "gpt-4o-tps-10")),
        ("slow-upstream", upstream(sim_url, "gpt-4o-latency-300ms")),
        ("rate-limited", upstream(sim_url, f"gpt-4o-fail-429-retry-after-{RETRY_AFTER_SECONDS}")),
        ("upstream-500", upstream(sim_url, "gpt-4o-fail-500")),
        ("upstream-timeout", upstream(sim_url, "gpt-4o-timeout", timeout=1)),
        ("cut-stream", upstream(sim_url, "gpt-4o-cut-3")),
        ("malformed-upstream", upstream(sim_url, "gpt-4o-malformed")),
        # Nothing listens there: connection refused at once.
        ("upstream-unreachable", {**upstream(sim_url, "gpt-4o"), "api_base": f"http://127.0.0.1:{free_port()}/v1"}),
    ]
    return {
        "model_list": [{"model_name": name, "litellm_params": params} for name, params in models],
        # One attempt per request: the error tests want the upstream's error, not the retry policy's.
        "router_settings": {"num_retries": 0},
        "general_settings": {"master_key": MASTER_KEY, "max_request_size_mb": 1},
    }
