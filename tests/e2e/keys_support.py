"""Shared pieces of the key-store tests (test_keys_*.py, issue 5): the backends (SQLite always, PostgreSQL
when `SWITCHYARD_TEST_POSTGRES_URL` names a server), a fresh database per gateway, the gateway config, the
admin API with the master key, and polling for what the spend writer stores in batches.

Loaded as a plugin by conftest.py, so its fixtures are available to every test module:

- `backend`: `sqlite` or `postgresql` (every test that uses a key gateway runs once per backend);
- `keys_gw`: one gateway per backend for the session, on a database of its own;
- `start_keys_gateway`: a factory for gateways with other settings, each on a fresh database (or a given
  one, to restart on the same store).

The models are the in-process simulator's, so costs come from the built-in price table (gpt-4o:
$2.5/M input, $10/M output tokens).
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import httpx
import openai
import pytest

from clients import PROMPT
from harness import MASTER_KEY, SwitchyardProcess, base_env, start_gateway

POSTGRES_URL_ENV = "SWITCHYARD_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "SWITCHYARD_REQUIRE_POSTGRES"
BACKENDS = ("sqlite", "postgresql")

# How often the test gateways write spend (general_settings.proxy_batch_write_at); the default is 1 s.
BATCH_WRITE_S = 0.5
# How long to wait for batched spend to show up: generous, CI machines are loaded.
SPEND_TIMEOUT_S = 30.0

# Public model names of the key gateways.
MODEL = "gpt-4o"  # simulator/gpt-4o, priced by the built-in table
OTHER_MODEL = "sim-other"  # the same simulator model under another name
GROUPED_MODEL = "sim-beta"  # in access group BETA_GROUP
BETA_GROUP = "beta-models"
SLOW_MODEL = "sim-slow"  # 500 ms before it answers
OVERLAP_MODEL = "sim-overlap"  # 100 ms before it answers
TRICKLE_MODEL = "sim-trickle"  # streams 10 tokens a second
EMBEDDING_MODEL = "sim-embed"

ADMIN_AUTH = {"Authorization": f"Bearer {MASTER_KEY}"}

T = TypeVar("T")


def model_list() -> list[dict[str, Any]]:
    """The models of every key gateway: the in-process simulator, with the slow ones priced as gpt-4o."""
    as_gpt_4o = {"base_model": "gpt-4o"}
    return [
        {"model_name": MODEL, "litellm_params": {"model": "simulator/gpt-4o"}},
        {"model_name": OTHER_MODEL, "litellm_params": {"model": "simulator/gpt-4o"}},
        {"model_name": GROUPED_MODEL, "litellm_params": {"model": "simulator/gpt-4o"}, "model_info": {"access_groups": [BETA_GROUP]}},
        {"model_name": SLOW_MODEL, "litellm_params": {"model": "simulator/gpt-4o-latency-500ms"}, "model_info": as_gpt_4o},
        {"model_name": TRICKLE_MODEL, "litellm_params": {"model": "simulator/gpt-4o-tps-10"}, "model_info": as_gpt_4o},
        {"model_name": OVERLAP_MODEL, "litellm_params": {"model": "simulator/gpt-4o-latency-100ms"}, "model_info": as_gpt_4o},
        {"model_name": EMBEDDING_MODEL, "litellm_params": {"model": "simulator/text-embedding-3-small"}},
    ]


def keys_config(*, general: dict[str, Any] | None = None, litellm: dict[str, Any] | None = None) -> dict[str, Any]:
    """A key gateway's config: the master key, batched spend writes every BATCH_WRITE_S, plus `general`
    in `general_settings` and `litellm` in `litellm_settings`."""
    config: dict[str, Any] = {"model_list": model_list(), "router_settings": {"num_retries": 0}}
    if litellm:
        config["litellm_settings"] = litellm
    config["general_settings"] = {"master_key": MASTER_KEY, "proxy_batch_write_at": BATCH_WRITE_S, **(general or {})}
    return config


# ---------------------------------------------------------------------------------------------------
# Databases


@dataclass
class Database:
    """One key store a gateway runs on: its `DATABASE_URL`, and how to read every byte of it back."""

    backend: str
    url: str
    sqlite_path: Path | None = None
    postgres_name: str | None = None

    def text_dump(self) -> str:
        """Everything the store holds, as text: the SQLite files' bytes (with the WAL), or every text-like
        column of every table of the PostgreSQL database."""
        if self.sqlite_path is not None:
            parts = []
            for suffix in ("", "-wal", "-journal", "-shm"):
                path = Path(f"{self.sqlite_path}{suffix}")
                if path.exists():
                    parts.append(path.read_bytes().decode("latin-1"))
            assert parts, f"no SQLite file at {self.sqlite_path}"
            return "\n".join(parts)
        return postgres_dump(self.url)


def postgres_url() -> str | None:
    """The PostgreSQL server to test against, or None (a skip, or a failure when it is required)."""
    url = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if url:
        return url
    if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
        pytest.fail(f"{REQUIRE_POSTGRES_ENV}=1 but {POSTGRES_URL_ENV} is not set: the PostgreSQL tests cannot run")
    return None


def with_database(url: str, name: str) -> str:
    """`url` with its path (the database name) replaced by `name`."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def postgres_admin(url: str) -> Any:
    """An autocommit connection to the server's maintenance database (CREATE/DROP DATABASE need one)."""
    import psycopg

    return psycopg.connect(url, autocommit=True, connect_timeout=10)


