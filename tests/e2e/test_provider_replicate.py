"""The `replicate/` dialect end to end: the official OpenAI SDK talks to a gateway whose deployments use
`replicate/owner/name` (and `owner/name:version`) with `api_base` on the standalone simulator, which answers
Replicate's predictions API (see Sources/SwitchyardSimulator/Replicate/): a plain answer creates a prediction and
polls it until it succeeds, a stream reads the prediction's `urls.stream` SSE. Replicate has no tool calling, so
tools are refused with a 400 naming them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest

from clients import PROMPT, make_client
from harness import MASTER_KEY, UPSTREAM_KEY, SwitchyardProcess, openai_error, start_gateway
from provider_checks import EXPECTED_REPLY, MESSAGES, check_health_checks_pass


def replicate(sim_url: str, model: str) -> dict[str, Any]:
    """`litellm_params` for a Replicate deployment on the standalone simulator."""
    return {"model": f"replicate/{model}", "api_base": f"{sim_url}/v1", "api_key": UPSTREAM_KEY}


@pytest.fixture(scope="module")
def replicate_gateway(simulator: SwitchyardProcess, logs: Path) -> Iterator[SwitchyardProcess]:
    models = [
        ("replicate", replicate(simulator.url, "meta/meta-llama-3-8b-instruct")),
        ("replicate-version", replicate(simulator.url, "meta/llama-2-70b-chat:02e509c789964a7ea8736978a43525956ef40397be9033abf9fd2badfe68c9e3")),
        ("replicate-limited", replicate(simulator.url, "meta/meta-llama-3-8b-instruct-fail-429-retry-after-7")),
    ]
    config = {
        "model_list": [{"model_name": name, "litellm_params": params} for name, params in models],
        "router_settings": {"num_retries": 0},
        "general_settings": {"master_key": MASTER_KEY},
    }
    gateway = start_gateway("gateway-replicate", config, logs)
    yield gateway
    gateway.stop()


@pytest.fixture
def sdk(replicate_gateway: SwitchyardProcess) -> Iterator[openai.OpenAI]:
    with make_client(replicate_gateway) as client:
        yield client


@pytest.mark.parametrize("model", ["replicate", "replicate-version"])
def test_plain_completion_polls_the_prediction(sdk: openai.OpenAI, model: str) -> None:
    completion = sdk.chat.completions.create(model=model, messages=MESSAGES)

    assert completion.model == model
    assert completion.choices[0].message.content == EXPECTED_REPLY
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None
    assert completion.usage.prompt_tokens == len(PROMPT.split())
    assert completion.usage.completion_tokens == len(EXPECTED_REPLY.split())


def test_max_tokens_becomes_max_new_tokens(sdk: openai.OpenAI) -> None:
    completion = sdk.chat.completions.create(model="replicate", messages=MESSAGES, max_tokens=2)

    assert completion.choices[0].message.content == "Simulated reply"


def test_stream_reads_the_prediction_stream(sdk: openai.OpenAI) -> None:
    chunks = list(sdk.chat.completions.create(model="replicate", messages=MESSAGES, stream=True))

    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices) == EXPECTED_REPLY
    assert [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason] == ["stop"]


def test_tools_are_refused_by_name(sdk: openai.OpenAI) -> None:
    tool = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="replicate", messages=MESSAGES, tools=[tool])

    error = openai_error(caught.value.response.json())
    assert error["code"] == "unsupported_params"
    assert "tools" in error["message"]


def test_throttled_create_is_a_rate_limit(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.RateLimitError) as caught:
        sdk.chat.completions.create(model="replicate-limited", messages=MESSAGES)

    assert caught.value.status_code == 429
    openai_error(caught.value.response.json())


def test_health_checks_reach_the_deployments_as_requests_do(replicate_gateway: SwitchyardProcess) -> None:
    check_health_checks_pass(replicate_gateway, ["replicate", "replicate-version"])
