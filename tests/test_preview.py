"""`handouts serve`: the page shows each page as it will print, follows every save, shows an error with its file
and line while keeping the last good pictures, recovers when the file is fixed, and serves nothing else."""

import contextlib
import http.client
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from starlette.testclient import TestClient

from browser import chromium
from conftest import PROJECT, copy_project
from handouts.cli import parser
from handouts.preview.server import LOOPBACK, PreviewServer, allowed_hosts, listening_socket, make_app

TITLE = "  title: Know your rights\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(kit: Path):
    """`handouts serve` on the kit, as an editor starts it, once it says it is ready: (process, port)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "handouts", "serve", "--kit", str(kit), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("Preview of "), line
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def preview(tmp_path):
    """A kit copy previewed in this process, as `handouts serve` would serve it on this machine: (kit, client),
    the client sending each request as a browser on this machine would."""
    kit = copy_project(tmp_path / "kit")
    server = PreviewServer(kit)
    with TestClient(make_app(server, allowed_hosts(LOOPBACK)), base_url="http://127.0.0.1:8000") as client:
        yield kit, client


def get(client, path: str, host: str | None = None) -> tuple[int, bytes]:
    """A GET as the preview's own page makes it (or, with `host`, as a page on another site would)."""
    if isinstance(client, int):  # a port: a server running in a process of its own
        connection = http.client.HTTPConnection("127.0.0.1", client, timeout=30)
        connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{client}"})
        response = connection.getresponse()
        return response.status, response.read()
    response = client.get(path, headers={"host": host} if host else {})
    return response.status_code, response.content


