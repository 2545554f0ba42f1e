"""Headless Chromium as a person's browser with no internet: the page it renders and every request the page made."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
# Every host name but the loopback address fails to resolve, as on a machine without the internet: a page that
# needs anything from elsewhere renders without it, and no name is ever sent to a DNS server.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
# Virtual time runs only while nothing is loading: the page gets its documents and then this long to draw them.
RENDER_BUDGET_MS = 15_000


@dataclass(frozen=True)
class Visit:
    dom: str
    # What the page asked for, by URL: the page itself, then what it loaded (the browser's own calls home excluded).
    requests: list[str]


def visit(url: str, *, scratch: Path) -> Visit:
    """The DOM of ``url`` once rendered, offline, and the requests the page made to render it."""
    netlog = scratch / "netlog.json"
    dump = _chromium(scratch, f"--log-net-log={netlog}", "--dump-dom", url)
    return Visit(dom=dump.stdout, requests=_page_requests(netlog, url))


def _chromium(scratch: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "no chromium binary"
    command = [
        CHROMIUM,
        "--headless",
        # Tests run as root here, where Chromium's sandbox refuses to start.
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        f"--user-data-dir={scratch / 'profile'}",
        OFFLINE,
        f"--virtual-time-budget={RENDER_BUDGET_MS}",
        *arguments,
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def _page_requests(netlog: Path, url: str) -> list[str]:
    """Requests for the page itself and those it initiated; the browser's own (updates, sign-in) start from nowhere."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    started = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    jobs = [event["params"] for event in log["events"] if event["type"] == started and "url" in event.get("params", {})]
    return [job["url"] for job in jobs if job["url"] == url or job.get("initiator") == origin]
