"""One harness for the browser tests and the benchmark: a Streamlit server, Chromium, /proc.

`tests/browser/conftest.py` and every script in `bench/` start their servers and their
Chromium here, so the `streamlit run` command, the health check, the stop, the Chromium
lookup and its flags are written once. The memory and CPU of a server's process tree are
read from /proc (Linux) for the benchmark and the load check.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT_S = 60.0
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
)
# The benchmark's belt and braces: no host name but the loopback one resolves.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_tail(path: Path | None, limit: int = 20_000) -> str:
    if path is None:
        return "(no server log)"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"(server log unreadable: {error})"
    return text if len(text) <= limit else "...\n" + text[-limit:]


@dataclass
class StreamlitServer:
    """`streamlit run <script>` from `cwd` on a free loopback port, headless, no file watcher
    (other hands may edit the app meanwhile), its output in `<log_dir>/<name>-<port>.log`."""

    name: str
    script: str = "dashboard.py"
    cwd: Path = ROOT
    env: Mapping[str, str] = field(default_factory=dict)
    static_serving: bool = False  # the peer page serves Leaflet from ./static
    process: subprocess.Popen | None = None
    port: int = 0
    log: Path | None = None

    @property
    def url(self) -> str:
        """The base URL, no trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--server.fileWatcherType", "none",
            "--server.runOnSave", "false",
            "--server.enableStaticServing", str(self.static_serving).lower(),
            "--browser.gatherUsageStats", "false",
        ]

    def start(self, log_dir: Path, timeout: float = SERVER_START_TIMEOUT_S, port: int | None = None
              ) -> StreamlitServer:
        """Start (on `port`, else a free one) and wait until healthy; raises RuntimeError with the
        log's end if it is not. A stopped server started again on its own port is a restart."""
        self.port = port or free_port()
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log = log_dir / f"{self.name}-{self.port}.log"
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        with self.log.open("wb") as sink:
            self.process = subprocess.Popen(self.command(), cwd=self.cwd, stdout=sink, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, env=env)
        _STARTED.append(self)
        try:
            self._wait_healthy(timeout)
        except RuntimeError:
            self.stop()
            raise
        return self

    def _wait_healthy(self, timeout: float) -> None:
        health = f"{self.url}/_stcore/health"
        deadline, last = time.monotonic() + timeout, "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name}: streamlit exited with code {self.process.returncode} before it "
                                   f"was healthy.\n--- server log ({self.log}) ---\n{log_tail(self.log)}")
            try:
                with urllib.request.urlopen(health, timeout=2) as response:
                    body = response.read().decode("utf-8", "replace").strip()
                if response.status == 200 and body == "ok":
                    return
                last = f"HTTP {response.status}: {body[:200]!r}"
            except (urllib.error.URLError, OSError) as error:
                last = repr(error)
            time.sleep(0.2)
        raise RuntimeError(f"{self.name}: not healthy at {health} within {timeout:.0f} s (last: {last})."
                           f"\n--- server log ({self.log}) ---\n{log_tail(self.log)}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    @contextlib.contextmanager
    def running(self, log_dir: Path) -> Iterator[StreamlitServer]:
        """The server, started, until the block ends."""
        self.start(log_dir)
        try:
            yield self
        finally:
            self.stop()


_STARTED: list[StreamlitServer] = []


def stop_all_servers() -> None:
    """Every server this process started and did not stop (also run at exit)."""
    for server in _STARTED:
        with contextlib.suppress(Exception):
            server.stop()


atexit.register(stop_all_servers)


# --------------------------------------------------------------------------- Chromium


def find_chromium() -> str | None:
    """A Chromium executable: $CHROMIUM, or the system's (Playwright cannot download its own here)."""
    found = [os.environ.get("CHROMIUM"), *(shutil.which(name) for name in CHROMIUM_CANDIDATES), "/usr/bin/chromium"]
    for candidate in found:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


NO_CHROMIUM = ("no chromium executable found (tried $CHROMIUM, `chromium`, `chromium-browser`, "
               "/usr/bin/chromium); install it, e.g. `make chromium` or `apt-get install chromium`")


def launch_options(*, loopback_only: bool = False) -> dict:
    """Keyword arguments for Playwright's `chromium.launch` (sync or async): the system's
    Chromium, headless, with the flags it needs here. RuntimeError when there is none."""
    executable = find_chromium()
    if executable is None:
        raise RuntimeError(NO_CHROMIUM)
    return {"executable_path": executable, "headless": True, "args": chromium_args(loopback_only=loopback_only)}


def chromium_args(*, loopback_only: bool = False) -> list[str]:
    return [*CHROMIUM_ARGS, *([LOOPBACK_ONLY] if loopback_only else [])]


# --------------------------------------------------------------------------- /proc


def process_tree(pid: int, limit: int = 1000) -> list[int]:
    """`pid` and all its descendants."""
    pids, todo = [], [pid]
    while todo and len(pids) < limit:
        current = todo.pop()
        pids.append(current)
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{current}/task").iterdir():
                with contextlib.suppress(OSError):
                    todo += [int(c) for c in (task / "children").read_text().split()]
    return pids


def _status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def rss_mib(pid: int) -> dict[str, float]:
    """RSS and peak RSS (VmHWM) of a process and all its descendants, in MiB."""
    pids = process_tree(pid)
    rss = sum(_status_kib(p, "VmRSS") for p in pids)
    hwm = sum(_status_kib(p, "VmHWM") for p in pids)
    return {"rss": rss / 1024, "hwm": hwm / 1024, "processes": len(pids)}


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process and its descendants so far, in seconds."""
    ticks = 0
    try:
        for p in process_tree(pid):
            fields = Path(f"/proc/{p}/stat").read_text().rpartition(")")[2].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
    except (OSError, ValueError, IndexError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")