# Generous: the preview builds in one thread, and a side-by-side run keeps the other core busy with whole builds.
def wait_for(condition, seconds: float = 120, every: float = 0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not seen within {seconds} s: {condition.__doc__ or condition}")


# What a reader sees in the page, read in one step: the page redraws itself at each save.
READ_PAGE = """
const img = document.querySelector('#pages img');
const caption = document.querySelector('#pages .page-text');
return {version: img && img.complete && img.naturalWidth > 0 ? img.dataset.version : null,
        caption: caption ? caption.textContent : '',
        status: document.getElementById('status').textContent,
        problems: document.getElementById('problems').innerText,
        stale: document.getElementById('main').classList.contains('stale'),
        checks: document.getElementById('checks').textContent};
"""


@pytest.fixture
def served(tmp_path):
    """A kit copy served by `handouts serve` in a process of its own, for a browser: (kit, port)."""
    kit = copy_project(tmp_path / "kit")
    with serving(kit) as (_, port):
        yield kit, port


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_the_page_follows_each_save_shows_errors_and_recovers(served):
    kit, port = served
    card = kit / "content" / "card.yml"
    original = card.read_text(encoding="utf-8")
    with chromium(width=1280, height=900, mobile=False) as driver:
        driver.get(f"http://localhost:{port}/?document=know-your-rights&language=en&product=card")

        def page():
            return driver.execute_script(READ_PAGE)

        first = wait_for(lambda: (lambda seen: seen if seen["version"] else None)(page()))
        assert "Know your rights" in first["caption"] and first["status"].startswith("Current")
        # The card's QR code, read back from the picture the page shows.
        assert "QR codes read: https://example.org/help." in first["checks"]

        card.write_text(original.replace(TITLE, "  title: Know your rights now\n"), encoding="utf-8")
        # A new picture of the front, and the page reports its new text.
        changed = wait_for(lambda: (lambda seen: seen if seen["version"] not in (None, first["version"])
                                    and "Know your rights now" in seen["caption"] else None)(page()))
        assert changed["status"].startswith("Current")

        card.write_text(original.replace(TITLE, "  title: [Know your rights\n"), encoding="utf-8")
        # The YAML error in the page, with its file and line; the last good pictures stay, marked out of date.
        broken = wait_for(lambda: (lambda seen: seen if "content/card.yml:10" in seen["problems"]
                                   and "YAML syntax error" in seen["problems"] else None)(page()))
        assert broken["status"].startswith("Out of date") and broken["stale"]
        assert broken["version"] == changed["version"]

        card.write_text(original, encoding="utf-8")
        # Fixed: current again, with no problem left, and no restart.
        fixed = wait_for(lambda: (lambda seen: seen if seen["status"].startswith("Current")
                                  and "Know your rights now" not in seen["caption"] else None)(page()))
        assert fixed["problems"] == "None." and not fixed["stale"]


def test_only_the_previews_own_pictures_are_served(preview):
    kit, port = preview
    wait_for(lambda: get(port, "/state?document=know-your-rights&language=en&product=card")[1].find(b'"pages"') > 0)
    assert get(port, "/pictures/en/know-your-rights-card-1.png")[0] == 200
    for path in ("/pictures/en/..%2F..%2Fhandouts.yml", "/pictures/../handouts.yml", "/pictures/en/%2Fetc%2Fpasswd",
                 "/handouts.yml", "/content/card.yml", "/pictures/xx/know-your-rights-card-1.png",
                 "/pictures/en/know-your-rights-card-1.pdf", "/.handouts-preview/en/know-your-rights-card.pdf"):
        status, body = get(port, path)
        assert status == 404, (path, status)
        assert b"Know your rights" not in body and b"organization" not in body


def test_a_request_for_another_host_name_is_refused(preview):
    kit, port = preview
    assert get(port, "/", host="localhost:8000")[0] == 200
    # A page on another site that points its own name at this machine (DNS rebinding) gets nothing.
    status, body = get(port, "/state", host="attacker.example")
    assert status == 400 and b"Know your rights" not in body


def test_the_server_listens_on_this_machine_only():
    port = free_port()
    # What `handouts serve` listens on unless --host says otherwise.
    listener = listening_socket(parser().parse_args(["serve"]).host, port)
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if Path(table).exists():
            for row in Path(table).read_text().splitlines()[1:]:
                local, state = row.split()[1], row.split()[3]
                address, local_port = local.rsplit(":", 1)
                if int(local_port, 16) == port and state == "0A":  # LISTEN
                    listening.append(address)
    listener.close()
    assert listening == ["0100007F"], listening  # 127.0.0.1, and nothing else


def test_a_broken_kit_file_is_shown_and_the_server_carries_on(preview):
    kit, port = preview
    view = "/state?document=know-your-rights&language=es&product=card"
    wait_for(lambda: json.loads(get(port, view)[1])["result"])
    kit_file = kit / "handouts.yml"
    original = kit_file.read_text(encoding="utf-8")
    kit_file.write_text(original.replace("max_age_days: 180", "max_age_days: soon"), encoding="utf-8")

    def shown():
        """the kit file's error, with its line and key"""
        state = json.loads(get(port, view)[1])
        return any(problem.startswith("handouts.yml:78:15: max_age_days [en]: expected a whole number")
                   for problem in state["kit_problems"]) and not state["result"]["current"]
    wait_for(shown)
    kit_file.write_text(original, encoding="utf-8")
    wait_for(lambda: (lambda state: not state["kit_problems"] and state["result"]["current"])(
        json.loads(get(port, view)[1])))


def test_a_font_added_to_the_kit_starts_the_server_afresh_and_the_page_carries_on(tmp_path):
    import select
    kit = copy_project(tmp_path / "kit")
    with serving(kit) as (process, port):
        view = "/state?document=know-your-rights&language=ka&product=card"
        wait_for(lambda: json.loads(get(port, view)[1])["choices"]["languages"])
        # Fontconfig reads the fonts once per process: a font the kit adds needs a fresh one.
        (kit / "fonts").mkdir()
        shutil.copyfile(PROJECT / "fonts" / "NotoSansGeorgian-Regular.ttf", kit / "fonts" / "Own-Regular.ttf")
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready and process.stdout.readline().startswith("Preview of "), "the server did not start again"
        assert process.poll() is None
        state = json.loads(get(port, "/state?document=know-your-rights&language=en&product=card")[1])
        assert state["view"]["language"] == "en"
    # Stopped, the server leaves no process behind: none it forked before starting afresh either.
    wait_for(lambda: not processes_serving(kit), seconds=10)


def processes_serving(kit: Path) -> list[int]:
    """The processes whose command line names the kit: a server, or a worker it forked."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and str(kit).encode() in command and b"serve" in command:
            found.append(int(entry.name))
    return found
