"""`switchyard check-config FILE`: a config a LiteLLM user brings is read, what Switchyard does not do yet is
listed by path, and a broken config is refused with a path-qualified message, never a crash."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from harness import CliResult, base_env, has_backtrace, run_cli, write_config

INPROC = {"model_name": "sim-inproc", "litellm_params": {"model": "simulator/gpt-4o"}}


def check(tmp_path: Path, config: dict[str, Any] | str) -> CliResult:
    path = tmp_path / "config.yaml"
    if isinstance(config, str):
        path.write_text(config)
    else:
        write_config(path, config)
    return run_cli(["check-config", str(path)])


def assert_refused_cleanly(result: CliResult) -> None:
    assert result.returncode != 0, result.describe()
    assert 0 < result.returncode < 128, f"killed by a signal: {result.describe()}"
    assert result.output.strip(), "refused without saying why"
    assert not has_backtrace(result.output), result.describe()


def test_check_config_accepts_a_valid_config(tmp_path: Path) -> None:
    result = check(tmp_path, {"model_list": [INPROC], "general_settings": {"master_key": "sk-x"}})

    assert result.returncode == 0, result.describe()


def test_check_config_lists_unsupported_keys_by_path_and_still_exits_0(tmp_path: Path) -> None:
    config = {"model_list": [INPROC], "general_settings": {"master_key": "sk-x", "alerting_threshold": 300}}
    result = check(tmp_path, config)

    assert result.returncode == 0, result.describe()
    assert re.search(r"general_settings\.alerting_threshold\b.*not supported", result.output), result.describe()


def test_check_config_names_each_unsupported_key(tmp_path: Path) -> None:
    config = {
        "model_list": [INPROC],
        "general_settings": {"master_key": "sk-x", "alerting_threshold": 300},
        "litellm_settings": {"some_key_nobody_supports": True},
    }
    result = check(tmp_path, config)

    assert result.returncode == 0, result.describe()
    assert "general_settings.alerting_threshold" in result.output, result.describe()
    assert "litellm_settings.some_key_nobody_supports" in result.output, result.describe()


def test_check_config_lists_a_provider_it_cannot_serve_by_path(tmp_path: Path) -> None:
    # A LiteLLM config may name providers Switchyard does not have yet: the rest is still served.
    other = {"model_name": "a", "litellm_params": {"model": "nosuchprovider/some-model"}}
    result = check(tmp_path, {"model_list": [INPROC, other]})

    assert result.returncode == 0, result.describe()
    assert re.search(r"model_list\[1\]\.litellm_params\.model\b.*not supported", result.output), result.describe()


BROKEN_CONFIGS = {
    "missing-model": (
        {"model_list": [{"model_name": "a", "litellm_params": {"api_base": "http://127.0.0.1:1/v1"}}]},
        r"model_list\[0\]\.litellm_params\.model\b",
    ),
    "second-entry-missing-model": (
        {"model_list": [INPROC, {"model_name": "b", "litellm_params": {}}]},
        r"model_list\[1\]\.litellm_params\.model\b",
    ),
    "api-base-not-a-url": (
        {"model_list": [{"model_name": "a", "litellm_params": {"model": "openai/gpt-4o", "api_base": "not a url", "api_key": "k"}}]},
        r"model_list\[0\]\.litellm_params\.api_base\b",
    ),
    "model-list-not-a-list": ({"model_list": "gpt-4o"}, r"\bmodel_list\b"),
    "max-request-size-not-a-number": (
        {"model_list": [INPROC], "general_settings": {"max_request_size_mb": "lots"}},
        r"general_settings\.max_request_size_mb\b",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN_CONFIGS))
def test_check_config_refuses_a_broken_config_with_a_path_qualified_message(tmp_path: Path, case: str) -> None:
    config, path_pattern = BROKEN_CONFIGS[case]
    result = check(tmp_path, config)

    assert_refused_cleanly(result)
    assert re.search(path_pattern, result.output), result.describe()


def test_check_config_refuses_invalid_yaml_with_its_location(tmp_path: Path) -> None:
    result = check(tmp_path, "model_list:\n  - model_name: a\n    litellm_params: {model: openai/x\n")

    assert_refused_cleanly(result)
    assert re.search(r"config\.yaml|line \d+|:\d+:\d+", result.output), result.describe()


def test_check_config_refuses_a_missing_file_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    result = run_cli(["check-config", str(missing)])

    assert_refused_cleanly(result)
    assert "nowhere.yaml" in result.output, result.describe()


SEED_000 = Path(__file__).resolve().parents[2] / "Tests" / "SwitchyardConfigTests" / "Fixtures" / "seed000-homelab.yaml"


@pytest.mark.parametrize("database_url", [None, ""])
def test_check_config_lists_every_error_and_every_key_not_acted_on(database_url: str | None) -> None:
    # Seed 000's homelab config, as its author would first try it: none of its provider keys set, and
    # DATABASE_URL unset or empty. One run must list every problem, not only the first.
    env = {name: value for name, value in base_env().items() if not name.endswith(("_API_KEY", "_API_TOKEN"))}
    env.pop("DATABASE_URL", None)
    env.pop("LITELLM_MASTER_KEY", None)
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    result = run_cli(["check-config", str(SEED_000)], env=env)

    assert_refused_cleanly(result)
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    notices = [line for line in result.output.splitlines() if line.startswith("not acted on: ")]
    assert len(errors) >= 5, result.describe()
    assert any("GROQ_API_KEY" in line for line in errors), result.describe()
    assert any("LITELLM_MASTER_KEY" in line for line in errors), result.describe()
    assert any("general_settings.database_url" in line and "DATABASE_URL" in line for line in errors), result.describe()
    assert len(notices) >= 5, result.describe()