def postgres_dump(url: str) -> str:
    """Every text-like column of every table in the public schema, one value a line."""
    import psycopg

    lines: list[str] = []
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        columns = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')"
        ).fetchall()
        assert columns, "no text columns in the PostgreSQL key store: is the schema in another schema than public?"
        for table, column in columns:
            query = f'SELECT "{column}"::text FROM "{table}"'
            lines += [str(value) for (value,) in conn.execute(query).fetchall() if value is not None]
    return "\n".join(lines)


class DatabaseFactory:
    """Creates fresh databases of one backend and removes them at the end."""

    def __init__(self, backend: str, directory: Path) -> None:
        self.backend = backend
        self.directory = directory
        self.created: list[Database] = []

    def new(self, name: str) -> Database:
        suffix = secrets.token_hex(4)
        if self.backend == "sqlite":
            path = self.directory / f"{name}-{suffix}.db"
            database = Database("sqlite", f"sqlite://{path}", sqlite_path=path)
        else:
            server = postgres_url()
            assert server is not None, "the postgresql backend runs only with a server"
            db_name = f"sy_e2e_{suffix}"
            with postgres_admin(server) as conn:
                conn.execute(f'CREATE DATABASE "{db_name}"')
            database = Database("postgresql", with_database(server, db_name), postgres_name=db_name)
        self.created.append(database)
        return database

    def drop_all(self) -> None:
        server = postgres_url() if self.backend == "postgresql" else None
        for database in self.created:
            if database.postgres_name and server:
                with postgres_admin(server) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{database.postgres_name}" WITH (FORCE)')
        self.created.clear()


# ---------------------------------------------------------------------------------------------------
# The admin API and LLM clients


def poll(what: str, probe: Callable[[], T | None], *, timeout: float = SPEND_TIMEOUT_S, interval: float = 0.1) -> T:
    """Calls `probe` until it returns something other than None (or False), and returns that; fails with
    `what` and the last result after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result is not None and result is not False:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def describe(response: httpx.Response) -> str:
    return f"{response.request.method} {response.request.url.path} -> HTTP {response.status_code} {response.text[:600]}"


@dataclass
class KeysGateway:
    """A running gateway with a key store, and the database it runs on."""

    process: SwitchyardProcess
    database: Database
    admin: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.admin = httpx.Client(base_url=self.process.url, headers=ADMIN_AUTH, timeout=30, trust_env=False)

    @property
    def url(self) -> str:
        return self.process.url

    def post(self, path: str, body: dict[str, Any] | None = None, *, expect: int = 200) -> Any:
        """`POST path` with the master key; checks the status and returns the JSON answer."""
        response = self.admin.post(path, json=body or {})
        assert response.status_code == expect, describe(response)
        return response.json()

    def get(self, path: str, *, expect: int = 200, **params: Any) -> Any:
        """`GET path?params` with the master key; checks the status and returns the JSON answer."""
        response = self.admin.get(path, params={k: v for k, v in params.items() if v is not None})
        assert response.status_code == expect, describe(response)
        return response.json()

    def new_key(self, **fields: Any) -> dict[str, Any]:
        """`/key/generate` with `fields`; the answer, whose `key` is the plaintext."""
        return self.post("/key/generate", fields)

    def key_info(self, key: str) -> dict[str, Any]:
        """The `info` object of `/key/info?key=`."""
        return self.get("/key/info", key=key)["info"]

    def spend_logs(self, key: str, count: int, *, timeout: float = SPEND_TIMEOUT_S) -> list[dict[str, Any]]:
        """The spend log rows of `key`, once there are `count` of them (fails if more show up)."""
        rows: list[dict[str, Any]] = poll(
            f"{count} spend log rows of a key",
            lambda: (found if len(found := self.get("/spend/logs", api_key=key)) >= count else None),
            timeout=timeout,
        )
        assert len(rows) == count, f"expected {count} spend log rows, got {len(rows)}: {rows}"
        return rows

    def key_spend(self, key: str, expected: float, *, timeout: float = SPEND_TIMEOUT_S) -> float:
        """The key's `spend` in /key/info, once it is `expected` (to 1e-9 relative)."""
        last: list[float] = []

        def probe() -> float | None:
            spend = float(self.key_info(key)["spend"] or 0)
            last[:] = [spend]
            return spend if spend == pytest.approx(expected, rel=1e-9, abs=1e-15) else None

        try:
            return poll("the key's spend in /key/info", probe, timeout=timeout)
        except AssertionError:
            raise AssertionError(f"/key/info spend stayed {last} but {expected} was expected") from None

    def llm(self, key: str, *, timeout: float = 30) -> openai.OpenAI:
        """The official SDK on this gateway with a virtual key; no retries, so every refusal is seen."""
        return openai.OpenAI(base_url=f"{self.url}/v1", api_key=key, max_retries=0, timeout=timeout)

    def close(self) -> None:
        self.admin.close()


