"""The `bedrock/` dialect end to end: the official OpenAI SDK talks to a gateway whose deployments use
`bedrock/…` with `api_base` on the standalone simulator, which answers in Bedrock's Converse wire format
(see Sources/SwitchyardSimulator/Bedrock/): JSON for Converse and InvokeModel, the binary AWS event stream
for ConverseStream. Requests are SigV4-signed with the fake credentials of the config; the simulator
refuses any request without an `AWS4-HMAC-SHA256` authorization. Plain, streamed, a tool-call round trip,
embeddings, and error mapping."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from clients import PROMPT, make_client
from harness import MASTER_KEY, SwitchyardProcess, openai_error, start_gateway
from provider_checks import EXPECTED_REPLY, MESSAGES, WEATHER_TOOL, check_max_tokens_cuts_the_reply, check_tool_call_round_trip, check_health_checks_pass

CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0"


def bedrock(sim_url: str, model: str) -> dict[str, Any]:
    """`litellm_params` for a Bedrock deployment on the standalone simulator, with AWS's example credentials."""
    return {
        "model": f"bedrock/{model}",
        "api_base": sim_url,
        "aws_region_name": "us-east-1",
        "aws_access_key_id": "AKIDEXAMPLE",
        "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    }


@pytest.fixture(scope="module")
def bedrock_gateway(simulator: SwitchyardProcess, logs: Path) -> Iterator[SwitchyardProcess]:
    models = [
        ("claude", bedrock(simulator.url, CLAUDE)),
        ("claude-throttled", bedrock(simulator.url, f"{CLAUDE}-fail-429")),
        ("claude-small-window", bedrock(simulator.url, f"{CLAUDE}-ctx-3")),
        ("titan-embed", bedrock(simulator.url, "amazon.titan-embed-text-v2:0")),
        ("cohere-embed", bedrock(simulator.url, "cohere.embed-english-v3")),
    ]
    config = {
        "model_list": [{"model_name": name, "litellm_params": params} for name, params in models],
        "router_settings": {"num_retries": 0},
        "general_settings": {"master_key": MASTER_KEY},
    }
    gateway = start_gateway("gateway-bedrock", config, logs)
    yield gateway
    gateway.stop()


@pytest.fixture
def sdk(bedrock_gateway: SwitchyardProcess) -> Iterator[openai.OpenAI]:
    with make_client(bedrock_gateway) as client:
        yield client


def test_plain_completion_is_translated_from_converse(sdk: openai.OpenAI) -> None:
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


def test_binary_event_stream_is_translated_chunk_by_chunk(sdk: openai.OpenAI) -> None:
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
    assert calls[0].id.startswith("tooluse_")


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


def test_throttling_is_a_rate_limit_error(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.RateLimitError) as caught:
        sdk.chat.completions.create(model="claude-throttled", messages=MESSAGES)

    assert caught.value.status_code == 429


def test_input_too_long_is_a_context_window_error(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="claude-small-window", messages=MESSAGES)

    error = openai_error(caught.value.response.json())
    assert error["code"] == "context_length_exceeded"
    assert "Input is too long" in error["message"]


def test_unsupported_openai_parameters_are_named_in_a_400(sdk: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        sdk.chat.completions.create(model="claude", messages=MESSAGES, logit_bias={"1": 5}, seed=3)

    error = openai_error(caught.value.response.json())
    assert error["code"] == "unsupported_params"
    assert "logit_bias" in error["message"] and "seed" in error["message"]

    dropped = sdk.chat.completions.create(model="claude", messages=MESSAGES, logit_bias={"1": 5}, extra_body={"drop_params": True})
    assert dropped.choices[0].message.content == EXPECTED_REPLY


def test_titan_and_cohere_embeddings(sdk: openai.OpenAI) -> None:
    titan = sdk.embeddings.create(model="titan-embed", input="hello switchyard")
    assert len(titan.data) == 1 and len(titan.data[0].embedding) > 0
    assert titan.usage.prompt_tokens == 2

    # Titan takes one text per call: three inputs are three signed calls, answered in input order.
    batch = sdk.embeddings.create(model="titan-embed", input=["hello switchyard", "a", "b c d"])
    assert [item.index for item in batch.data] == [0, 1, 2]
    assert batch.data[0].embedding == titan.data[0].embedding
    assert batch.usage.prompt_tokens == 2 + 1 + 3

    cohere = sdk.embeddings.create(model="cohere-embed", input=["hello", "switchyard"])
    assert [item.index for item in cohere.data] == [0, 1]
    assert cohere.data[0].embedding != cohere.data[1].embedding


def test_simulator_refuses_unsigned_requests(simulator: SwitchyardProcess) -> None:
    body = {"messages": [{"role": "user", "content": [{"text": "hi"}]}]}
    response = httpx.post(f"{simulator.url}/model/{CLAUDE}/converse", json=body, timeout=10, trust_env=False)

    assert response.status_code == 403
    assert response.headers["x-amzn-errortype"].startswith("MissingAuthenticationTokenException")


def test_health_checks_reach_the_deployments_as_requests_do(bedrock_gateway: SwitchyardProcess) -> None:
    check_health_checks_pass(bedrock_gateway, ["claude", "titan-embed", "cohere-embed"])
