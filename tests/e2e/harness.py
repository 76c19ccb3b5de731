"""Runs the real `switchyard` binary for the end-to-end tests: ports, configs, processes, CLI calls.

Everything here is plain Python so that a failing test can show exactly what was started, with which
config, and what the process printed.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
MASTER_KEY = "sk-test-master"
# The upstream key the gateway sends to the simulator; it must never show up in a response.
UPSTREAM_KEY = "sk-upstream-e2e-3b1f9c"
READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
CLI_TIMEOUT_S = 30.0

# Variables that would change how a gateway authenticates: each test sets the ones it means to.
_SCRUBBED_ENV = ("SWITCHYARD_MASTER_KEY", "LITELLM_MASTER_KEY", "CONFIG_FILE_PATH", "HOST", "PORT")

# What a crash or an uncaught Swift error prints; a config error must be a message, not one of these.
_BACKTRACE_MARKERS = re.compile(
    r"Stack dump|Current stack trace|Fatal error|Backtrace|Program crashed|Thread \d+ crashed|"
    r"Illegal instruction|Segmentation fault|SIGABRT|SIGSEGV|SIGILL|SIGTRAP|💣",
    re.IGNORECASE,
)


def _default_signal_dispositions() -> None:
    """Runs in the child before exec: a shell starts background jobs with SIGINT ignored, and an ignored
    signal stays ignored across exec; an operator's process starts with the default, so ours do too."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def switchyard_binary() -> Path:
    """The binary under test: `SWITCHYARD_BIN`, else the debug build in the repository."""
    return Path(os.environ.get("SWITCHYARD_BIN") or REPO_ROOT / ".build" / "debug" / "switchyard").resolve()


def free_port() -> int:
    """A TCP port nothing listens on right now (the kernel's pick, so parallel runs don't collide)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(**overrides: str) -> dict[str, str]:
    """The environment for a child process: ours without master keys, plus `overrides`."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED_ENV}
    env.update(overrides)
    return env


def write_config(path: Path, config: dict[str, Any]) -> Path:
    """Writes `config` as block YAML, the way a LiteLLM user writes config.yaml."""
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def has_backtrace(text: str) -> bool:
    """Whether `text` looks like a crash report rather than an error message for a person."""
    return bool(_BACKTRACE_MARKERS.search(text))


