"""A Streamlit client that speaks the browser's own websocket protocol, for load and replica tests.

One `Session` is one browser tab: it loads the page (keeping the cookies a proxy sets, so sticky
sessions work), opens `/_stcore/stream`, asks for script runs with widget states the way the
browser does (a click is a trigger value; values typed earlier are sent again), keeps the widgets
and texts the last run drew, answers cached-message references like the browser's message cache,
and fetches deferred downloads as the browser does: a backend operation request over the
websocket, then an HTTP GET of the URL the server answers with. asyncio + websockets, so one
process holds hundreds of sessions.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

WIDGET_ID = re.compile(r"^\$\$ID-[0-9a-f]+-(?P<key>.+)$")
TEXT_ELEMENTS = ("markdown", "alert", "heading", "text", "code", "caption")
EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN


class VisitError(Exception):
    """Anything a visitor would notice: a timeout, a lost connection, an error on the page."""


@dataclass
class Widget:
    id: str
    kind: str  # the element's type: button, download_button, text_input, button_group, ...
    proto: Any


@dataclass
class HttpReply:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes


async def http_get(
    url: str,
    cookies: dict[str, str] | None = None,
    timeout: float = 30.0,
    headers: dict[str, str] | None = None,
    source: str | None = None,
) -> HttpReply:
    """A minimal HTTP/1.1 GET (Connection: close; chunked bodies decoded), from the local
    address `source` if given (e.g. 127.0.0.7: another client on loopback)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(
            parts.hostname, parts.port or 80, local_addr=(source, 0) if source else None
        ),
        timeout,
    )
    try:
        cookie = "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())
        request = f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n"
        if cookie:
            request += f"Cookie: {cookie}\r\n"
        for name, value in (headers or {}).items():
            request += f"{name}: {value}\r\n"
        writer.write((request + "\r\n").encode())
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers: dict[str, str] = {}
    found: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        headers[name] = value
        if name == "set-cookie":
            key, _, rest = value.partition("=")
            found[key.strip()] = rest.split(";", 1)[0]
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _dechunk(body)
    return HttpReply(status, headers, found, body)


