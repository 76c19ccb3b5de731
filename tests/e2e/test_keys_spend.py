"""Spend: every request writes a spend log row (batched off the request path), the key's spend is the sum
of its rows, streams are counted even when the client did not ask for usage, /global/spend/report sums
by day, and 50 concurrent requests overspend a small budget by no more than the requests in flight.
"""

from __future__ import annotations

import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import openai
import pytest

from clients import PROMPT
from keys_support import EMBEDDING_MODEL, MODEL, OVERLAP_MODEL, KeysGateway, chat, is_budget_exceeded, response_cost

MESSAGES = [{"role": "user", "content": PROMPT}]


def stream_chunks(sdk: openai.OpenAI, **kwargs: Any) -> list[Any]:
    with sdk.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True, **kwargs) as stream:
        return list(stream)


def test_each_request_writes_a_spend_log_row(keys_gw: KeysGateway) -> None:
    answer = keys_gw.new_key()
    key = answer["key"]
    with keys_gw.llm(key) as sdk:
        costs = [response_cost(chat(sdk)) for _ in range(2)]
        stream_chunks(sdk)
        stream_chunks(sdk, stream_options={"include_usage": True})
        embedding = sdk.embeddings.with_raw_response.create(model=EMBEDDING_MODEL, input="rows of spend")
        costs.append(response_cost(embedding))

    rows = keys_gw.spend_logs(key, 5)

    assert all(row["api_key"] == answer["token"] for row in rows), rows
    assert all(row["status"] == "success" for row in rows), rows
    assert all(row["spend"] > 0 and row["prompt_tokens"] > 0 for row in rows), rows
    assert all(row["total_tokens"] == row["prompt_tokens"] + row["completion_tokens"] for row in rows), rows
    assert sorted(row["model_group"] for row in rows) == sorted([MODEL] * 4 + [EMBEDDING_MODEL]), rows
    assert len({row["request_id"] for row in rows}) == 5, rows
    assert sorted(row["call_type"] for row in rows) == ["acompletion"] * 4 + ["aembedding"], rows
    assert all(row["model_id"] and row["startTime"] <= row["endTime"] and row["cache_hit"] == "False" for row in rows), rows
    logged = sorted(float(row["spend"]) for row in rows)
    for cost in costs:
        assert any(value == pytest.approx(cost, rel=1e-9) for value in logged), (cost, logged)
    keys_gw.key_spend(key, sum(logged))


def test_key_info_shows_spend_the_moment_a_request_ends(keys_gw: KeysGateway) -> None:
    # Spend rows are written in batches; /key/info must not lag them: it reports the counter the budget
    # check uses, so the cost of two requests shows right after the second, with no wait.
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk:
        costs = [response_cost(chat(sdk)) for _ in range(2)]

    assert float(keys_gw.key_info(key)["spend"]) == pytest.approx(sum(costs), rel=1e-9)


