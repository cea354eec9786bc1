"""A headless Chromium driven through the DevTools protocol, for the tests that must see a page
as a browser sees it (``tests/test_explain_browser.py``).

It opens a file, waits for it to settle, and reports what happened: every request the page
made (``Network.requestWillBeSent``; those the browser refused, such as a Content-Security-Policy
block, apart), every dialog a script opened (``alert``), every
navigation away from the file, and what a DOM query finds. Needs ``/usr/bin/chromium`` (Debian's
``chromium`` package) and ``websocket-client``; :func:`find_chromium` says whether it can run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--remote-debugging-port=0",
)
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


def find_chromium() -> str | None:
    """The Chromium executable, or None (then the browser tests skip)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Visit:
    """What a page did once opened."""

    requests: list[str] = field(default_factory=list)  # requests that were sent
    blocked: list[str] = field(default_factory=list)  # requests the browser refused to send
    dialogs: list[str] = field(default_factory=list)
    navigations: list[str] = field(default_factory=list)
    found: int = 0  # elements matching the query given to :meth:`Browser.visit`


class Browser:
    """One headless Chromium with an empty profile; use it as a context manager."""

    def __init__(self, executable: str) -> None:
        import websocket  # websocket-client (the test extra)

        self._profile = tempfile.mkdtemp(prefix="cleanarticle-chromium-")
        # Its messages go to a file: a pipe nobody reads would fill and stop the browser.
        self._log = Path(self._profile, "stderr.log")
        with self._log.open("w") as log:
            self._process = subprocess.Popen(
                [executable, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                env=_environment(),
            )
        address = self._address()
        self._ws = websocket.create_connection(address, timeout=30, suppress_origin=True)
        self._next = 0

    def _address(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            m = _LISTENING.search(self._log.read_text(errors="replace"))
            if m:
                return m.group(1)
            if self._process.poll() is not None:
                break
            time.sleep(0.1)
        self.close()
        raise RuntimeError("Chromium did not start its DevTools endpoint")

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the browser (its process only) and remove its profile."""
        ws = getattr(self, "_ws", None)
        if ws is not None:
            ws.close()
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    # -- the protocol ----------------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> int:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._ws.send(json.dumps(message))
        return self._next

    def _call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str = "",
        events: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        wanted = self._send(method, params, session)
        while True:
            message = json.loads(self._ws.recv())
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})  # type: ignore[no-any-return]
            if events is not None and "method" in message:
                events.append(message)

    def visit(self, path: Path, query: str = "", settle: float = 1.5) -> Visit:
        """Open a file in a new tab, let it run for ``settle`` seconds after it loaded, and
        report its requests, dialogs, navigations, and how many elements ``query`` finds."""
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        events: list[dict[str, Any]] = []
        for domain in ("Page", "Network", "Runtime"):
            self._call(f"{domain}.enable", session=session, events=events)
        url = path.resolve().as_uri()
        self._call("Page.navigate", {"url": url}, session=session, events=events)
        visit = Visit()
        loaded_at: float | None = None
        deadline = time.monotonic() + 30
        self._ws.settimeout(0.2)
        try:
            while time.monotonic() < deadline:
                if loaded_at is not None and time.monotonic() - loaded_at > settle:
                    break
                try:
                    message = json.loads(self._ws.recv())
                except Exception:
                    continue
                events.append(message)
                if message.get("method") == "Page.loadEventFired" and loaded_at is None:
                    loaded_at = time.monotonic()
                if message.get("method") == "Page.javascriptDialogOpening":
                    self._send("Page.handleJavaScriptDialog", {"accept": False}, session)
        finally:
            self._ws.settimeout(30)
        blocked = {
            m["params"].get("requestId")
            for m in events
            if m.get("method") == "Network.loadingFailed" and m["params"].get("blockedReason")
        }
        for message in events:
            method, params = message.get("method"), message.get("params", {})
            if method == "Network.requestWillBeSent":
                request_url = params.get("request", {}).get("url", "")
                if request_url == url or request_url.startswith("data:"):
                    continue
                if params.get("requestId") in blocked:  # stopped by the browser (the policy)
                    visit.blocked.append(request_url)
                else:
                    visit.requests.append(request_url)
            elif method == "Page.javascriptDialogOpening":
                visit.dialogs.append(params.get("message", ""))
            elif method in ("Page.frameRequestedNavigation", "Page.frameScheduledNavigation"):
                visit.navigations.append(params.get("url", ""))
            elif method == "Page.frameNavigated":
                frame_url = params.get("frame", {}).get("url", "")
                if frame_url not in (url, "about:blank"):
                    visit.navigations.append(frame_url)
        if query:
            result = self._call(
                "Runtime.evaluate",
                {"expression": f"document.querySelectorAll({json.dumps(query)}).length"},
                session=session,
            )
            visit.found = int(result.get("result", {}).get("value", 0))
        self._call("Target.closeTarget", {"targetId": target})
        return visit


def _environment() -> dict[str, str]:
    """The environment Chromium runs in (no proxy: the pages may only reach this machine)."""
    env = dict(os.environ)
    for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env.pop(key, None)
    return env
