"""Upstreams over TLS: a real nginx with a certificate from a test CA (made here with `openssl`) in front of the
simulator. The gateway verifies the certificate against the CA given by `SSL_CERT_FILE` or
`litellm_settings.ssl_verify: <path>` (LiteLLM's settings), sends SNI (nginx refuses a handshake without it),
refuses an upstream it cannot verify with an OpenAI-shaped error, and with `ssl_verify: false` skips the check.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from harness import MASTER_KEY, SwitchyardProcess, free_port, openai_error, start_gateway
from routing_support import MESSAGES, chat, gateway_config, sim_deployment

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None or shutil.which("openssl") is None, reason="needs nginx and openssl")


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CA and a server certificate for `localhost` signed by it."""
    root = tmp_path_factory.mktemp("pki")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Switchyard Test CA",
            "-keyout", "ca.key", "-out", "ca.pem", cwd=root)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr", cwd=root)
    (root / "san.ext").write_text("subjectAltName=DNS:localhost\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
            "-extfile", "san.ext", "-out", "server.pem", cwd=root)
    return root


@pytest.fixture(scope="module")
def tls_upstream(pki: Path, simulator: SwitchyardProcess) -> Iterator[str]:
    """nginx on https://localhost:PORT proxying to the simulator; a handshake without SNI `localhost` is refused."""
    port = free_port()
    conf = pki / "nginx.conf"
    conf.write_text(f"""
daemon off;
worker_processes 1;
pid {pki}/nginx.pid;
error_log {pki}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {pki}/body;
    proxy_temp_path {pki}/proxy;
    fastcgi_temp_path {pki}/fastcgi;
    uwsgi_temp_path {pki}/uwsgi;
    scgi_temp_path {pki}/scgi;
    server {{
        listen 127.0.0.1:{port} ssl default_server;
        ssl_reject_handshake on;
    }}
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name localhost;
        ssl_certificate {pki}/server.pem;
        ssl_certificate_key {pki}/server.key;
        location / {{
            proxy_pass {simulator.url};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
        }}
    }}
}}
""")
    process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(pki)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            httpx.get(f"https://localhost:{port}/v1/models", verify=str(pki / "ca.pem"), timeout=1, trust_env=False)
            break
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"nginx did not start: {process.stderr.read().decode() if process.stderr else ''}")
            time.sleep(0.1)
    yield f"https://localhost:{port}"
    process.send_signal(signal.SIGQUIT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def tls_config(upstream: str, **litellm_settings: object) -> dict[str, object]:
    config = gateway_config([sim_deployment("tls-model", "tls-deployment", upstream, "gpt-4o")])
    if litellm_settings:
        config["litellm_settings"] = litellm_settings
    return config


@pytest.fixture
def started(logs: Path) -> Iterator[list[SwitchyardProcess]]:
    processes: list[SwitchyardProcess] = []
    yield processes
    for process in processes:
        if process.exited() is None:
            process.stop()


def test_ssl_cert_file_verifies_the_upstream_and_streams_through_tls(
    tls_upstream: str, pki: Path, logs: Path, started: list[SwitchyardProcess]
) -> None:
    gw = start_gateway("tls-cert-file", tls_config(tls_upstream), logs, env={"SSL_CERT_FILE": str(pki / "ca.pem")})
    started.append(gw)
    sdk = openai.OpenAI(base_url=f"{gw.url}/v1", api_key=MASTER_KEY, max_retries=0, http_client=httpx.Client(trust_env=False))

    answer = sdk.chat.completions.create(model="tls-model", messages=MESSAGES)
    assert answer.choices[0].message.content

    chunks = list(sdk.chat.completions.create(model="tls-model", messages=MESSAGES, stream=True))
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert len(chunks) > 2 and text, chunks

    # Many requests over the kept-alive TLS connections.
    for _ in range(20):
        assert chat(gw, "tls-model").status_code == 200


def test_ssl_verify_path_in_litellm_settings_is_the_ca_bundle(
    tls_upstream: str, pki: Path, logs: Path, started: list[SwitchyardProcess]
) -> None:
    gw = start_gateway("tls-ssl-verify-path", tls_config(tls_upstream, ssl_verify=str(pki / "ca.pem")), logs)
    started.append(gw)
    response = chat(gw, "tls-model")
    assert response.status_code == 200, response.text


def test_an_upstream_the_gateway_cannot_verify_is_refused_with_an_openai_error(
    tls_upstream: str, logs: Path, started: list[SwitchyardProcess]
) -> None:
    # The system trust store does not know the test CA.
    gw = start_gateway("tls-unverified", tls_config(tls_upstream), logs)
    started.append(gw)
    response = chat(gw, "tls-model")
    assert response.status_code >= 500, response.text
    error = openai_error(response.json())
    assert "certificate" in error["message"].lower() or "tls" in error["message"].lower(), error
    assert gw.exited() is None


def test_ssl_verify_false_skips_the_check(tls_upstream: str, logs: Path, started: list[SwitchyardProcess]) -> None:
    gw = start_gateway("tls-no-verify", tls_config(tls_upstream, ssl_verify=False), logs)
    started.append(gw)
    assert chat(gw, "tls-model").status_code == 200


def test_an_unreadable_ca_bundle_stops_startup_with_the_setting_named(logs: Path, tls_upstream: str) -> None:
    gw = start_gateway("tls-bad-ca", tls_config(tls_upstream), logs, env={"SSL_CERT_FILE": str(logs / "missing-ca.pem")}, wait=False)
    deadline = time.monotonic() + 20
    while gw.exited() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    code = gw.exited()
    if code is None:
        gw.kill()
    assert code not in (None, 0), "the gateway started with a CA bundle it cannot read"
    assert "SSL_CERT_FILE" in gw.log_tail(), gw.log_tail()
