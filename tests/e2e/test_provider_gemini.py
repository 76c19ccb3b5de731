"""The `gemini/` and `vertex_ai/` dialects end to end: the official OpenAI SDK talks to a gateway whose deployments
use `gemini/…` (Google AI Studio paths) and `vertex_ai/…` (Vertex paths, service-account OAuth) with `api_base` on
the standalone simulator, which answers in Gemini's wire format (see Sources/SwitchyardSimulator/Gemini/). Plain,
streamed, a tool-call round trip, embeddings and error mapping; Vertex runs its real token exchange against the
simulator's `/token`, with an RSA key made for the test."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest

from clients import PROMPT, make_client
from harness import MASTER_KEY, UPSTREAM_KEY, SwitchyardProcess, openai_error, start_gateway
from provider_checks import EXPECTED_REPLY, MESSAGES, WEATHER_TOOL, check_max_tokens_cuts_the_reply, check_tool_call_round_trip, check_health_checks_pass


def gemini(sim_url: str, model: str) -> dict[str, Any]:
    """`litellm_params` for a Google AI Studio deployment on the standalone simulator."""
    return {"model": f"gemini/{model}", "api_base": f"{sim_url}/v1beta", "api_key": UPSTREAM_KEY}


def service_account_key(token_uri: str) -> str:
    """A service-account key file's JSON with a fresh 2048-bit RSA key made by `openssl` (never a real one)."""
    command = ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
    pem = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.dumps(
        {
            "type": "service_account",
            "project_id": "sim-project",
            "private_key_id": "test-key-1",
            "private_key": pem,
            "client_email": "switchyard-e2e@sim-project.iam.gserviceaccount.com",
            "token_uri": token_uri,
        }
    )


def vertex(sim_url: str, model: str, credentials: str) -> dict[str, Any]:
    """`litellm_params` for a Vertex AI deployment on the standalone simulator (the project comes from the key)."""
    return {"model": f"vertex_ai/{model}", "api_base": sim_url, "vertex_location": "us-central1", "vertex_credentials": credentials}


@pytest.fixture(scope="module")
def gemini_gateway(simulator: SwitchyardProcess, logs: Path) -> Iterator[SwitchyardProcess]:
    credentials = service_account_key(f"{simulator.url}/token")
    models = [
        ("gemini", gemini(simulator.url, "gemini-2.0-flash"), {}),
        ("gemini-limited", gemini(simulator.url, "gemini-2.0-flash-fail-429-retry-after-7"), {}),
        ("gemini-small-window", gemini(simulator.url, "gemini-2.0-flash-ctx-3"), {}),
        ("gemini-embed", gemini(simulator.url, "gemini-embedding-001"), {"mode": "embedding"}),
        ("vertex", vertex(simulator.url, "gemini-2.0-flash", credentials), {}),
        ("vertex-embed", vertex(simulator.url, "text-embedding-005", credentials), {"mode": "embedding"}),
    ]
    config = {
        "model_list": [{"model_name": name, "litellm_params": params, "model_info": info} for name, params, info in models],
        "router_settings": {"num_retries": 0},
        "general_settings": {"master_key": MASTER_KEY},
    }
    gateway = start_gateway("gateway-gemini", config, logs)
    yield gateway
    gateway.stop()


@pytest.fixture
def sdk(gemini_gateway: SwitchyardProcess) -> Iterator[openai.OpenAI]:
    with make_client(gemini_gateway) as client:
        yield client


@pytest.mark.parametrize("model", ["gemini", "vertex"])
def test_plain_completion_is_translated_from_generate_content(sdk: openai.OpenAI, model: str) -> None:
    completion = sdk.chat.completions.create(model=model, messages=[{"role": "system", "content": "Be brief."}, *MESSAGES])

    assert completion.object == "chat.completion"
    assert completion.model == model
    choice = completion.choices[0]
    assert choice.message.role == "assistant"
    assert choice.message.content == EXPECTED_REPLY
    assert choice.finish_reason == "stop"
    assert completion.usage is not None
    assert completion.usage.prompt_tokens == len(PROMPT.split()) + 2
    assert completion.usage.completion_tokens == len(EXPECTED_REPLY.split())


def test_max_tokens_cuts_the_reply_with_finish_reason_length(sdk: openai.OpenAI) -> None:
    check_max_tokens_cuts_the_reply(sdk, "gemini")


@pytest.mark.parametrize("model", ["gemini", "vertex"])
def test_stream_is_translated_chunk_by_chunk(sdk: openai.OpenAI, model: str) -> None:
    chunks = list(sdk.chat.completions.create(model=model, messages=MESSAGES, stream=True))

    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices) == EXPECTED_REPLY
    assert [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason] == ["stop"]
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == len(EXPECTED_REPLY.split())
    assert all(chunk.model == model for chunk in chunks)


def test_tool_call_round_trip(sdk: openai.OpenAI) -> None:
    check_tool_call_round_trip(sdk, "gemini")


def test_streamed_tool_call_arrives_as_one_indexed_delta(sdk: openai.OpenAI) -> None:
    stream = sdk.chat.completions.create(
        model="gemini", messages=[{"role": "user", "content": "Weather in Rome?"}], tools=[WEATHER_TOOL], stream=True
    )
    calls, finish = [], []
    for chunk in stream:
        if chunk.choices:
            calls += chunk.choices[0].delta.tool_calls or []
            if chunk.choices[0].finish_reason:
                finish.append(chunk.choices[0].finish_reason)

    assert [(call.index, call.function.name) for call in calls] == [(0, "get_weather")]
    assert json.loads(calls[0].function.arguments) == {"location": "simulated"}
    assert finish == ["tool_calls"]


@pytest.mark.parametrize("model", ["gemini-embed", "vertex-embed"])
def test_embeddings_for_one_and_several_inputs(sdk: openai.OpenAI, model: str) -> None:
    one = sdk.embeddings.create(model=model, input="hello")
    several = sdk.embeddings.create(model=model, input=["hello", "world"], dimensions=8)

    assert len(one.data) == 1 and len(one.data[0].embedding) > 0
    assert [item.index for item in several.data] == [0, 1]
    assert all(len(item.embedding) == 8 for item in several.data)
    assert several.data[0].embedding != several.data[1].embedding


def test_resource_exhausted_is_a_rate_limit_with_retry_after(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.RateLimitError) as caught:
        sdk.chat.completions.create(model="gemini-limited", messages=MESSAGES)

    assert caught.value.status_code == 429
    openai_error(caught.value.response.json())


def test_prompt_too_long_is_a_context_window_error(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="gemini-small-window", messages=MESSAGES)

    error = openai_error(caught.value.response.json())
    assert error["code"] == "context_length_exceeded"
    assert "exceeds the maximum number of tokens" in error["message"]


def test_unsupported_openai_parameters_are_named_in_a_400(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="gemini", messages=MESSAGES, logit_bias={"1": 5})

    error = openai_error(caught.value.response.json())
    assert error["code"] == "unsupported_params"
    assert "logit_bias" in error["message"]

    dropped = sdk.chat.completions.create(model="gemini", messages=MESSAGES, logit_bias={"1": 5}, extra_body={"drop_params": True})
    assert dropped.choices[0].message.content == EXPECTED_REPLY


def test_health_checks_reach_the_deployments_as_requests_do(gemini_gateway: SwitchyardProcess) -> None:
    check_health_checks_pass(gemini_gateway, ["gemini", "vertex", "vertex-embed"])