def test_stream_without_usage_requested_is_still_counted(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk:
        chunks = stream_chunks(sdk)

    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text, chunks
    assert all(getattr(c, "usage", None) is None for c in chunks), "the client did not ask for a usage chunk but got one"
    (row,) = keys_gw.spend_logs(key, 1)
    assert row["completion_tokens"] > 0 and float(row["spend"]) > 0, row
    assert row["completionStartTime"], f"a stream's spend log row has no time to first token: {row}"


def test_stream_with_usage_requested_reports_what_was_charged(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk:
        chunks = stream_chunks(sdk, stream_options={"include_usage": True})

    usage = [c.usage for c in chunks if getattr(c, "usage", None) is not None]
    assert len(usage) == 1, chunks
    (row,) = keys_gw.spend_logs(key, 1)
    assert (row["prompt_tokens"], row["completion_tokens"]) == (usage[0].prompt_tokens, usage[0].completion_tokens), row


def test_failed_request_writes_no_spend(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(models=[MODEL])["key"]
    with keys_gw.llm(key) as sdk:
        with pytest.raises(openai.AuthenticationError):
            chat(sdk, EMBEDDING_MODEL)
        chat(sdk)

    (row,) = keys_gw.spend_logs(key, 1)
    assert row["model_group"] == MODEL, row


def test_spend_logs_filter_by_key_and_date(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk:
        chat(sdk)
    (row,) = keys_gw.spend_logs(key, 1)
    today = datetime.fromisoformat(row["startTime"].replace("Z", "+00:00")).date().isoformat()

    assert len(keys_gw.get("/spend/logs", api_key=key, start_date=today, end_date=today)) == 1
    assert keys_gw.get("/spend/logs", api_key=key, end_date="2000-01-01") == []
    assert keys_gw.get("/spend/logs", request_id=row["request_id"])[0]["api_key"] == row["api_key"]


def test_global_spend_report_sums_by_day_and_key(keys_gw: KeysGateway) -> None:
    answer = keys_gw.new_key()
    with keys_gw.llm(answer["key"]) as sdk:
        chat(sdk)
        chat(sdk)
    rows = keys_gw.spend_logs(answer["key"], 2)
    total = sum(float(row["spend"]) for row in rows)
    day = rows[0]["startTime"][:10]

    by_team = keys_gw.get("/global/spend/report", start_date=day, end_date=day)
    assert [entry["group_by_day"] for entry in by_team] == [day], by_team
    teams = by_team[0]["teams"]
    assert all({"team_name", "total_spend", "metadata"} <= set(team) for team in teams), teams
    entries = [m for team in teams for m in team["metadata"] if m["api_key"] == answer["token"]]
    assert len(entries) == 1 and entries[0]["model"] == MODEL, entries
    assert entries[0]["spend"] == pytest.approx(total, rel=1e-9), entries

    (by_key,) = keys_gw.get("/global/spend/report", start_date=day, end_date=day, group_by="api_key", api_key=answer["token"])
    assert by_key["api_key"] == answer["token"] and by_key["total_cost"] == pytest.approx(total, rel=1e-9), by_key
    assert by_key["total_input_tokens"] == sum(row["prompt_tokens"] for row in rows), by_key
    assert [d["model"] for d in by_key["model_details"]] == [MODEL], by_key


CONCURRENT_REQUESTS = 50
# The 50 requests are sent from 50 threads, one every ARRIVAL_GAP_S: each takes 100 ms upstream, so
# about five are in flight at any time. (Sent all at once, all 50 would be admitted before the first one
# ended and added its cost: in flight, all of them, which the budget rule allows.)
ARRIVAL_GAP_S = 0.02
# Clock slack between a request's end being stamped and its cost reaching the budget counter.
COUNTER_SLACK = timedelta(milliseconds=100)


def test_concurrent_requests_overspend_only_by_what_was_in_flight(keys_gw: KeysGateway) -> None:
    # What one request costs: every request here has the same prompt and the same answer.
    probe = keys_gw.new_key()["key"]
    with keys_gw.llm(probe) as sdk:
        cost = response_cost(chat(sdk, OVERLAP_MODEL))
    assert cost > 0
    budget = 3.5 * cost
    key = keys_gw.new_key(max_budget=budget)["key"]
    # The schedule starts once every thread has its client (making 50 takes a while).
    go: list[float] = []
    ready = threading.Barrier(CONCURRENT_REQUESTS, action=lambda: go.append(time.monotonic() + 0.05))

    def send(index: int) -> Any:
        with keys_gw.llm(key, timeout=60) as sdk:
            # Connected before the schedule starts: fifty connection setups at once would bunch the
            # requests up again on their way in.
            sdk.models.list()
            ready.wait(timeout=60)
            # A schedule, not a wait for something: request i leaves at go + i * ARRIVAL_GAP_S.
            time.sleep(max(0.0, go[0] + index * ARRIVAL_GAP_S - time.monotonic()))
            try:
                return response_cost(chat(sdk, OVERLAP_MODEL))
            except openai.APIStatusError as error:
                return error

    with ThreadPoolExecutor(max_workers=CONCURRENT_REQUESTS) as pool:
        outcomes = list(pool.map(send, range(CONCURRENT_REQUESTS)))

    admitted = [o for o in outcomes if isinstance(o, float)]
    refused = [o for o in outcomes if not isinstance(o, float)]
    assert all(is_budget_exceeded(error) for error in refused), [f"{e.status_code} {e.body}" for e in refused]
    rows = keys_gw.spend_logs(key, len(admitted))
    spent = sum(float(row["spend"]) for row in rows)
    assert spent == pytest.approx(len(admitted) * cost, rel=1e-9), (spent, len(admitted), cost)

    within_budget = math.floor(budget / cost)
    overspend = max(0.0, spent - budget)
    assert overspend <= (len(admitted) - within_budget) * cost + 1e-12, (spent, budget, len(admitted))
    assert len(refused) > CONCURRENT_REQUESTS / 2, (
        f"{len(admitted)} of {CONCURRENT_REQUESTS} requests admitted against a budget of {within_budget} requests: "
        "the budget was not enforced while requests were in flight"
    )
    # No request was admitted after the spend of ended requests had reached the budget.
    crossed = crossing_time(rows, budget)
    assert crossed is not None, rows
    late = [row for row in rows if parse(row["startTime"]) > crossed + COUNTER_SLACK]
    assert not late, f"requests admitted after the budget was crossed at {crossed}: {late}"
    with keys_gw.llm(key) as sdk, pytest.raises(openai.BadRequestError):
        chat(sdk, OVERLAP_MODEL)


def parse(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def crossing_time(rows: list[dict[str, Any]], budget: float) -> datetime | None:
    """When the spend of ended requests first reached `budget`."""
    total = 0.0
    for row in sorted(rows, key=lambda r: parse(r["endTime"])):
        total += float(row["spend"])
        if total >= budget:
            return parse(row["endTime"])
    return None
