"""The `ollama_chat/` and `ollama/` dialects end to end: the official OpenAI SDK talks to a gateway whose deployments
use `ollama_chat/…` (`/api/chat`) and `ollama/…` (`/api/generate`, the prompt built from the messages) with `api_base`
on the standalone simulator, which answers in Ollama's wire format, newline-delimited JSON streams included (see
Sources/SwitchyardSimulator/Ollama/). Plain, streamed, a tool-call round trip, embeddings and error mapping."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest

from clients import make_client
from harness import MASTER_KEY, SwitchyardProcess, openai_error, start_gateway
from provider_checks import EXPECTED_REPLY, MESSAGES, WEATHER_TOOL, check_max_tokens_cuts_the_reply, check_tool_call_round_trip


def ollama(prefix: str, sim_url: str, model: str) -> dict[str, Any]:
    """`litellm_params` for an Ollama deployment on the standalone simulator: no key, as a local Ollama."""
    return {"model": f"{prefix}/{model}", "api_base": sim_url}


@pytest.fixture(scope="module")
def ollama_gateway(simulator: SwitchyardProcess, logs: Path) -> Iterator[SwitchyardProcess]:
    models = [
        ("ollama-chat", ollama("ollama_chat", simulator.url, "llama3.2"), {}),
        ("ollama-generate", ollama("ollama", simulator.url, "llama3.2"), {}),
        ("ollama-missing", ollama("ollama_chat", simulator.url, "llama3.2-fail-404"), {}),
        ("ollama-small-window", ollama("ollama_chat", simulator.url, "llama3.2-ctx-3"), {}),
        ("ollama-embed", ollama("ollama", simulator.url, "all-minilm"), {"mode": "embedding"}),
    ]
    config = {
        "model_list": [{"model_name": name, "litellm_params": params, "model_info": info} for name, params, info in models],
        "router_settings": {"num_retries": 0},
        "general_settings": {"master_key": MASTER_KEY},
    }
    gateway = start_gateway("gateway-ollama", config, logs)
    yield gateway
    gateway.stop()


@pytest.fixture
def sdk(ollama_gateway: SwitchyardProcess) -> Iterator[openai.OpenAI]:
    with make_client(ollama_gateway) as client:
        yield client


@pytest.mark.parametrize("model", ["ollama-chat", "ollama-generate"])
def test_plain_completion_is_translated_from_ollama(sdk: openai.OpenAI, model: str) -> None:
    completion = sdk.chat.completions.create(model=model, messages=[{"role": "system", "content": "Be brief."}, *MESSAGES])

    assert completion.object == "chat.completion"
    assert completion.model == model
    choice = completion.choices[0]
    assert choice.message.role == "assistant"
    assert choice.message.content == EXPECTED_REPLY
    assert choice.finish_reason == "stop"
    assert completion.usage is not None
    assert completion.usage.completion_tokens == len(EXPECTED_REPLY.split())


def test_max_tokens_becomes_num_predict_and_finishes_with_length(sdk: openai.OpenAI) -> None:
    check_max_tokens_cuts_the_reply(sdk, "ollama-chat")


@pytest.mark.parametrize("model", ["ollama-chat", "ollama-generate"])
def test_ndjson_stream_is_translated_chunk_by_chunk(sdk: openai.OpenAI, model: str) -> None:
    chunks = list(sdk.chat.completions.create(model=model, messages=MESSAGES, stream=True))

    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices) == EXPECTED_REPLY
    assert [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason] == ["stop"]
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == len(EXPECTED_REPLY.split())
    assert all(chunk.model == model for chunk in chunks)


def test_tool_call_round_trip(sdk: openai.OpenAI) -> None:
    calls = check_tool_call_round_trip(sdk, "ollama-chat")
    assert calls[0].type == "function" and calls[0].id


def test_streamed_tool_call_arrives_as_one_indexed_delta(sdk: openai.OpenAI) -> None:
    stream = sdk.chat.completions.create(
        model="ollama-chat", messages=[{"role": "user", "content": "Weather in Rome?"}], tools=[WEATHER_TOOL], stream=True
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


def test_embeddings_for_one_and_several_inputs(sdk: openai.OpenAI) -> None:
    one = sdk.embeddings.create(model="ollama-embed", input="hello")
    several = sdk.embeddings.create(model="ollama-embed", input=["hello", "world"])

    assert len(one.data) == 1 and len(one.data[0].embedding) > 0
    assert [item.index for item in several.data] == [0, 1]
    assert several.data[0].embedding == one.data[0].embedding
    assert several.data[0].embedding != several.data[1].embedding
    assert several.usage.prompt_tokens == 2


def test_model_not_pulled_is_a_not_found_error(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        sdk.chat.completions.create(model="ollama-missing", messages=MESSAGES)

    error = openai_error(caught.value.response.json())
    assert "not found" in error["message"]


def test_input_over_the_context_length_is_a_context_window_error(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="ollama-small-window", messages=MESSAGES)

    error = openai_error(caught.value.response.json())
    assert error["code"] == "context_length_exceeded"


def test_unsupported_openai_parameters_are_named_in_a_400(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="ollama-chat", messages=MESSAGES, logit_bias={"1": 5})

    error = openai_error(caught.value.response.json())
    assert error["code"] == "unsupported_params"
    assert "logit_bias" in error["message"]

    dropped = sdk.chat.completions.create(model="ollama-chat", messages=MESSAGES, logit_bias={"1": 5}, extra_body={"drop_params": True})
    assert dropped.choices[0].message.content == EXPECTED_REPLY
