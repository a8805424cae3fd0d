"""A reader without a browser: one Streamlit session spoken over its own websocket protocol.

What the browser's frontend does when a page opens, and nothing else: an HTTP GET of the page
(it sets the cookies a proxy's stickiness needs), then `/_stcore/stream` with the subprotocol
`streamlit`, then one `BackMsg` asking for a run (`rerun_script`: the address's query string, no
widget state, the context a browser gives: time zone, locale, URL, light scheme). The server
answers with `ForwardMsg`s (`new_session`, page config, deltas, `script_finished`), decoded with
the message classes the `streamlit` package ships (`streamlit.proto`). A session is timed from
the moment it starts connecting to the first delta its `Target` recognises (ours: the
streamlit-folium component's element, the map's message), and to the end of its first run.
When an element asks to hear once the map has drawn (ours: the day's part, `tellDrawn`,
ui.mapcomponent.on_map), the reader answers as the browser's frame does, with that element's
widget value, once its first run has ended (at once: no map is painted here), and waits for the
run the answer starts (`Session.answered`): the rest of our page.

Like the browser's frontend, a reader keeps the messages the server marks cacheable (an element of
at least `global.minCachedMessageSize`, 10 KB: ours' map and day's part), names their hashes in
every run it asks for, and reads a reference to one (`ref_hash`) as that message: the server then
sends an element the reader already holds as a reference instead of whole (the map, in the run the
answer starts). A reference to a message it does not hold is an error, as it is in the browser.

`stalled_reader` is the opposite: a websocket that asks for a run and then reads nothing.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import socket
import time
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

STREAM_PATH = "/_stcore/stream"
MAX_MESSAGE = 64 * 1024 * 1024  # the peer's map is 0.85 MB; websockets' default (1 MiB) is too small
# The HTTP fetches run in threads: asyncio's default pool (cores + 4 threads) would queue a burst's
# readers behind a handful of downloads, which browsers do not do.
_HTTP = ThreadPoolExecutor(max_workers=256, thread_name_prefix="reader-http")


async def _in_thread(function, *args):
    return await asyncio.get_running_loop().run_in_executor(_HTTP, function, *args)


@dataclass(frozen=True)
class Target:
    """Which delta counts as the page's point: a component by name, or any element of a type."""

    label: str
    component: str | None = None  # a component_instance whose component_name contains this
    element: str | None = None  # or the first new_element of this type (e.g. "markdown")

    def matches(self, msg: ForwardMsg) -> bool:
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return False
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if self.component is not None:
            return kind == "component_instance" and self.component in element.component_instance.component_name
        return kind == self.element


def is_error_box(msg: ForwardMsg) -> bool:
    """An exception box, or an error box (st.error), sent to the page."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return False
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    return kind == "exception" or (kind == "alert" and element.alert.format == Alert.ERROR)


MAP = Target("the map's element", component="streamlit_folium")
TEXT = Target("the first text", element="markdown")


def rerun_message(url: str, query: str = "", widgets: dict[str, object] | None = None,
                  cached: Iterable[str] = ()) -> bytes:
    """The BackMsg a page's frontend sends first (run the script for this address), or, with
    `widgets` (element id: JSON value), when a component sets its value; `cached`: the hashes of
    the messages it holds (its message cache)."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_script_hash = ""
    state.widget_states.SetInParent()
    for widget_id, value in (widgets or {}).items():
        widget = state.widget_states.widgets.add()
        widget.id, widget.json_value = widget_id, json.dumps(value)
    state.cached_message_hashes.extend(sorted(cached))
    context = state.context_info
    context.timezone, context.timezone_offset, context.locale = "UTC", 0, "en-GB"
    context.url = url + (f"?{query}" if query else "")
    context.is_embedded = False
    context.color_scheme = "light"
    return msg.SerializeToString()


@dataclass
class Session:
    """One reader's timings (seconds from `t0`, the run's start) and what it received."""

    index: int
    query: str = ""
    t0: float = 0.0
    started: float | None = None  # when it began connecting (its arrival)
    opened: float | None = None  # websocket open
    first_message: float | None = None
    target: float | None = None  # the Target's delta arrived
    finished: float | None = None  # script_finished of the first run
    answered: float | None = None  # script_finished of the run the map's answer started (ours)
    ready: float | None = None  # its page is whole: the first run ended, and the answer's run if asked
    answers: dict[str, object] = field(default_factory=dict)  # element id: the value it asked for (ours)
    cache: dict[str, bytes] = field(default_factory=dict)  # hash: a cacheable message, as the browser keeps it
    references: int = 0  # messages sent as a reference to one in `cache`
    closed: float | None = None
    messages: int = 0
    payload_bytes: int = 0
    http_bytes: int = 0  # the page and, with assets, its files and the components' frames
    components: set[str] = field(default_factory=set)
    exception_elements: int = 0  # exception and error boxes (st.error) sent to the page
    error: str | None = None
    served_by: str | None = None  # the proxy's X-Served-By header, when there is one
    cookie: str | None = None
    reconnects: int = 0
    draws: list[float] = field(default_factory=list)  # every time the target arrived (after a reconnect too)
    received: list[bytes] | None = None  # a list: every message of the first run is kept there (tests)
    log: list[str] = field(default_factory=list)

    def at(self) -> float:
        return time.monotonic() - self.t0

    @property
    def time_to_target(self) -> float | None:
        return None if self.target is None or self.started is None else self.target - self.started


