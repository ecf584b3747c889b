"""Measure how soon `handouts serve` shows a saved change: from the save to the new picture in the page.

    .venv/bin/python benchmarks/preview_bench.py [--edits 20]

On a scratch copy of the shipped kit, a preview server is started; then, for a card side and for a
pamphlet page, the English of one string is changed and saved --edits times. Each time is measured as the
page measures it: from the save, through the server's update event and the page's request for its state,
to the new picture fetched. Between edits the server is let finish the other languages, as when an editor
reads the page before the next change. Reports the median and the 95th percentile.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = {
    # view, the file and line changed, and the page whose picture must change
    "card side": ({"document": "know-your-rights", "language": "en", "product": "card"},
                  "content/card.yml", "  title: Know your rights\n", "  title: Know your rights {n}\n", 0),
    "pamphlet page": ({"document": "know-your-rights", "language": "en", "product": "pamphlet"},
                      "content/handout.yml", "title: Seeking asylum at the U.S.-Mexico border\n",
                      "title: Seeking asylum at the U.S.-Mexico border {n}\n", 0),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    return connection.getresponse().read()


def state(port: int, view: dict) -> dict:
    query = "&".join(f"{key}={value}" for key, value in view.items())
    return json.loads(get(port, f"/state?{query}"))


class Events:
    """The server's update events, as the page's EventSource reads them."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.request("GET", "/events")
        self.response = self.connection.getresponse()

    def next(self) -> None:
        while True:
            line = self.response.readline()
            if line.startswith(b"data:"):
                return


def settled(port: int, view: dict) -> dict:
    """The view made, and every other language too."""
    while True:
        now = state(port, view)
        if now["result"] and not now["making"]:
            return now
        time.sleep(0.05)


def measure(port: int, kit: Path, name: str, edits: int) -> list[float]:
    view, file, old, new, page = CASES[name]
    path = kit / file
    original = path.read_text(encoding="utf-8")
    before = settled(port, view)["result"]["pages"][page]["version"]
    events = Events(port)
    times = []
    for number in range(edits):
        changed = original.replace(old, new.format(n=number + 1), 1)
        assert changed != original
        started = time.perf_counter()
        path.write_text(changed, encoding="utf-8")
        while True:
            events.next()
            result = state(port, view)["result"]
            if result and result["current"] and result["pages"][page]["version"] != before:
                get(port, f"/pictures/{result['pages'][page]['picture']}?v={result['pages'][page]['version']}")
                times.append(time.perf_counter() - started)
                before = result["pages"][page]["version"]
                break
        settled(port, view)
    path.write_text(original, encoding="utf-8")
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handouts-preview-bench-") as folder:
        kit = Path(folder) / "kit"
        kit.mkdir()
        shutil.copyfile(ROOT / "handouts.yml", kit / "handouts.yml")
        shutil.copytree(ROOT / "content", kit / "content")
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "handouts", "serve", "--kit", str(kit), "--port",
                                   str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            server.stdout.readline()
            print(f"save to new picture in the page, {arguments.edits} edits each (seconds):")
            for name in CASES:
                times = measure(port, kit, name, arguments.edits)
                print(f"  {name:14} median {statistics.median(times):.2f}  95th percentile "
                      f"{percentile(times, 0.95):.2f}  (fastest {min(times):.2f}, slowest {max(times):.2f})")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