@dataclass
class CliResult:
    """What one run of the CLI did: exit code and everything it printed."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def describe(self) -> str:
        return f"switchyard {' '.join(self.args)} -> exit {self.returncode}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def run_cli(args: list[str], *, env: dict[str, str] | None = None, timeout: float = CLI_TIMEOUT_S) -> CliResult:
    """Runs `switchyard ARGS` to completion (no stdin) and returns what it printed."""
    proc = subprocess.run(
        [str(switchyard_binary()), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env if env is not None else base_env(),
        timeout=timeout,
        cwd=REPO_ROOT,
    )
    return CliResult(args=args, returncode=proc.returncode, stdout=proc.stdout, stderr=proc.stderr)


class SwitchyardProcess:
    """One long-running `switchyard` process (`serve` or `simulate`) with its log file.

    Every started process is written to `SWITCHYARD_E2E_PID_DIR` (when set) so that scripts/test can stop
    anything a crashed pytest left behind, by pid and nothing broader.
    """

    live: list[SwitchyardProcess] = []

    def __init__(self, name: str, args: list[str], port: int, log_dir: Path, env: dict[str, str] | None = None) -> None:
        self.name = name
        self.args = args
        self.port = port
        self.log_path = log_dir / f"{name}.log"
        self.env = env if env is not None else base_env()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SwitchyardProcess:
        # Each gateway gets its own key store next to its log (the default, ./switchyard.db, would be
        # the repository root, shared by every process); a test that wants another sets DATABASE_URL.
        if "DATABASE_URL" not in self.env:
            self.env = {**self.env, "DATABASE_URL": f"sqlite://{self.log_path.with_suffix('.db')}"}
        log = open(self.log_path, "wb")
        try:
            self.proc = subprocess.Popen(
                [str(switchyard_binary()), *self.args],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.env,
                cwd=REPO_ROOT,
                start_new_session=True,  # a Ctrl-C in the terminal reaches pytest, which then stops us in order
                preexec_fn=_default_signal_dispositions,
            )
        finally:
            log.close()
        SwitchyardProcess.live.append(self)
        pid_dir = os.environ.get("SWITCHYARD_E2E_PID_DIR")
        if pid_dir:
            Path(pid_dir, str(self.proc.pid)).write_text(self.name)
        return self

    def log_tail(self, lines: int = 60) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:]) or "(empty log)"

    def exited(self) -> int | None:
        return None if self.proc is None else self.proc.poll()

    def wait_ready(self, path: str = "/health/liveliness", *, any_status: bool = False, timeout: float = READY_TIMEOUT_S) -> None:
        """Polls `GET path` until it answers 200 (or anything, with `any_status`); fails early if the process died."""
        deadline = time.monotonic() + timeout
        last = "no answer yet"
        with httpx.Client(timeout=2.0, trust_env=False) as http:
            while time.monotonic() < deadline:
                code = self.exited()
                if code is not None:
                    raise AssertionError(f"{self.name} exited with {code} before it was ready:\n{self.log_tail()}")
                try:
                    response = http.get(self.url + path)
                    if any_status or response.status_code == 200:
                        return
                    last = f"HTTP {response.status_code}"
                except httpx.HTTPError as error:
                    last = repr(error)
                time.sleep(0.1)
        raise AssertionError(f"{self.name} not ready after {timeout:.0f}s on {path} ({last}):\n{self.log_tail()}")

    def wait_exit(self, timeout: float = CLI_TIMEOUT_S) -> int:
        """Waits for the process to end on its own (e.g. refusing a config) and returns its exit code."""
        assert self.proc is not None
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"{self.name} still running after {timeout:.0f}s:\n{self.log_tail()}") from None
        finally:
            self._forget()

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> int:
        """SIGTERM, then waits up to `timeout` for a graceful exit; kills and fails if it does not come."""
        assert self.proc is not None
        try:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError(f"{self.name} did not exit within {timeout:.0f}s of SIGTERM (killed):\n{self.log_tail()}") from None
        finally:
            self._forget()

    def kill(self) -> None:
        """Ends the process at once, for clean-up after a failure (no graceful-exit check)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._forget()

    def _forget(self) -> None:
        if self in SwitchyardProcess.live:
            SwitchyardProcess.live.remove(self)
        pid_dir = os.environ.get("SWITCHYARD_E2E_PID_DIR")
        if pid_dir and self.proc is not None:
            Path(pid_dir, str(self.proc.pid)).unlink(missing_ok=True)


def start_simulator(log_dir: Path) -> SwitchyardProcess:
    """Starts `switchyard simulate` (the standalone provider simulator) and waits until it answers HTTP."""
    port = free_port()
    sim = SwitchyardProcess("simulator", ["simulate", "--port", str(port)], port, log_dir).start()
    try:
        # The simulator has no health route of its own that we rely on: any HTTP answer means it listens.
        sim.wait_ready("/v1/models", any_status=True)
    except AssertionError:
        sim.kill()
        raise
    return sim


def start_gateway(
    name: str,
    config: dict[str, Any] | Path,
    log_dir: Path,
    *,
    extra_args: list[str] | None = None,
    env: dict[str, str] | None = None,
    wait: bool = True,
) -> SwitchyardProcess:
    """Starts `switchyard serve --config FILE --port P` (writing `config` to FILE when given a dict)."""
    port = free_port()
    config_path = config if isinstance(config, Path) else write_config(log_dir / f"{name}.yaml", config)
    args = ["serve", "--config", str(config_path), "--port", str(port), *(extra_args or [])]
    gateway = SwitchyardProcess(name, args, port, log_dir, env=env).start()
    if wait:
        try:
            gateway.wait_ready()
        except AssertionError:
            gateway.kill()
            raise
    return gateway


def openai_error(body: Any) -> dict[str, Any]:
    """The `error` object of an OpenAI-shaped error body, after checking the shape clients parse."""
    assert isinstance(body, dict) and isinstance(body.get("error"), dict), f"not an OpenAI error body: {body!r}"
    error = body["error"]
    assert isinstance(error.get("message"), str) and error["message"], f"error without a message: {body!r}"
    assert isinstance(error.get("type"), str) and error["type"], f"error without a type: {body!r}"
    assert "param" in error and "code" in error, f"error without param/code keys: {body!r}"
    return error
