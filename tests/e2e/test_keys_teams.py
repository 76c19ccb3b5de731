"""Teams: a key with a `team_id` gets the team's model list and shares its budget; members come and go
with /team/member_add and /team/member_delete; /team/info lists the team's keys.
"""

from __future__ import annotations

import secrets

import openai
import pytest

from keys_support import MODEL, OTHER_MODEL, KeysGateway, chat, error_body, is_budget_exceeded, poll


def new_team(gw: KeysGateway, **fields: object) -> dict:
    return gw.post("/team/new", {"team_alias": f"team-{secrets.token_hex(4)}", **fields})


def test_new_team_has_litellm_shape(keys_gw: KeysGateway) -> None:
    team = new_team(keys_gw, models=[MODEL], max_budget=10, rpm_limit=100)

    assert team["team_id"] and team["team_alias"].startswith("team-"), team
    assert team["models"] == [MODEL] and team["max_budget"] == 10 and team["rpm_limit"] == 100, team
    assert team["spend"] == 0 and team["members_with_roles"] == [], team


def test_key_of_a_team_inherits_its_models(keys_gw: KeysGateway) -> None:
    team = new_team(keys_gw, models=[MODEL])
    key = keys_gw.new_key(team_id=team["team_id"])["key"]
    with keys_gw.llm(key) as sdk:
        chat(sdk, MODEL)
        with pytest.raises(openai.AuthenticationError) as refused:
            chat(sdk, OTHER_MODEL)

    assert OTHER_MODEL in error_body(refused.value)["message"], refused.value.body


def test_key_of_a_team_shares_the_team_budget(keys_gw: KeysGateway) -> None:
    team = new_team(keys_gw, max_budget=0.000001)
    key = keys_gw.new_key(team_id=team["team_id"], max_budget=100)["key"]
    with keys_gw.llm(key) as sdk:
        chat(sdk)
        with pytest.raises(openai.BadRequestError) as refused:
            chat(sdk)

    assert is_budget_exceeded(refused.value), refused.value.body
    assert "team" in error_body(refused.value)["message"], refused.value.body


def test_team_spend_adds_up_its_keys(keys_gw: KeysGateway) -> None:
    team = new_team(keys_gw)
    keys = [keys_gw.new_key(team_id=team["team_id"])["key"] for _ in range(2)]
    for key in keys:
        with keys_gw.llm(key) as sdk:
            chat(sdk)
    logs = [row for key in keys for row in keys_gw.spend_logs(key, 1)]
    total = sum(float(row["spend"]) for row in logs)

    assert all(row["team_id"] == team["team_id"] for row in logs), logs
    team_logs = keys_gw.get("/spend/logs", team_id=team["team_id"])
    assert len(team_logs) == 2, team_logs

    def team_spend() -> float:
        return float(keys_gw.get("/team/info", team_id=team["team_id"])["team_info"]["spend"])

    poll("the team's spend", lambda: team_spend() == pytest.approx(total, rel=1e-9))


def test_team_update_changes_what_its_keys_may_use(keys_gw: KeysGateway) -> None:
    team = new_team(keys_gw, models=[MODEL])
    key = keys_gw.new_key(team_id=team["team_id"])["key"]
    keys_gw.post("/team/update", {"team_id": team["team_id"], "models": [MODEL, OTHER_MODEL]})
    with keys_gw.llm(key) as sdk:
        assert chat(sdk, OTHER_MODEL).parse().model == OTHER_MODEL


def test_members_are_added_and_removed(keys_gw: KeysGateway) -> None:
    team = new_team(keys_gw)
    user = f"user-{secrets.token_hex(4)}"

    added = keys_gw.post("/team/member_add", {"team_id": team["team_id"], "member": {"role": "user", "user_id": user}})
    assert [m["user_id"] for m in added["members_with_roles"]] == [user], added
    assert team["team_id"] in keys_gw.get("/user/info", user_id=user)["user_info"]["teams"]
    keys_gw.post("/team/member_add", {"team_id": team["team_id"], "member": {"role": "user", "user_id": user}}, expect=400)

    removed = keys_gw.post("/team/member_delete", {"team_id": team["team_id"], "user_id": user})
    assert removed["members_with_roles"] == [], removed
    info = keys_gw.get("/team/info", team_id=team["team_id"])
    assert info["team_info"]["members_with_roles"] == [], info
    assert team["team_id"] not in keys_gw.get("/user/info", user_id=user)["user_info"]["teams"]


def test_team_info_lists_the_team_keys(keys_gw: KeysGateway) -> None:
    team = new_team(keys_gw)
    hashes = {keys_gw.new_key(team_id=team["team_id"])["token"] for _ in range(2)}
    keys_gw.new_key()

    info = keys_gw.get("/team/info", team_id=team["team_id"])

    assert info["team_id"] == team["team_id"], info
    assert {k["token"] for k in info["keys"]} == hashes, info["keys"]


def test_deleting_a_team_deletes_its_keys(keys_gw: KeysGateway) -> None:
    team = new_team(keys_gw)
    key = keys_gw.new_key(team_id=team["team_id"])["key"]
    keys_gw.post("/team/delete", {"team_ids": [team["team_id"]]})

    with keys_gw.llm(key) as sdk, pytest.raises(openai.AuthenticationError):
        chat(sdk)
    keys_gw.get("/team/info", team_id=team["team_id"], expect=404)


def test_key_for_an_unknown_team_is_refused(keys_gw: KeysGateway) -> None:
    keys_gw.post("/key/generate", {"team_id": f"no-team-{secrets.token_hex(4)}"}, expect=400)


def test_blocked_team_blocks_its_keys(keys_gw: KeysGateway) -> None:
    team = new_team(keys_gw)
    key = keys_gw.new_key(team_id=team["team_id"])["key"]
    with keys_gw.llm(key) as sdk:
        chat(sdk)
        keys_gw.post("/team/update", {"team_id": team["team_id"], "blocked": True})
        with pytest.raises(openai.AuthenticationError):
            chat(sdk)
        keys_gw.post("/team/update", {"team_id": team["team_id"], "blocked": False})
        chat(sdk)


def test_user_spend_adds_up_the_users_keys(keys_gw: KeysGateway) -> None:
    user = f"spender-{secrets.token_hex(4)}"
    keys_gw.post("/user/new", {"user_id": user, "auto_create_key": False})
    keys = [keys_gw.new_key(user_id=user)["key"] for _ in range(2)]
    for key in keys:
        with keys_gw.llm(key) as sdk:
            chat(sdk)
    total = sum(float(row["spend"]) for key in keys for row in keys_gw.spend_logs(key, 1))

    poll("the user's spend", lambda: float(keys_gw.get("/user/info", user_id=user)["user_info"]["spend"]) == pytest.approx(total, rel=1e-9))
    assert {row["user"] for row in keys_gw.get("/spend/logs", user_id=user)} == {user}
