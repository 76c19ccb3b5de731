"""What every provider dialect's e2e file checks the same way: the shared prompt, tool, and the checks
of a plain answer's length cut and of a tool-call round trip through the official openai SDK."""

from __future__ import annotations

import json
from typing import Any

import httpx
import openai

from clients import PROMPT
from harness import MASTER_KEY, SwitchyardProcess

MESSAGES = [{"role": "user", "content": PROMPT}]
EXPECTED_REPLY = f"Simulated reply to: {PROMPT}"
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The current weather in a city",
        "parameters": {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]},
    },
}
WEATHER_QUESTION = [{"role": "user", "content": "What is the weather in Paris?"}]


def check_max_tokens_cuts_the_reply(sdk: openai.OpenAI, model: str) -> None:
    """`max_tokens: 2` gives the reply's first two words and finish reason `length`."""
    completion = sdk.chat.completions.create(model=model, messages=MESSAGES, max_tokens=2)

    assert completion.choices[0].message.content == "Simulated reply"
    assert completion.choices[0].finish_reason == "length"


def check_tool_call_round_trip(sdk: openai.OpenAI, model: str) -> list[Any]:
    """The simulator calls the weather tool; the tool's answer sent back gives a plain reply. Returns the calls."""
    first = sdk.chat.completions.create(model=model, messages=WEATHER_QUESTION, tools=[WEATHER_TOOL])

    assert first.choices[0].finish_reason == "tool_calls"
    calls = first.choices[0].message.tool_calls
    assert calls is not None and len(calls) == 1
    assert calls[0].type == "function"
    assert calls[0].function.name == "get_weather"
    assert json.loads(calls[0].function.arguments) == {"location": "simulated"}

    follow_up = [
        *WEATHER_QUESTION,
        {"role": "assistant", "content": None, "tool_calls": [call.model_dump() for call in calls]},
        {"role": "tool", "tool_call_id": calls[0].id, "content": "18 degrees and sunny"},
    ]
    second = sdk.chat.completions.create(model=model, messages=follow_up, tools=[WEATHER_TOOL])

    assert second.choices[0].finish_reason == "stop"
    assert second.choices[0].message.content == "Simulated reply to: What is the weather in Paris?"
    return calls


def check_health_checks_pass(gateway: SwitchyardProcess, groups: list[str]) -> None:
    """`GET /health` checks each deployment with a real one-token call through the same upstream exchange as
    requests (signed, authorized, custom-executed as the dialect needs); the groups named must come out healthy."""
    response = httpx.get(f"{gateway.url}/health", headers={"Authorization": f"Bearer {MASTER_KEY}"}, timeout=60, trust_env=False)
    assert response.status_code == 200, response.text
    report = response.json()
    healthy = {endpoint["model_name"] for endpoint in report["healthy_endpoints"]}
    unhealthy = {endpoint["model_name"]: endpoint.get("error") for endpoint in report["unhealthy_endpoints"]}
    for group in groups:
        assert group in healthy, f"{group} unhealthy: {unhealthy.get(group)}"
