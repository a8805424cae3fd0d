#!/usr/bin/env python3
"""Two replicas of the app behind HAProxy, with sticky sessions: one command, on one machine.

    make replicas                                  # installs Debian's haproxy when missing (as root)
    .venv/bin/python deploy/replicas.py --port 8501 [--address 0.0.0.0]

Starts two `streamlit run dashboard.py` servers on loopback ports of their own, with the
environment of deploy/server.env and one cookie secret shared by both (so that a reader moved to
the other replica keeps a valid XSRF cookie), waits until both answer `/_stcore/health`, then
runs HAProxy in the foreground with deploy/haproxy.cfg on --address:--port. Ctrl-C (or SIGTERM)
stops HAProxy and both replicas. The readers' address is the proxy's; each reader stays on the
replica that served its page (a cookie), and moves to the other only when that one is down.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
CONFIG = DEPLOY / "haproxy.cfg"
SERVER_ENV = DEPLOY / "server.env"
REPLICAS = 2  # haproxy.cfg names r1 and r2
START_TIMEOUT_S = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env() -> dict[str, str]:
    """deploy/server.env's VAR=value lines."""
    lines = SERVER_ENV.read_text(encoding="utf-8").splitlines()
    pairs = (line.split("=", 1) for line in lines if line.strip() and not line.lstrip().startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


@dataclass
class Replica:
    name: str
    port: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start_replica(name: str, cookie_secret: str, log_dir: Path, extra_env: dict[str, str] | None = None) -> Replica:
    port = free_port()
    env = {**os.environ, **server_env(), "PYTHONUNBUFFERED": "1", "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret,
           **(extra_env or {})}
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false"]
    log_dir.mkdir(parents=True, exist_ok=True)
    with (log_dir / f"replica-{name}.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    return Replica(name, port, process)


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: exited with code {process.returncode} before it was healthy")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"{url}: not healthy within {timeout:.0f} s")


def haproxy_command() -> list[str]:
    executable = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if executable is None:
        raise RuntimeError("no haproxy: `make replicas` installs Debian's as root, or `apt-get install haproxy`")
    return [executable, "-db", "-f", str(CONFIG)]


@dataclass
class Deployment:
    proxy_url: str
    proxy: subprocess.Popen
    replicas: list[Replica]


@contextlib.contextmanager
def deployment(address: str = "127.0.0.1", port: int = 0, log_dir: Path = ROOT / "deploy" / ".logs",
               extra_env: dict[str, str] | None = None) -> Iterator[Deployment]:
    """Both replicas and the proxy, running until the block ends."""
    command = haproxy_command()
    secret = secrets.token_hex(32)
    replicas: list[Replica] = []
    proxy = None
    try:
        replicas = [start_replica(f"r{i + 1}", secret, log_dir, extra_env) for i in range(REPLICAS)]
        for replica in replicas:
            wait_healthy(replica.url, replica.process)
        port = port or free_port()
        env = {**os.environ, "RM_PROXY_ADDR": f"{address}:{port}",
               **{f"RM_REPLICA_{i + 1}": f"127.0.0.1:{r.port}" for i, r in enumerate(replicas)}}
        with (log_dir / "haproxy.log").open("wb") as log:
            proxy = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        proxy_url = f"http://{'127.0.0.1' if address in ('0.0.0.0', '') else address}:{port}"
        wait_healthy(proxy_url, proxy, timeout=20)
        yield Deployment(proxy_url, proxy, replicas)
    finally:
        if proxy is not None and proxy.poll() is None:
            proxy.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proxy.wait(10)
        for replica in replicas:
            replica.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8501, help="the readers' port (default 8501)")
    parser.add_argument("--address", default="127.0.0.1", help="the readers' address (default 127.0.0.1)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    try:
        with deployment(args.address, args.port) as running:
            print(f"readers: {running.proxy_url}  (replicas: "
                  + ", ".join(f"{r.name} {r.url}" for r in running.replicas) + "); Ctrl-C stops all", flush=True)
            running.proxy.wait()
            print(f"haproxy exited with code {running.proxy.returncode} (log: deploy/.logs/haproxy.log)")
            return 1
    except KeyboardInterrupt:
        return 0
    except RuntimeError as error:
        print(f"FAIL: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
