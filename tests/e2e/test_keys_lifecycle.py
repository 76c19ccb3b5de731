"""Virtual keys through their life: generate, use with the OpenAI SDK, read, list, update, block, regenerate,
delete, expire; and restarting the gateway on the same store keeps keys and spend.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Callable

import openai
import pytest

from keys_support import MODEL, OTHER_MODEL, KeysGateway, chat, keys_config, poll, response_cost


def test_generated_key_has_litellm_shape(keys_gw: KeysGateway) -> None:
    answer = keys_gw.new_key(key_alias=f"shape-{secrets.token_hex(4)}")
    key = answer["key"]

    assert re.fullmatch(r"sk-[A-Za-z0-9_-]{32,}", key), key
    assert answer["key_name"] == f"sk-...{key[-4:]}", answer
    assert answer["token"] == hashlib.sha256(key.encode()).hexdigest(), answer
    assert answer["token_id"] == answer["token"], answer
    assert answer["expires"] is None and answer["blocked"] is False, answer


def test_generated_key_works_with_the_openai_sdk(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk:
        completion = chat(sdk).parse()

    assert completion.choices[0].message.content, completion
    assert completion.model == MODEL, completion


def test_key_info_shows_the_key_by_hash_only(keys_gw: KeysGateway) -> None:
    alias = f"info-{secrets.token_hex(4)}"
    answer = keys_gw.new_key(key_alias=alias, models=[MODEL], max_budget=5, metadata={"app": "billing"})
    body = keys_gw.get("/key/info", key=answer["key"])

    assert body["key"] == answer["token"], body
    info = body["info"]
    assert info["key_alias"] == alias and info["models"] == [MODEL] and info["max_budget"] == 5, info
    assert info["metadata"] == {"app": "billing"}, info
    assert answer["key"] not in str(body), "the plaintext key is in /key/info"


def test_key_can_read_its_own_info_but_not_manage_keys(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key()["key"]
    own = keys_gw.admin.get("/key/info", headers={"Authorization": f"Bearer {key}"})
    generate = keys_gw.admin.post("/key/generate", json={}, headers={"Authorization": f"Bearer {key}"})

    assert own.status_code == 200 and own.json()["key"] == hashlib.sha256(key.encode()).hexdigest(), own.text
    assert generate.status_code == 403, generate.text


def test_key_list_finds_keys_by_alias(keys_gw: KeysGateway) -> None:
    alias = f"listed-{secrets.token_hex(4)}"
    answer = keys_gw.new_key(key_alias=alias)

    hashes = keys_gw.get("/key/list", key_alias=alias)
    full = keys_gw.get("/key/list", key_alias=alias, return_full_object="true")

    assert hashes["keys"] == [answer["token"]] and hashes["total_count"] == 1, hashes
    assert [k["key_alias"] for k in full["keys"]] == [alias], full


def test_key_update_takes_effect_on_the_next_request(keys_gw: KeysGateway) -> None:
    answer = keys_gw.new_key(models=[MODEL])
    with keys_gw.llm(answer["key"]) as sdk:
        with pytest.raises(openai.AuthenticationError):
            chat(sdk, OTHER_MODEL)
        updated = keys_gw.post("/key/update", {"key": answer["key"], "models": [MODEL, OTHER_MODEL]})
        assert updated["models"] == [MODEL, OTHER_MODEL], updated
        assert chat(sdk, OTHER_MODEL).parse().model == OTHER_MODEL


def test_blocked_key_gets_401_until_unblocked(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk:
        chat(sdk)
        assert keys_gw.post("/key/block", {"key": key})["blocked"] is True
        with pytest.raises(openai.AuthenticationError) as refused:
            chat(sdk)
        assert "blocked" in str(refused.value).lower(), refused.value
        assert keys_gw.post("/key/unblock", {"key": key})["blocked"] is False
        chat(sdk)


def test_regenerated_key_replaces_the_old_one_and_keeps_its_spend(keys_gw: KeysGateway) -> None:
    old = keys_gw.new_key(key_alias=f"rotate-{secrets.token_hex(4)}")
    with keys_gw.llm(old["key"]) as sdk:
        cost = response_cost(chat(sdk))
    keys_gw.key_spend(old["key"], cost)

    new = keys_gw.post("/key/regenerate", {"key": old["key"]})

    assert new["key"] != old["key"] and new["key"].startswith("sk-"), new
    assert new["token"] == hashlib.sha256(new["key"].encode()).hexdigest(), new
    assert new["key_alias"] == old["key_alias"], new
    assert float(keys_gw.key_info(new["key"])["spend"]) == pytest.approx(cost, rel=1e-9), "the regenerated key lost its spend"
    with keys_gw.llm(old["key"]) as sdk, pytest.raises(openai.AuthenticationError):
        chat(sdk)
    with keys_gw.llm(new["key"]) as sdk:
        chat(sdk)


def test_deleted_key_gets_401(keys_gw: KeysGateway) -> None:
    answer = keys_gw.new_key()
    with keys_gw.llm(answer["key"]) as sdk:
        chat(sdk)
        deleted = keys_gw.post("/key/delete", {"keys": [answer["key"]]})
        assert deleted["deleted_keys"] == [answer["token"]], deleted
        with pytest.raises(openai.AuthenticationError):
            chat(sdk)
    keys_gw.get("/key/info", key=answer["key"], expect=404)


def test_key_can_be_deleted_by_alias(keys_gw: KeysGateway) -> None:
    alias = f"gone-{secrets.token_hex(4)}"
    key = keys_gw.new_key(key_alias=alias)["key"]
    keys_gw.post("/key/delete", {"key_aliases": [alias]})

    with keys_gw.llm(key) as sdk, pytest.raises(openai.AuthenticationError):
        chat(sdk)


def test_key_with_a_duration_expires(keys_gw: KeysGateway) -> None:
    answer = keys_gw.new_key(duration="2s")
    assert answer["expires"], answer
    with keys_gw.llm(answer["key"]) as sdk:
        started = time.monotonic()
        chat(sdk)

        def expired() -> str | None:
            try:
                chat(sdk)
            except openai.AuthenticationError as error:
                return str(error)
            return None

        message = poll("the 2 s key to expire", expired, timeout=30, interval=0.25)
    assert time.monotonic() - started >= 1.0, "the key expired long before its 2 s"
    assert "expired" in message.lower(), message


def test_caller_supplied_key_is_used_as_given(keys_gw: KeysGateway) -> None:
    key = f"sk-custom-{secrets.token_hex(16)}"
    answer = keys_gw.new_key(key=key)

    assert answer["key"] == key and answer["token"] == hashlib.sha256(key.encode()).hexdigest(), answer
    with keys_gw.llm(key) as sdk:
        chat(sdk)
    keys_gw.post("/key/generate", {"key": key}, expect=400)
    keys_gw.post("/key/generate", {"key": f"custom-{secrets.token_hex(8)}"}, expect=400)


def test_key_alias_must_be_unique(keys_gw: KeysGateway) -> None:
    alias = f"unique-{secrets.token_hex(4)}"
    keys_gw.new_key(key_alias=alias)
    other = keys_gw.new_key()

    keys_gw.post("/key/generate", {"key_alias": alias}, expect=400)
    keys_gw.post("/key/update", {"key": other["key"], "key_alias": alias}, expect=400)


def test_unknown_key_gets_401(keys_gw: KeysGateway) -> None:
    with keys_gw.llm(f"sk-unknown-{secrets.token_hex(16)}") as sdk, pytest.raises(openai.AuthenticationError):
        chat(sdk)


def test_keys_and_spend_survive_a_restart(start_keys_gateway: Callable[..., KeysGateway]) -> None:
    # Spend is written only at shutdown here (the batch interval is far away): the flush must store it.
    config = keys_config(general={"proxy_batch_write_at": 600})
    first = start_keys_gateway("restart", config)
    key = first.new_key(max_budget=100)["key"]
    with first.llm(key) as sdk:
        costs = [response_cost(chat(sdk)) for _ in range(3)]
    first.close()
    first.process.stop()

    second = start_keys_gateway("restart", config, database=first.database)

    assert float(second.key_info(key)["spend"]) == pytest.approx(sum(costs), rel=1e-9), "spend lost on restart"
    assert len(second.spend_logs(key, 3, timeout=5)) == 3
    with second.llm(key) as sdk:
        chat(sdk)


def test_key_of_a_proxy_admin_user_may_manage_keys(keys_gw: KeysGateway) -> None:
    admin = keys_gw.post("/user/new", {"user_id": f"admin-{secrets.token_hex(4)}", "user_role": "proxy_admin"})["key"]
    ordinary = keys_gw.post("/user/new", {"user_id": f"internal-{secrets.token_hex(4)}", "user_role": "internal_user"})["key"]

    made = keys_gw.admin.post("/key/generate", json={}, headers={"Authorization": f"Bearer {admin}"})
    refused = keys_gw.admin.post("/key/generate", json={}, headers={"Authorization": f"Bearer {ordinary}"})

    assert made.status_code == 200 and made.json()["key"].startswith("sk-"), made.text
    assert refused.status_code == 403, refused.text


def test_regenerated_key_keeps_spend_not_yet_written(start_keys_gateway: Callable[..., KeysGateway]) -> None:
    # The request's spend is still in the spend writer's batch (written only at shutdown here) when the
    # key gets its new value: it must end up on the key all the same.
    config = keys_config(general={"proxy_batch_write_at": 600})
    first = start_keys_gateway("rotate-pending", config)
    old = first.new_key()["key"]
    with first.llm(old) as sdk:
        cost = response_cost(chat(sdk))
    new = first.post("/key/regenerate", {"key": old})["key"]
    first.close()
    first.process.stop()

    second = start_keys_gateway("rotate-pending", config, database=first.database)

    assert len(second.spend_logs(old, 1, timeout=5)) == 1
    spend = float(second.key_info(new)["spend"])
    assert spend == pytest.approx(cost, rel=1e-9), f"the regenerated key has spend {spend}, the request before the rotation cost {cost}"


def test_key_cannot_read_another_keys_info(keys_gw: KeysGateway) -> None:
    mine = keys_gw.new_key()["key"]
    other = keys_gw.new_key()["key"]

    response = keys_gw.admin.get("/key/info", params={"key": other}, headers={"Authorization": f"Bearer {mine}"})

    assert response.status_code == 403, response.text
    assert other not in response.text
