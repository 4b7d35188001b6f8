"""The tools for the room, measured in Chromium on a built site, for `make bench`:

- the offline copy: how much the service worker (overrides/sw.js) keeps, measured in the
  browser's own cache after a first visit (the bodies as stored, so uncompressed), and what
  filling it transfers (each file gzip-compressed, as a web server would send it);
- presentation mode's answer to a key: from the key event to the next frame the browser draws
  (a `requestAnimationFrame` callback right after the card changed), and the handler alone.
  A frame at 60 Hz lasts 16.7 ms: the change must be in the very next frame.

    from benchmarks.room import measure_room
    measure_room(Path("site"))  # -> RoomFigures(...)
"""

from __future__ import annotations

import gzip
import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from kennisplein import offline
from kennisplein.serving import serve_directory

CHROMIUM = "/usr/bin/chromium"
FRAME_MS = 1000 / 60
PRESSES = 60

_CACHE_SIZE = """async () => {
  if (!(await caches.has('kennisplein-stand'))) return null;
  const state = await caches.open('kennisplein-stand');
  const [key] = await state.keys();
  if (!key) return null;
  const cache = await caches.open('kennisplein-' + await (await state.match(key)).text());
  let bytes = 0, files = 0;
  for (const request of await cache.keys()) { bytes += (await (await cache.match(request)).blob()).size; files += 1; }
  return {bytes: bytes, files: files};
}"""

# Measures every key press from now on: the time from the key event to the end of the page's
# own handler (which runs first: it was registered first, on the same target and phase), and
# to the next animation frame, and whether the card had changed by then.
_LISTEN = """() => {
  window.kpMeting = [];
  const current = () => { const f = document.querySelector('#kp-podium-kaart .kp-kaartzijde'); return f ? f.dataset.kaart : ''; };
  let before = current();
  window.addEventListener('keydown', (event) => {
    const handled = performance.now();
    const start = event.timeStamp;
    requestAnimationFrame(() => {
      const now = current();
      window.kpMeting.push({handler: handled - start, frame: performance.now() - start, changed: now !== before});
      before = now;
    });
  }, true);
}"""


@dataclass
class RoomFigures:
    offline_bytes: int = 0  # what the service worker's cache holds, as stored
    offline_files: int = 0
    offline_gzip: int = 0  # what filling it transfers, gzip-compressed
    manifest_bytes: int = 0  # the same total, as offline.json states it (a check on the other)
    key_frame_median_ms: float = 0.0  # key event -> next frame
    key_frame_p90_ms: float = 0.0
    key_frame_max_ms: float = 0.0
    key_handler_median_ms: float = 0.0  # key event -> the card changed in the page
    key_handler_max_ms: float = 0.0
    key_changed_all: bool = False  # every press showed another card by the next frame
    cards: int = 0


def measure_room(site_dir: Path, presses: int = PRESSES) -> RoomFigures | None:
    if not Path(CHROMIUM).exists() or not (site_dir / offline.MANIFEST).is_file():
        return None
    from playwright.sync_api import sync_playwright

    figures = RoomFigures()
    listed = json.loads((site_dir / offline.MANIFEST).read_text(encoding="utf-8"))
    figures.manifest_bytes = listed["bytes"]
    figures.offline_gzip = sum(
        len(gzip.compress((site_dir / (p + "index.html" if p == "" or p.endswith("/") else p)).read_bytes(), 6))
        for p in listed["bestanden"]
    )
    with serve_directory(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        page.goto(base + "kaarten/", wait_until="load")
        page.wait_for_selector("html[data-kp-geladen]", state="attached")  # scripts come after load
        size = None
        for _ in range(600):
            size = page.evaluate(_CACHE_SIZE)
            if size:
                break
            page.wait_for_timeout(100)
        if size:
            figures.offline_bytes, figures.offline_files = size["bytes"], size["files"]

        page.goto(base + "kaarten/presenteren/", wait_until="load")
        page.wait_for_selector("html[data-kp-geladen]", state="attached")  # scripts come after load
        figures.cards = page.evaluate("KennispleinPresentatie.ids().length")
        page.evaluate(_LISTEN)
        for _ in range(min(presses, figures.cards - 1)):
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(50)  # one press at a time, as a presenter does
        page.wait_for_timeout(100)
        timings = page.evaluate("window.kpMeting")
        browser.close()
    if timings:
        frames = [t["frame"] for t in timings]
        handlers = [t["handler"] for t in timings]
        figures.key_frame_median_ms, figures.key_frame_max_ms = statistics.median(frames), max(frames)
        figures.key_frame_p90_ms = statistics.quantiles(frames, n=10)[-1] if len(frames) > 1 else frames[0]
        figures.key_handler_median_ms, figures.key_handler_max_ms = statistics.median(handlers), max(handlers)
        figures.key_changed_all = all(t["changed"] for t in timings)
    return figures


if __name__ == "__main__":
    import sys

    print(measure_room(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
