"""Rate limits of a key: `rpm_limit`, `tpm_limit` and `max_parallel_requests` answer 429 with `retry-after`
and `x-ratelimit-*` headers, which the OpenAI SDK reads as a RateLimitError.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import openai
import pytest

from clients import PROMPT
from keys_support import SLOW_MODEL, TRICKLE_MODEL, KeysGateway, chat, error_body, poll

# The rpm and tpm windows are wall-clock minutes: a test that needs several requests inside one window
# starts no later than this many seconds into a minute.
LATEST_START_IN_MINUTE_S = 45


def start_of_a_rate_window() -> None:
    """Waits for the next minute when the current one is about to end, so that the requests that follow
    share one rate window (the only wait of this kind: there is nothing to poll)."""
    second = time.time() % 60
    if second > LATEST_START_IN_MINUTE_S:
        time.sleep(60 - second + 0.2)


def test_rpm_limit_refuses_the_request_over_it(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(rpm_limit=2)["key"]
    start_of_a_rate_window()
    with keys_gw.llm(key) as sdk:
        first, second = chat(sdk), chat(sdk)
        with pytest.raises(openai.RateLimitError) as refused:
            chat(sdk)

    assert first.headers.get("x-ratelimit-limit-requests") == "2", dict(first.headers)
    assert first.headers.get("x-ratelimit-remaining-requests") == "1", dict(first.headers)
    assert second.headers.get("x-ratelimit-remaining-requests") == "0", dict(second.headers)
    headers = refused.value.response.headers
    assert refused.value.status_code == 429
    assert 1 <= int(headers["retry-after"]) <= 60, dict(headers)
    assert headers.get("x-ratelimit-limit-requests") == "2", dict(headers)
    assert headers.get("x-ratelimit-remaining-requests") == "0", dict(headers)
    assert headers.get("x-ratelimit-reset-requests"), dict(headers)
    assert "rpm" in error_body(refused.value)["message"], refused.value.body


def test_rpm_limit_of_one_key_leaves_other_keys_alone(keys_gw: KeysGateway) -> None:
    limited = keys_gw.new_key(rpm_limit=1)["key"]
    other = keys_gw.new_key(rpm_limit=1)["key"]
    start_of_a_rate_window()
    with keys_gw.llm(limited) as sdk:
        chat(sdk)
        with pytest.raises(openai.RateLimitError):
            chat(sdk)
    with keys_gw.llm(other) as sdk:
        chat(sdk)


def test_tpm_limit_refuses_requests_once_the_tokens_are_used(keys_gw: KeysGateway) -> None:
    # One answer uses more than 10 tokens: the first request is admitted, the next is over the limit.
    key = keys_gw.new_key(tpm_limit=10)["key"]
    start_of_a_rate_window()
    with keys_gw.llm(key) as sdk:
        first = chat(sdk)
        with pytest.raises(openai.RateLimitError) as refused:
            chat(sdk)

    assert first.parse().usage.total_tokens > 10
    assert first.headers.get("x-ratelimit-limit-tokens") == "10", dict(first.headers)
    headers = refused.value.response.headers
    assert int(headers["retry-after"]) >= 1, dict(headers)
    assert headers.get("x-ratelimit-limit-tokens") == "10", dict(headers)
    assert headers.get("x-ratelimit-remaining-tokens") == "0", dict(headers)
    assert "tpm" in error_body(refused.value)["message"], refused.value.body


def test_max_parallel_requests_refuses_the_second_concurrent_request(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(max_parallel_requests=1)["key"]
    both_ready = threading.Barrier(2)

    def send(_: int) -> Any:
        with keys_gw.llm(key) as sdk:
            both_ready.wait(timeout=30)
            try:
                return chat(sdk, SLOW_MODEL)
            except openai.RateLimitError as error:
                return error

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(send, range(2)))

    refusals = [o for o in outcomes if isinstance(o, openai.RateLimitError)]
    assert len(refusals) == 1, f"expected one of two concurrent requests refused (each takes 500 ms): {outcomes}"
    assert refusals[0].response.headers.get("retry-after"), dict(refusals[0].response.headers)
    # The slot is free again once the admitted request has ended.
    with keys_gw.llm(key) as sdk:
        chat(sdk, SLOW_MODEL)


def test_failed_request_releases_its_parallel_slot(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(max_parallel_requests=1)["key"]
    with keys_gw.llm(key) as sdk:
        with pytest.raises(openai.APIStatusError):
            chat(sdk, "no-such-model")
        chat(sdk)
        chat(sdk)


def test_stream_dropped_by_the_client_frees_its_slot_and_is_charged(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(max_parallel_requests=1)["key"]
    with keys_gw.llm(key) as sdk:
        stream = sdk.chat.completions.create(model=TRICKLE_MODEL, messages=[{"role": "user", "content": PROMPT}], stream=True)
        next(iter(stream))
        stream.close()  # mid-stream: the answer takes seconds at 10 tokens a second

        def admitted() -> bool:
            try:
                chat(sdk)
            except openai.RateLimitError:
                return False
            return True

        poll("the dropped stream's parallel slot to be freed", admitted, timeout=30)
    rows = keys_gw.spend_logs(key, 2)
    dropped = [row for row in rows if row["model_group"] == TRICKLE_MODEL]
    assert len(dropped) == 1 and float(dropped[0]["spend"]) > 0, rows
