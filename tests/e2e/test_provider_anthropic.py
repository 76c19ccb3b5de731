"""The `anthropic/` dialect end to end: the official OpenAI SDK talks to a gateway whose deployments use
`anthropic/…` with `api_base` on the standalone simulator, which answers in Anthropic's Messages API wire format
(see Sources/SwitchyardSimulator/Anthropic/). Plain, streamed, a tool-call round trip, and error mapping."""

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


def anthropic(sim_url: str, model: str) -> dict[str, Any]:
    """`litellm_params` for an Anthropic-dialect deployment on the standalone simulator."""
    return {"model": f"anthropic/{model}", "api_base": f"{sim_url}/v1", "api_key": UPSTREAM_KEY}


@pytest.fixture(scope="module")
def anthropic_gateway(simulator: SwitchyardProcess, logs: Path) -> Iterator[SwitchyardProcess]:
    models = [
        ("claude", anthropic(simulator.url, "claude-sonnet-4-5")),
        ("claude-overloaded", anthropic(simulator.url, "claude-sonnet-4-5-fail-529")),
        ("claude-small-window", anthropic(simulator.url, "claude-sonnet-4-5-ctx-3")),
    ]
    config = {
        "model_list": [{"model_name": name, "litellm_params": params} for name, params in models],
        "router_settings": {"num_retries": 0},
        "general_settings": {"master_key": MASTER_KEY},
    }
    gateway = start_gateway("gateway-anthropic", config, logs)
    yield gateway
    gateway.stop()


@pytest.fixture
def sdk(anthropic_gateway: SwitchyardProcess) -> Iterator[openai.OpenAI]:
    with make_client(anthropic_gateway) as client:
        yield client


def test_plain_completion_is_translated_from_an_anthropic_message(sdk: openai.OpenAI) -> None:
    completion = sdk.chat.completions.create(model="claude", messages=MESSAGES)

    assert completion.object == "chat.completion"
    assert completion.model == "claude"
    choice = completion.choices[0]
    assert choice.message.role == "assistant"
    assert choice.message.content == EXPECTED_REPLY
    assert choice.finish_reason == "stop"
    assert completion.usage is not None
    assert completion.usage.prompt_tokens == len(PROMPT.split())
    assert completion.usage.completion_tokens == len(EXPECTED_REPLY.split())


def test_max_tokens_cuts_the_reply_with_finish_reason_length(sdk: openai.OpenAI) -> None:
    check_max_tokens_cuts_the_reply(sdk, "claude")


def test_stream_is_translated_chunk_by_chunk(sdk: openai.OpenAI) -> None:
    stream = sdk.chat.completions.create(model="claude", messages=MESSAGES, stream=True, stream_options={"include_usage": True})
    chunks = list(stream)

    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert text == EXPECTED_REPLY
    finish = [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason]
    assert finish == ["stop"]
    usages = [chunk.usage for chunk in chunks if chunk.usage is not None]
    assert usages and usages[-1].prompt_tokens == len(PROMPT.split())
    assert all(chunk.model == "claude" for chunk in chunks)


def test_tool_call_round_trip(sdk: openai.OpenAI) -> None:
    calls = check_tool_call_round_trip(sdk, "claude")
    assert calls[0].id.startswith("toolu_")


def test_streamed_tool_call_arguments_arrive_in_fragments(sdk: openai.OpenAI) -> None:
    stream = sdk.chat.completions.create(
        model="claude", messages=[{"role": "user", "content": "Weather in Rome?"}], tools=[WEATHER_TOOL], stream=True
    )
    names, arguments, finish = [], [], []
    for chunk in stream:
        if not chunk.choices:
            continue
        for call in chunk.choices[0].delta.tool_calls or []:
            assert call.index == 0
            if call.function and call.function.name:
                names.append(call.function.name)
            if call.function and call.function.arguments:
                arguments.append(call.function.arguments)
        if chunk.choices[0].finish_reason:
            finish.append(chunk.choices[0].finish_reason)

    assert names == ["get_weather"]
    assert len(arguments) >= 2
    assert json.loads("".join(arguments)) == {"location": "simulated"}
    assert finish == ["tool_calls"]


def test_forced_tool_choice_calls_the_named_tool(sdk: openai.OpenAI) -> None:
    completion = sdk.chat.completions.create(
        model="claude", messages=MESSAGES, tools=[WEATHER_TOOL], tool_choice={"type": "function", "function": {"name": "get_weather"}}
    )

    calls = completion.choices[0].message.tool_calls
    assert calls is not None and calls[0].function.name == "get_weather"


def test_overloaded_529_reaches_the_client_as_a_server_error(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.InternalServerError) as caught:
        sdk.chat.completions.create(model="claude-overloaded", messages=MESSAGES)

    assert caught.value.status_code == 529
    error = openai_error(caught.value.response.json())
    assert "Overloaded" in error["message"]


def test_prompt_too_long_is_a_context_window_error(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="claude-small-window", messages=MESSAGES)

    error = openai_error(caught.value.response.json())
    assert error["code"] == "context_length_exceeded"
    assert "prompt is too long" in error["message"]


def test_unsupported_openai_parameters_are_named_in_a_400(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="claude", messages=MESSAGES, logit_bias={"1": 5}, seed=3)

    error = openai_error(caught.value.response.json())
    assert error["code"] == "unsupported_params"
    assert "logit_bias" in error["message"] and "seed" in error["message"]

    dropped = sdk.chat.completions.create(model="claude", messages=MESSAGES, logit_bias={"1": 5}, extra_body={"drop_params": True})
    assert dropped.choices[0].message.content == EXPECTED_REPLY