def _dechunk(data: bytes) -> bytes:
    out, pos = bytearray(), 0
    while True:
        end = data.index(b"\r\n", pos)
        size = int(data[pos:end].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += data[end + 2 : end + 2 + size]
        pos = end + 2 + size + 2


class Session:
    """One browser tab on a Streamlit app at `base_url` (e.g. http://127.0.0.1:8501); `page` is
    the URL path of an `st.navigation` page (e.g. "staff"), `headers` go with every request,
    `source` is the local address to connect from (another client on loopback: 127.0.0.7)."""

    def __init__(
        self,
        base_url: str,
        *,
        query: str = "",
        page: str = "",
        headers: dict[str, str] | None = None,
        cookies: dict[str, str] | None = None,
        source: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.source = source
        self.base_url = base_url.rstrip("/")
        self.query, self.page = query, page
        self.headers = dict(headers or {})
        self.timeout = timeout
        self.cookies: dict[str, str] = dict(cookies or {})
        self.session_id = ""
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}  # user key -> widget drawn by the last run
        self.texts: list[str] = []  # markdown/alert/caption bodies of the last run
        self.errors: list[str] = []  # exceptions shown on the page by the last run
        self.bytes_received = 0
        self._values: dict[str, WidgetState] = {}  # widget id -> value the visitor set
        self._cache: dict[str, ForwardMsg] = {}  # the browser's message cache, by hash
        self._ws: Any = None
        self._reader: asyncio.Task | None = None
        self._finished: asyncio.Future | None = None
        self._ops: dict[str, asyncio.Future] = {}
        self._pending: dict[str, Widget] = {}  # what the run under way has drawn so far
        self._pending_texts: list[str] = []
        self._pending_errors: list[str] = []

    # --- connecting ---

    async def connect(self, load_page: bool = True) -> float:
        """Load the page (keeping cookies), open the websocket, draw the first run.
        Returns seconds from the websocket request to the finished first run."""
        if load_page:
            page_url = f"{self.base_url}/{self.page}"
            reply = await http_get(page_url, self.cookies, self.timeout, self.headers, self.source)
            if reply.status != 200:
                raise VisitError(f"GET /{self.page} answered {reply.status}")
            self.cookies.update(reply.cookies)
        ws_url = "ws" + self.base_url.removeprefix("http") + "/_stcore/stream"
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        try:
            self._ws = await asyncio.wait_for(
                websockets.connect(
                    ws_url,
                    subprotocols=["streamlit"],
                    additional_headers=headers or None,
                    max_size=None,
                    open_timeout=self.timeout,
                    ping_interval=None,  # like the browser: Streamlit keeps its own heartbeat
                    compression=None,
                    local_addr=(self.source, 0) if self.source else None,
                ),
                self.timeout,
            )
        except (TimeoutError, OSError, websockets.WebSocketException) as exc:
            raise VisitError(f"websocket: {exc!r}") from exc
        self._reader = asyncio.create_task(self._read())
        await self._run([])
        return time.perf_counter() - started

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader

    # --- what a visitor does ---

    def widget(self, key: str) -> Widget:
        try:
            return self.widgets[key]
        except KeyError:
            shown = " | ".join(t[:80] for t in self.texts if not t.startswith("<style"))[:300]
            raise VisitError(f"no widget {key!r} on the page; it shows: {shown}") from None

    async def click(self, key: str, form: dict[str, str | bool] | None = None) -> float:
        """Click a button; seconds until the page is updated. For a form's submit button, `form`
        holds what was typed or ticked in the form's widgets (by key), sent with the click."""
        states = [WidgetState(id=self.widget(key).id, trigger_value=True)]
        for field_key, value in (form or {}).items():
            state = WidgetState(id=self.widget(field_key).id)
            if isinstance(value, bool):
                state.bool_value = value
            else:
                state.string_value = value
            states.append(state)
        return await self._timed_run(states)

    async def set_value(self, key: str, **value: Any) -> float:
        """Set a widget's value (e.g. `string_value="Zoë"` or `string_array_value=...`) and
        send it, as the browser does when a field loses focus."""
        widget = self.widget(key)
        state = WidgetState(id=widget.id)
        for name, given in value.items():
            field = getattr(state, name)
            if hasattr(field, "data"):  # the *_array_value messages
                field.data.extend(given)
            else:
                setattr(state, name, given)
        self._values[widget.id] = state
        return await self._timed_run([])

    async def download(self, key: str) -> tuple[float, bytes]:
        """Click a deferred download button: ask for the file's URL, then GET it."""
        widget = self.widget(key)
        file_id = getattr(widget.proto, "deferred_file_id", "")
        started = time.perf_counter()
        if file_id:
            request_id = str(uuid.uuid4())
            msg = BackMsg()
            msg.backend_operation_request.request_id = request_id
            msg.backend_operation_request.session_id = self.session_id
            msg.backend_operation_request.deferred_file.file_id = file_id
            future = asyncio.get_running_loop().create_future()
            self._ops[request_id] = future
            await self._send(msg)
            reply = await self._wait(future, f"download {key}")
            if reply.error_msg:
                raise VisitError(f"download {key}: {reply.error_msg}")
            url = reply.deferred_file.url
        else:
            url = widget.proto.url
        file_url = urljoin(self.base_url + "/", url)
        got = await http_get(file_url, self.cookies, self.timeout, self.headers, self.source)
        if got.status != 200:
            raise VisitError(f"download {key}: GET answered {got.status}")
        return time.perf_counter() - started, got.body

    # --- the protocol ---

    async def _timed_run(self, triggers: list[WidgetState]) -> float:
        started = time.perf_counter()
        await self._run(triggers)
        return time.perf_counter() - started

    async def _run(self, triggers: list[WidgetState]) -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.page_name = self.page if not self.page_hash else ""
        current_ids = {w.id for w in self.widgets.values()}
        self._values = {
            k: v for k, v in self._values.items() if not current_ids or k in current_ids
        }
        state.widget_states.widgets.extend([*self._values.values(), *triggers])
        state.cached_message_hashes.extend(self._cache)
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "Europe/Amsterdam", -60, "nl-NL"
        info.url = f"{self.base_url}/{self.page}" + (f"?{self.query}" if self.query else "")
        self._finished = asyncio.get_running_loop().create_future()
        self._pending, self._pending_texts, self._pending_errors = {}, [], []
        await self._send(msg)
        await self._wait(self._finished, "script run")
        self.widgets, self.texts = self._pending, self._pending_texts
        self.errors = self._pending_errors
        if self.errors:
            raise VisitError(f"exception on the page: {self.errors[0][:200]}")

    async def _send(self, msg: BackMsg) -> None:
        try:
            await self._ws.send(msg.SerializeToString())
        except websockets.WebSocketException as exc:
            raise VisitError(f"send: {exc!r}") from exc

    async def _wait(self, future: asyncio.Future, what: str) -> Any:
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError:
            raise VisitError(f"{what}: no answer within {self.timeout:.0f} s") from None

    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                self.bytes_received += len(raw)
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._handle(msg)
            error: Exception = VisitError("the server closed the connection")
        except Exception as exc:  # a broken connection fails whatever is waiting
            error = VisitError(f"connection: {exc!r}")
        for future in [self._finished, *self._ops.values()]:
            if future is not None and not future.done():
                future.set_exception(error)

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            cached = self._cache.get(msg.ref_hash)
            if cached is None:
                self._pending_errors.append(f"unknown cached message {msg.ref_hash}")
                return
            self._delta(cached)
        elif kind == "delta":
            if msg.metadata.cacheable and msg.hash:
                self._cache[msg.hash] = msg
            self._delta(msg)
        elif kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "navigation":  # the page st.navigation chose: stay on it, like the browser
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "script_finished":
            done = self._finished
            if msg.script_finished != EARLY_FOR_RERUN and done is not None and not done.done():
                done.set_result(msg.script_finished)
        elif kind == "backend_operation_response":
            future = self._ops.pop(msg.backend_operation_response.request_id, None)
            if future is not None and not future.done():
                future.set_result(msg.backend_operation_response)

    def _delta(self, msg: ForwardMsg) -> None:
        if msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind is None:
            return
        proto = getattr(element, kind)
        if kind == "exception":
            self._pending_errors.append(f"{proto.type}: {proto.message}")
        elif kind in TEXT_ELEMENTS and "body" in proto.DESCRIPTOR.fields_by_name:
            self._pending_texts.append(proto.body)
        if "id" in proto.DESCRIPTOR.fields_by_name and (match := WIDGET_ID.match(proto.id)):
            self._pending[match["key"]] = Widget(proto.id, kind, proto)
        if "label" in proto.DESCRIPTOR.fields_by_name and kind in ("button", "download_button"):
            self._pending_texts.append(proto.label)
