"""Which models a virtual key may use: its `models` list (names or access groups from
`model_info.access_groups`) and its `aliases`. A model the key may not use is a 401 naming the model.
"""

from __future__ import annotations

import openai
import pytest

from keys_support import BETA_GROUP, GROUPED_MODEL, MODEL, OTHER_MODEL, KeysGateway, chat, error_body


def test_key_limited_to_a_model_gets_401_naming_another(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(models=[MODEL])["key"]
    with keys_gw.llm(key) as sdk:
        chat(sdk, MODEL)
        with pytest.raises(openai.AuthenticationError) as refused:
            chat(sdk, OTHER_MODEL)

    assert refused.value.status_code == 401
    assert OTHER_MODEL in error_body(refused.value)["message"], refused.value.body


def test_key_without_models_may_use_every_model(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk:
        for model in (MODEL, OTHER_MODEL, GROUPED_MODEL):
            assert chat(sdk, model).parse().model == model


def test_key_with_an_access_group_may_use_its_models_only(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(models=[BETA_GROUP])["key"]
    with keys_gw.llm(key) as sdk:
        assert chat(sdk, GROUPED_MODEL).parse().model == GROUPED_MODEL
        with pytest.raises(openai.AuthenticationError) as refused:
            chat(sdk, MODEL)

    assert MODEL in error_body(refused.value)["message"], refused.value.body


def test_model_list_shows_only_the_keys_models(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(models=[MODEL, BETA_GROUP])["key"]
    with keys_gw.llm(key) as sdk:
        names = sorted(model.id for model in sdk.models.list())

    assert names == sorted([MODEL, GROUPED_MODEL]), names


def test_key_alias_maps_a_name_to_an_allowed_model(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key(models=[MODEL], aliases={"my-model": MODEL})["key"]
    with keys_gw.llm(key) as sdk:
        completion = chat(sdk, "my-model").parse()

    assert completion.choices[0].message.content, completion


def test_unknown_model_for_an_unrestricted_key_is_not_an_auth_error(keys_gw: KeysGateway) -> None:
    key = keys_gw.new_key()["key"]
    with keys_gw.llm(key) as sdk, pytest.raises(openai.APIStatusError) as refused:
        chat(sdk, "no-such-model")

    assert refused.value.status_code in (400, 404), refused.value
