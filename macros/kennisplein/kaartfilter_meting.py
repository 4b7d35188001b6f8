"""Timing the card browser's filter in a real browser, for `make bench`.

Usage, with Playwright and a page that has the built /kaarten/ open:

    from kennisplein.kaartfilter_meting import measure_filter
    page.goto(base_url + "kaarten/")
    print(measure_filter(page, 1000))

The page's tiles are copied until there are `cards` of them, a fresh card browser is started on
them (window.KennispleinKaarten.initBrowser, from overrides/assets/javascripts/kaarten.js) and
five filters are applied many times. It reports, in milliseconds (medians over the runs):

- ``filter``: the filter alone (KennispleinKaarten.filter over prepared cards);
- ``apply``: what a visitor waits for: filter, hiding and showing tiles, the counts, the links,
  and the browser's layout (forced with offsetHeight);
- ``start``: preparing every card's search text once, when the page opens.
"""

from __future__ import annotations

FILTERS = (
    {"thema": "teamwerk"},
    {"q": "overdracht"},
    {"thema": "reflectie", "voor": "medewerker", "q": "tijd"},
    {},
    {"e": "energie", "q": "team gesprek"},
)

_SCRIPT = """([cards, filters, rounds]) => {
  const K = window.KennispleinKaarten;
  const root = document.querySelector('[data-kp-browser]');
  const tiles = Array.from(root.querySelectorAll('.kp-tegel[data-id]'));
  for (let n = tiles.length; n < cards; n++) {
    const tile = tiles[n % tiles.length], copy = tile.cloneNode(true);
    copy.dataset.id = tile.dataset.id + '-' + n;
    copy.id = 'kaart-' + copy.dataset.id;
    tile.parentNode.appendChild(copy);
  }
  let t = performance.now();
  const browser = K.initBrowser(root);
  const start = performance.now() - t;
  const only = [], apply = [];
  for (let r = 0; r < rounds; r++) for (const f of filters) {
    const state = Object.assign(K.readState(''), f);
    t = performance.now(); K.filter(browser.items, state); only.push(performance.now() - t);
    t = performance.now(); browser.apply(state); document.body.offsetHeight; apply.push(performance.now() - t);
  }
  const median = xs => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {cards: browser.items.length, start: start, filter: median(only), apply: median(apply),
          apply_max: Math.max.apply(null, apply)};
}"""


def measure_filter(page, cards: int = 1000, rounds: int = 20) -> dict:
    """Milliseconds for the card filter on `cards` tiles (see the module docstring)."""
    return page.evaluate(_SCRIPT, [cards, list(FILTERS), rounds])
