"""A database outage with `general_settings.allow_requests_on_db_unavailable`: keys already cached keep
being served, a key the gateway has not seen gets 503 (not 401: it may well exist), and the spend of the
requests served meanwhile is written once the database is back.

PostgreSQL only: a SQLite file cannot be made unavailable to a process that has it open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import openai
import pytest

from keys_support import Database, KeysGateway, chat, keys_config, poll, postgres_admin, postgres_url, response_cost


@contextmanager
def database_down(database: Database) -> Iterator[None]:
    """Refuses new connections to the database and ends the open ones, for the length of the block."""
    server = postgres_url()
    assert server is not None and database.postgres_name is not None
    with postgres_admin(server) as conn:
        conn.execute(f'ALTER DATABASE "{database.postgres_name}" WITH ALLOW_CONNECTIONS false')
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (database.postgres_name,))
    try:
        yield
    finally:
        with postgres_admin(server) as conn:
            conn.execute(f'ALTER DATABASE "{database.postgres_name}" WITH ALLOW_CONNECTIONS true')


# PostgreSQL only: needs a database server that can be taken away.
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_cached_key_is_served_during_an_outage_and_its_spend_written_after(
    backend: str, start_keys_gateway: Callable[..., KeysGateway]
) -> None:
    gw = start_keys_gateway("outage", keys_config(general={"allow_requests_on_db_unavailable": True}))
    key = gw.new_key(max_budget=10)["key"]
    with gw.llm(key) as sdk:
        costs = [response_cost(chat(sdk))]
        with database_down(gw.database):
            costs += [response_cost(chat(sdk)) for _ in range(3)]
            with gw.llm("sk-not-cached-" + "x" * 32) as stranger, pytest.raises(openai.InternalServerError) as refused:
                chat(stranger)
            assert refused.value.status_code == 503, refused.value

    assert len(gw.spend_logs(key, 4)) == 4
    gw.key_spend(key, sum(costs))


# PostgreSQL only: needs a database server that can be taken away.
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_cached_key_needs_no_database_round_trip(backend: str, start_keys_gateway: Callable[..., KeysGateway]) -> None:
    # Without allow_requests_on_db_unavailable: a request that had to read the database would fail.
    gw = start_keys_gateway("hot-path")
    key = gw.new_key(max_budget=10, rpm_limit=1_000)["key"]
    with gw.llm(key) as sdk:
        chat(sdk)
        with database_down(gw.database):
            for _ in range(3):
                chat(sdk)

    assert len(gw.spend_logs(key, 4)) == 4


# Short outages, each hitting whatever the spend writer is doing at that moment (it writes every 50 ms
# here): one of them used to leave the writer hanging for good.
OUTAGE_CYCLES = 40


# PostgreSQL only: needs a database server that can be taken away.
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_spend_writer_recovers_from_repeated_short_outages(backend: str, start_keys_gateway: Callable[..., KeysGateway]) -> None:
    config = keys_config(general={"allow_requests_on_db_unavailable": True, "proxy_batch_write_at": 0.05})
    gw = start_keys_gateway("outages", config)
    key = gw.new_key()["key"]
    sent = 0
    with gw.llm(key) as sdk:
        for cycle in range(OUTAGE_CYCLES):
            chat(sdk)
            with database_down(gw.database):
                for _ in range(3):
                    chat(sdk)
            sent += 4
            expected = sent
            poll(
                f"the spend of {expected} requests to be written after outage {cycle + 1} of {OUTAGE_CYCLES}",
                lambda: len(gw.get("/spend/logs", api_key=key)) == expected,
                timeout=20,
                interval=0.1,
            )