def chat(sdk: openai.OpenAI, model: str = MODEL, content: str = PROMPT, **kwargs: Any) -> Any:
    """One non-streaming chat completion; the raw response (`.headers`, `.parse()`)."""
    return sdk.chat.completions.with_raw_response.create(model=model, messages=[{"role": "user", "content": content}], **kwargs)


def response_cost(raw: Any) -> float:
    """`x-litellm-response-cost` of a raw SDK response."""
    value = raw.headers.get("x-litellm-response-cost")
    assert value is not None, f"no x-litellm-response-cost header: {dict(raw.headers)}"
    return float(value)


def error_body(error: openai.APIStatusError) -> dict[str, Any]:
    """The `error` object of an SDK error's body."""
    body = error.body
    assert isinstance(body, dict), f"error body is not an object: {body!r}"
    inner = body.get("error", body)
    assert isinstance(inner, dict), f"error body has no error object: {body!r}"
    return inner


def is_budget_exceeded(error: openai.APIStatusError) -> bool:
    body = error_body(error)
    return "budget_exceeded" in (body.get("type"), body.get("code"))


# ---------------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The key store's backend; PostgreSQL runs only when SWITCHYARD_TEST_POSTGRES_URL names a server."""
    if request.param == "postgresql" and postgres_url() is None:
        pytest.skip(f"{POSTGRES_URL_ENV} is not set (scripts/test starts a PostgreSQL and sets it)")
    return str(request.param)


@pytest.fixture(scope="session")
def databases(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    """Fresh databases of the current backend, dropped at the end of the session."""
    factory = DatabaseFactory(backend, tmp_path_factory.mktemp(f"keys-{backend}"))
    yield factory
    factory.drop_all()


def launch_keys_gateway(name: str, config: dict[str, Any], database: Database, logs: Path, env: dict[str, str] | None = None) -> KeysGateway:
    """`switchyard serve` with `config` on `database`, with `env` added to its environment."""
    return KeysGateway(start_gateway(name, config, logs, env=base_env(DATABASE_URL=database.url, **(env or {}))), database)


@pytest.fixture(scope="session")
def keys_gw(backend: str, databases: DatabaseFactory, logs: Path) -> Iterator[KeysGateway]:
    """The session's key gateway of this backend, on a database of its own."""
    gw = launch_keys_gateway(f"keys-{backend}", keys_config(), databases.new("keys"), logs)
    yield gw
    gw.close()
    gw.process.stop()


@pytest.fixture
def start_keys_gateway(backend: str, databases: DatabaseFactory, logs: Path) -> Iterator[Callable[..., KeysGateway]]:
    """Starts key gateways with `config` (default ``keys_config()``) on a fresh database, or on `database`
    to restart on the same store, with `env` added to the environment; stops the ones still running at the end."""
    started: list[KeysGateway] = []

    def start(
        name: str, config: dict[str, Any] | None = None, database: Database | None = None, env: dict[str, str] | None = None
    ) -> KeysGateway:
        db = database or databases.new(name)
        # A fresh log name per process, so that a restarted gateway's log does not overwrite the first one's.
        gw = launch_keys_gateway(f"{name}-{backend}-{secrets.token_hex(3)}", config or keys_config(), db, logs, env)
        started.append(gw)
        return gw

    yield start
    for gw in started:
        gw.close()
        if gw.process.exited() is None:
            gw.process.stop()