_LINKED = re.compile(r'(?:src|href)="\./((?:static|[^"/]+\.(?:js|css))[^"]*)"')


def linked_files(html: str) -> list[str]:
    """The files a page's HTML links relative to itself (scripts, styles, fonts), in order."""
    return list(dict.fromkeys(_LINKED.findall(html)))


class ReplicaChanged(Exception):
    """Behind a proxy, one reader's requests were answered by more than one replica."""


def _get(url: str, cookie: str | None, timeout: float, replica: str | None = None) -> tuple[bytes, object]:
    """GET `url`; behind a proxy that names its replica (X-Served-By), it must be `replica` when given."""
    headers = {"Accept-Encoding": "gzip", **({"Cookie": cookie} if cookie else {})}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
        body, answered = response.read(), response.headers
    served = answered.get("X-Served-By")
    if replica is not None and served is not None and served != replica:
        raise ReplicaChanged(f"{url} from {served}, the page from {replica}")
    return body, answered


def fetch_page(base: str, timeout: float, assets: bool) -> tuple[str | None, str | None, int]:
    """GET the page as a browser does first, and with `assets` the files its HTML links (a cold
    browser's first visit: Streamlit's entry scripts, styles and font, gzip accepted; the chunks a
    browser loads later for one element or another are not fetched). Returns (the cookie header to
    send back, X-Served-By, bytes received)."""
    body, headers = _get(base + "/", None, timeout)
    jar = [c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") or []]
    cookie, served, size = "; ".join(jar) or None, headers.get("X-Served-By"), len(body)
    if assets:
        linked = linked_files(body.decode("utf-8", "replace"))
        size += sum(len(_get(f"{base}/{path}", cookie, timeout, served)[0]) for path in linked)
    return cookie, served, size


def fetch_component(base: str, name: str, cookie: str | None, timeout: float, replica: str | None = None) -> int:
    """A components-v1 element's frame, as the browser loads it: its index.html and the files it links
    (behind a proxy, from `replica`)."""
    root = f"{base}/component/{name}/"
    body, _ = _get(root + "index.html", cookie, timeout, replica)
    return len(body) + sum(len(_get(root + path, cookie, timeout, replica)[0])
                           for path in linked_files(body.decode("utf-8", "replace")))


async def run_session(base: str, session: Session, target: Target, *, timeout: float = 60.0,
                      hold: asyncio.Event | None = None, reconnect: bool = False, assets: bool = False) -> Session:
    """Open one session at `base` (http://host:port), wait for `target` and the end of the first
    run, then keep the websocket open until `hold` is set (None: close at once). With `assets`,
    the page's linked files and each component's frame files are fetched too (`fetch_page`). With
    `reconnect`, a connection lost before that opens a new one (as the frontend does) and asks
    for the run again; `session.reconnects` counts them."""
    session.started = session.at()
    deadline = time.monotonic() + timeout
    ws_url = "ws" + base[len("http"):] + STREAM_PATH
    try:
        session.cookie, session.served_by, size = await _in_thread(fetch_page, base, timeout, assets)
        session.http_bytes += size
        while True:
            try:
                await _one_connection(ws_url, base, session, target, deadline, hold, assets)
                return session
            except (OSError, asyncio.IncompleteReadError, _Closed) as error:
                if not reconnect or (hold is not None and hold.is_set()):
                    raise
                session.reconnects += 1
                session.log.append(f"{session.at():.2f} lost: {type(error).__name__}: {error}")
                deadline = time.monotonic() + timeout  # a new connection, a new wait
                await asyncio.sleep(0.5)
    except TimeoutError:
        session.error = f"timed out after {timeout:.0f} s"
    except Exception as error:  # reported per session; the run goes on
        session.error = f"{type(error).__name__}: {str(error)[:200]}"
    finally:
        session.closed = session.at()
        session.cache.clear()  # the page is closed: its messages go with it
    return session


class _Closed(Exception):
    """The server closed the websocket before the run ended."""


class CacheMiss(Exception):
    """The server referred to a message the reader does not hold (the browser stops with an error)."""


async def _one_connection(ws_url: str, base: str, session: Session, target: Target, deadline: float,
                          hold: asyncio.Event | None, assets: bool) -> None:
    headers = {"Origin": base}
    if session.cookie:
        headers["Cookie"] = session.cookie
    remaining = max(0.1, deadline - time.monotonic())
    drawn, frames = False, []
    try:
        async with connect(ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=MAX_MESSAGE,
                           open_timeout=remaining, ping_interval=None) as ws:
            session.opened = session.opened or session.at()
            served = ws.response.headers.get("X-Served-By")
            if served:
                if session.served_by and served != session.served_by and not session.reconnects:
                    session.error = f"page from {session.served_by}, websocket from {served}"
                session.served_by = served
            # After a reconnect the browser sends the answer it gave with its first run (a widget's value).
            answering = bool(session.answers)  # a run with the map's answer (ours): the whole page
            await ws.send(rerun_message(base + "/", session.query, session.answers, session.cache))
            async with asyncio.timeout(max(0.1, deadline - time.monotonic())):
                async for raw in ws:
                    msg = _received(session, raw)
                    session.messages += 1
                    session.payload_bytes += len(raw)
                    if session.received is not None and session.finished is None:
                        session.received.append(raw)
                    session.first_message = session.first_message or session.at()
                    kind = msg.WhichOneof("type")
                    if kind == "delta" and is_error_box(msg):
                        session.exception_elements += 1
                    if kind == "delta" and msg.delta.new_element.WhichOneof("type") == "component_instance":
                        component = msg.delta.new_element.component_instance
                        session.answers.update(answers_asked(component))
                        if assets and component.component_name not in session.components:  # a browser loads
                            session.components.add(component.component_name)  # each frame's files once (its cache)
                            frames.append(asyncio.create_task(
                                _in_thread(fetch_component, base, component.component_name, session.cookie,
                                           remaining, session.served_by)))
                    if not drawn and target.matches(msg):
                        drawn = True
                        session.draws.append(session.at())
                        session.target = session.target or session.draws[-1]
                    if kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        session.finished = session.finished or session.at()
                        if not drawn:
                            session.error = f"the run finished without {target.label}"
                            break
                        if answering:
                            session.answered = session.answered or session.at()
                        if answering or not session.answers:
                            break
                        answering = True  # as the map's frame does once the map has drawn
                        await ws.send(rerun_message(base + "/", session.query, session.answers, session.cache))
            if not drawn and session.error:  # the run ended without the target: an error, not a lost connection
                return
            if not drawn or session.finished is None or (session.answers and session.answered is None):
                raise _Closed("closed before the run ended")
            session.ready = session.ready or session.at()
            session.http_bytes += sum(await asyncio.gather(*frames))
            if hold is not None:
                await _hold_open(ws, hold)
    except ConnectionClosed as error:
        raise _Closed(str(error)) from error


def _received(session: Session, raw: bytes) -> ForwardMsg:
    """The message `raw` is, or the one it refers to; a cacheable message is kept for later runs."""
    msg = ForwardMsg()
    msg.ParseFromString(raw)
    if msg.WhichOneof("type") == "ref_hash":
        if msg.ref_hash not in session.cache:
            raise CacheMiss(f"a reference to a message this reader never received ({msg.ref_hash})")
        session.references += 1
        msg.ParseFromString(session.cache[msg.ref_hash])
    elif msg.metadata.cacheable and msg.hash:
        session.cache[msg.hash] = raw
    return msg


def answers_asked(component) -> dict[str, object]:
    """{element id: value} when this component element asks to be answered once the map has drawn
    (ui.mapcomponent.on_map's `tellDrawn`), else {}."""
    try:
        ask = json.loads(component.json_args or "{}").get("tellDrawn")
    except ValueError:
        return {}
    return {component.id: ask["value"]} if isinstance(ask, dict) and "value" in ask else {}


async def _hold_open(ws, hold: asyncio.Event) -> None:
    """Keep reading (and dropping) what the server sends until `hold` is set."""

    async def drain() -> None:
        with contextlib.suppress(ConnectionClosed):
            async for _ in ws:
                pass

    reader = asyncio.create_task(drain())
    waiter = asyncio.create_task(hold.wait())
    try:
        await asyncio.wait({reader, waiter}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (reader, waiter):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    if not hold.is_set():
        raise _Closed("the server closed the websocket while the page was open")


# --------------------------------------------------------------------------- a reader that reads nothing


def _frame(payload: bytes) -> bytes:
    """One masked binary websocket frame (a client must mask)."""
    mask = os.urandom(4)
    n = len(payload)
    head = bytes([0x82])
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + n.to_bytes(2, "big")
    else:
        head += bytes([0x80 | 127]) + n.to_bytes(8, "big")
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def stalled_reader(base: str, query: str = "", timeout: float = 10.0) -> socket.socket:
    """A websocket that asks for a run and then reads nothing: the handshake by hand (no
    compression offered), a small receive buffer, one rerun BackMsg sent. Returns the open socket;
    the caller keeps it unread for as long as it likes, then closes it."""
    parts = urlsplit(base)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET {STREAM_PATH} HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                  f"Sec-WebSocket-Protocol: streamlit\r\nOrigin: {base}\r\n\r\n").encode())
    answer = b""
    while b"\r\n\r\n" not in answer:  # the handshake's answer only, byte by byte: not one byte more
        chunk = sock.recv(1)
        if not chunk:
            raise ConnectionError("the server closed the connection during the handshake")
        answer += chunk
    if not answer.startswith(b"HTTP/1.1 101"):
        raise ConnectionError(f"no websocket: {answer.splitlines()[0].decode(errors='replace')}")
    sock.sendall(_frame(rerun_message(base + "/", query)))
    return sock
