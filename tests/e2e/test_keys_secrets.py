"""Only the SHA-256 of a virtual key is stored: after keys were made, used, regenerated and presented
wrongly, no plaintext key is anywhere in the database (every byte of the SQLite files, every text column
of the PostgreSQL tables) nor in the gateway's log, even at trace level; nor is any prompt.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import replace

import openai
import pytest

from harness import MASTER_KEY
from keys_support import EMBEDDING_MODEL, MODEL, DatabaseFactory, KeysGateway, chat


def test_no_plaintext_key_or_prompt_in_the_database_or_the_log(start_keys_gateway: Callable[..., KeysGateway]) -> None:
    gw = start_keys_gateway("secrets", env={"LOG_LEVEL": "trace"})
    marker = f"prompt-marker-{secrets.token_hex(8)}"
    generated = gw.new_key(key_alias="secret-test", metadata={"owner": "secrets-test"})["key"]
    custom = f"sk-custom-{secrets.token_hex(16)}"
    gw.new_key(key=custom)
    rotated_from = gw.new_key()["key"]
    rotated_to = gw.post("/key/regenerate", {"key": rotated_from})["key"]
    unknown = f"sk-never-issued-{secrets.token_hex(16)}"
    for key in (generated, custom, rotated_to):
        with gw.llm(key) as sdk:
            chat(sdk, content=f"Repeat after me: {marker}")
            with sdk.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": marker}], stream=True) as stream:
                list(stream)
            sdk.embeddings.create(model=EMBEDDING_MODEL, input=marker)
    with gw.llm(unknown) as sdk, pytest.raises(openai.AuthenticationError):
        chat(sdk, content=marker)
    gw.spend_logs(generated, 3)
    gw.close()
    gw.process.stop()  # the spend writer flushes; the log is complete

    stored = gw.database.text_dump()
    log = gw.process.log_path.read_text(errors="replace")

    # The store does hold the keys, by hash: the search would find them if they were there.
    for key in (generated, custom, rotated_to):
        assert hashlib.sha256(key.encode()).hexdigest() in stored, "a key's hash is missing from the store"
    plaintexts = {"generated": generated, "custom": custom, "regenerated (old)": rotated_from, "regenerated (new)": rotated_to}
    for name, key in {**plaintexts, "never issued": unknown, "master": MASTER_KEY}.items():
        assert key not in stored, f"the {name} key is stored in plaintext in the {gw.database.backend} database"
        assert key not in log, f"the {name} key is in the gateway's log"
    assert marker not in stored, "a prompt is stored in the database"
    assert marker not in log, "a prompt is in the gateway's log"


# PostgreSQL only: a SQLite URL has no password.
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_database_password_is_not_logged(backend: str, databases: DatabaseFactory, start_keys_gateway: Callable[..., KeysGateway]) -> None:
    password = f"pw-{secrets.token_hex(8)}"
    fresh = databases.new("password")
    # The test server trusts loopback connections, so any password is accepted and none is checked.
    with_password = replace(fresh, url=fresh.url.replace("://switchyard@", f"://switchyard:{password}@", 1))
    assert password in with_password.url, f"unexpected test server URL shape: {fresh.url}"
    gw = start_keys_gateway("db-password", database=with_password, env={"LOG_LEVEL": "trace"})
    gw.new_key()
    gw.close()
    gw.process.stop()

    assert password not in gw.process.log_path.read_text(errors="replace"), "the database password is in the gateway's log"
