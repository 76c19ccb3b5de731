"""Budgets: a key, its team, the customer named by a request's `user` field, and the whole proxy
(`litellm_settings.max_budget`) each stop admitting requests once their spend reaches their budget, with a
`budget_exceeded` error whose status is 400 unless `general_settings.budget_exceeded_status_code` says
otherwise. What a request costs is in its `x-litellm-response-cost` header and its spend log row.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import openai
import pytest

from keys_support import MODEL, OTHER_MODEL, KeysGateway, chat, error_body, is_budget_exceeded, keys_config, poll, response_cost

# Far less than one request costs: the first request is admitted at zero spend, the next is not.
TINY_BUDGET = 0.000001


def assert_budget_exceeded(error: openai.APIStatusError, status: int, scope: str) -> None:
    assert error.status_code == status, f"HTTP {error.status_code} {error.body}"
    assert is_budget_exceeded(error), error.body
    assert scope in error_body(error)["message"], error.body


def test_key_over_its_budget_gets_budget_exceeded(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(max_budget=TINY_BUDGET)["key"]
    with keys_gw.llm(key) as sdk:
        chat(sdk)
        with pytest.raises(openai.BadRequestError) as refused:
            chat(sdk)

    assert_budget_exceeded(refused.value, 400, "key")


def test_budget_exceeded_status_is_configurable(start_keys_gateway: Callable[..., KeysGateway]) -> None:
    gw = start_keys_gateway("budget-402", keys_config(general={"budget_exceeded_status_code": 402}))
    key = gw.new_key(max_budget=TINY_BUDGET)["key"]
    with gw.llm(key) as sdk:
        chat(sdk)
        with pytest.raises(openai.APIStatusError) as refused:
            chat(sdk)

    assert_budget_exceeded(refused.value, 402, "key")


def test_team_budget_stops_every_key_of_the_team(keys_gw: KeysGateway) -> None:
    team = keys_gw.post("/team/new", {"team_alias": f"tiny-{secrets.token_hex(4)}", "max_budget": TINY_BUDGET})
    first = keys_gw.new_key(team_id=team["team_id"])["key"]
    second = keys_gw.new_key(team_id=team["team_id"])["key"]
    with keys_gw.llm(first) as sdk:
        chat(sdk)
    with keys_gw.llm(second) as sdk, pytest.raises(openai.BadRequestError) as refused:
        chat(sdk)

    assert_budget_exceeded(refused.value, 400, "team")


def test_customer_budget_applies_to_requests_naming_the_customer(keys_gw: KeysGateway) -> None:
    customer = f"customer-{secrets.token_hex(4)}"
    keys_gw.post("/customer/new", {"user_id": customer, "max_budget": TINY_BUDGET})
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk:
        cost = response_cost(chat(sdk, user=customer))
        with pytest.raises(openai.BadRequestError) as refused:
            chat(sdk, user=customer)
        # The key itself has no budget: without the customer, or for another one, it still works.
        chat(sdk)
        chat(sdk, user=f"other-{customer}")

    assert_budget_exceeded(refused.value, 400, customer)
    # Spend is live: /customer/info shows it the moment the request ended, before any row is written.
    assert float(keys_gw.get("/customer/info", end_user_id=customer)["spend"]) == pytest.approx(cost, rel=1e-9)
    rows = poll("the customer's spend log row", lambda: keys_gw.get("/spend/logs", end_user=customer) or None)
    assert [row["end_user"] for row in rows] == [customer]


def test_proxy_budget_stops_every_key(start_keys_gateway: Callable[..., KeysGateway]) -> None:
    gw = start_keys_gateway("proxy-budget", keys_config(litellm={"max_budget": TINY_BUDGET}))
    first = gw.new_key()["key"]
    second = gw.new_key()["key"]
    with gw.llm(first) as sdk:
        chat(sdk)
    with gw.llm(second) as sdk, pytest.raises(openai.BadRequestError) as refused:
        chat(sdk)

    assert_budget_exceeded(refused.value, 400, "proxy")


def test_response_cost_header_matches_the_spend_log(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk:
        raw = chat(sdk)
    cost = response_cost(raw)
    usage = raw.parse().usage
    # gpt-4o's list price, from the built-in table.
    expected = usage.prompt_tokens * 2.5e-6 + usage.completion_tokens * 10e-6

    (row,) = keys_gw.spend_logs(key, 1)
    assert cost > 0 and cost == pytest.approx(expected, rel=1e-9), (cost, usage)
    assert float(row["spend"]) == pytest.approx(cost, rel=1e-9), row
    assert row["model_group"] == MODEL, row


def test_key_under_its_budget_keeps_working(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(max_budget=10)["key"]
    with keys_gw.llm(key) as sdk:
        costs = [response_cost(chat(sdk)) for _ in range(3)]

    keys_gw.key_spend(key, sum(costs))


def test_user_budget_stops_every_key_of_the_user(keys_gw: KeysGateway) -> None:
    user = f"user-{secrets.token_hex(4)}"
    created = keys_gw.post("/user/new", {"user_id": user, "max_budget": TINY_BUDGET})
    assert created["key"].startswith("sk-") and created["user_id"] == user, created
    other_key = keys_gw.new_key(user_id=user)["key"]
    with keys_gw.llm(created["key"]) as sdk:
        chat(sdk)
    with keys_gw.llm(other_key) as sdk, pytest.raises(openai.BadRequestError) as refused:
        chat(sdk)

    assert_budget_exceeded(refused.value, 400, user)


def test_budget_resets_at_the_end_of_its_duration(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(max_budget=TINY_BUDGET, budget_duration="2s")["key"]
    with keys_gw.llm(key) as sdk:
        chat(sdk)
        with pytest.raises(openai.BadRequestError) as refused:
            chat(sdk)
        assert is_budget_exceeded(refused.value), refused.value.body

        def admitted_again() -> bool:
            try:
                chat(sdk)
            except openai.BadRequestError as error:
                assert is_budget_exceeded(error), error.body
                return False
            return True

        poll("the 2 s budget period to end", admitted_again, timeout=30, interval=0.25)


def test_raising_the_budget_lets_the_key_through_again(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(max_budget=TINY_BUDGET)["key"]
    with keys_gw.llm(key) as sdk:
        chat(sdk)
        with pytest.raises(openai.BadRequestError):
            chat(sdk)
        keys_gw.post("/key/update", {"key": key, "max_budget": 10})
        chat(sdk)


def test_budget_is_still_spent_after_a_restart(start_keys_gateway: Callable[..., KeysGateway]) -> None:
    first = start_keys_gateway("budget-restart")
    key = first.new_key(max_budget=TINY_BUDGET)["key"]
    with first.llm(key) as sdk:
        chat(sdk)
    first.close()
    first.process.stop()

    second = start_keys_gateway("budget-restart", database=first.database)
    with second.llm(key) as sdk, pytest.raises(openai.BadRequestError) as refused:
        chat(sdk)

    assert_budget_exceeded(refused.value, 400, "key")


def test_model_budget_of_a_key_stops_only_that_model(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(model_max_budget={MODEL: TINY_BUDGET})["key"]
    with keys_gw.llm(key) as sdk:
        chat(sdk, MODEL)
        with pytest.raises(openai.BadRequestError) as refused:
            chat(sdk, MODEL)
        chat(sdk, OTHER_MODEL)

    assert_budget_exceeded(refused.value, 400, MODEL)


def test_blocked_customer_is_refused(keys_gw: KeysGateway) -> None:
    customer = f"blocked-{secrets.token_hex(4)}"
    keys_gw.post("/customer/block", {"user_ids": [customer]})
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk:
        with pytest.raises(openai.PermissionDeniedError):
            chat(sdk, user=customer)
        keys_gw.post("/customer/unblock", {"user_ids": [customer]})
        chat(sdk, user=customer)
