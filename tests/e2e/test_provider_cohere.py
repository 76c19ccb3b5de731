"""The `cohere/` dialect end to end: the official OpenAI SDK talks to a gateway whose deployments use `cohere/…` with
`api_base` on the standalone simulator, which answers Cohere's v2 API (`/v2/chat` with its SSE event types, `/v2/embed`;
see Sources/SwitchyardSimulator/Cohere/). Plain, streamed, a tool-call round trip with streamed arguments, embeddings
and error mapping."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest

from clients import PROMPT, make_client
from harness import MASTER_KEY, UPSTREAM_KEY, SwitchyardProcess, openai_error, start_gateway
from provider_checks import EXPECTED_REPLY, MESSAGES, WEATHER_TOOL, check_max_tokens_cuts_the_reply, check_tool_call_round_trip


def cohere(sim_url: str, model: str) -> dict[str, Any]:
    """`litellm_params` for a Cohere deployment on the standalone simulator."""
    return {"model": f"cohere/{model}", "api_base": sim_url, "api_key": UPSTREAM_KEY}


@pytest.fixture(scope="module")
def cohere_gateway(simulator: SwitchyardProcess, logs: Path) -> Iterator[SwitchyardProcess]:
    models = [
        ("cohere", cohere(simulator.url, "command-a-03-2025"), {}),
        ("cohere-limited", cohere(simulator.url, "command-a-03-2025-fail-429-retry-after-7"), {}),
        ("cohere-small-window", cohere(simulator.url, "command-a-03-2025-ctx-3"), {}),
        ("cohere-embed", cohere(simulator.url, "embed-v4.0"), {"mode": "embedding"}),
    ]
    config = {
        "model_list": [{"model_name": name, "litellm_params": params, "model_info": info} for name, params, info in models],
        "router_settings": {"num_retries": 0},
        "general_settings": {"master_key": MASTER_KEY},
    }
    gateway = start_gateway("gateway-cohere", config, logs)
    yield gateway
    gateway.stop()


@pytest.fixture
def sdk(cohere_gateway: SwitchyardProcess) -> Iterator[openai.OpenAI]:
    with make_client(cohere_gateway) as client:
        yield client


def test_plain_completion_is_translated_from_v2_chat(sdk: openai.OpenAI) -> None:
    completion = sdk.chat.completions.create(model="cohere", messages=[{"role": "system", "content": "Be brief."}, *MESSAGES])

    assert completion.object == "chat.completion"
    assert completion.model == "cohere"
    assert completion.choices[0].message.content == EXPECTED_REPLY
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None
    assert completion.usage.prompt_tokens == len(PROMPT.split()) + 2
    assert completion.usage.completion_tokens == len(EXPECTED_REPLY.split())


def test_max_tokens_cuts_the_reply_with_finish_reason_length(sdk: openai.OpenAI) -> None:
    check_max_tokens_cuts_the_reply(sdk, "cohere")


def test_stream_is_translated_chunk_by_chunk(sdk: openai.OpenAI) -> None:
    chunks = list(sdk.chat.completions.create(model="cohere", messages=MESSAGES, stream=True))

    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices) == EXPECTED_REPLY
    assert [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason] == ["stop"]
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == len(EXPECTED_REPLY.split())
    assert all(chunk.model == "cohere" for chunk in chunks)


def test_tool_call_round_trip(sdk: openai.OpenAI) -> None:
    check_tool_call_round_trip(sdk, "cohere")


def test_streamed_tool_call_arguments_are_reassembled(sdk: openai.OpenAI) -> None:
    stream = sdk.chat.completions.create(
        model="cohere", messages=[{"role": "user", "content": "Weather in Rome?"}], tools=[WEATHER_TOOL], stream=True
    )
    calls, finish = [], []
    for chunk in stream:
        if chunk.choices:
            calls += chunk.choices[0].delta.tool_calls or []
            if chunk.choices[0].finish_reason:
                finish.append(chunk.choices[0].finish_reason)

    assert {call.index for call in calls} == {0}
    assert calls[0].function.name == "get_weather" and calls[0].id
    assert len(calls) >= 3, "the arguments arrive in more than one delta"
    assert json.loads("".join(call.function.arguments or "" for call in calls)) == {"location": "simulated"}
    assert finish == ["tool_calls"]


def test_embeddings_for_one_and_several_inputs(sdk: openai.OpenAI) -> None:
    one = sdk.embeddings.create(model="cohere-embed", input="hello")
    several = sdk.embeddings.create(model="cohere-embed", input=["hello", "world"], dimensions=8)

    assert len(one.data) == 1 and len(one.data[0].embedding) > 0
    assert [item.index for item in several.data] == [0, 1]
    assert all(len(item.embedding) == 8 for item in several.data)
    assert several.usage.prompt_tokens == 2


def test_rate_limit_keeps_retry_after(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.RateLimitError) as caught:
        sdk.chat.completions.create(model="cohere-limited", messages=MESSAGES)

    assert caught.value.status_code == 429
    openai_error(caught.value.response.json())


def test_too_many_tokens_is_a_context_window_error(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="cohere-small-window", messages=MESSAGES)

    error = openai_error(caught.value.response.json())
    assert error["code"] == "context_length_exceeded"
    assert error["message"].startswith("too many tokens")


def test_unsupported_openai_parameters_are_named_in_a_400(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="cohere", messages=MESSAGES, logit_bias={"1": 5})

    error = openai_error(caught.value.response.json())
    assert error["code"] == "unsupported_params"
    assert "logit_bias" in error["message"]
