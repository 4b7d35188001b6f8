"""Links that never break: redirects for old card ids, and the list of every published URL.

Trainers put card addresses in slides and on printed cards, so a URL that was published once
must keep working. Two plain pieces:

- `redirects(site)` turns each card's `eerdere_ids` into a small page at the old address that
  sends the reader on to the card (canonical link, meta refresh and a visible link);
- `check(published, current)` compares the committed list of published URLs with the URLs
  this build makes: a URL that would disappear is an error, a new URL is added to the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomic

from .sharing import absolute_url
from .records import Kaart, Site
from .rendering import render_template
from .site_files import SiteFile

LIST_NAME = "gepubliceerde-adressen.txt"
LIST_HEADER = (
    "# Elk webadres dat deze site ooit heeft gepubliceerd, één per regel, gesorteerd.\n"
    "# De bouw voegt nieuwe adressen zelf toe; commit dit bestand mee.\n"
    "# Verdwijnt een adres, dan stopt de bouw. Zie README.md, 'Webadressen'.\n"
)


@dataclass(frozen=True)
class Redirect:
    """An old card address that now leads to the card."""

    oud: str  # site-relative url of the old address, "kaarten/<old-id>/"
    kaart: Kaart


class MissingUrlsError(Exception):
    """Published URLs that this build would no longer serve; the message is for editors."""

    def __init__(self, missing: list[str], list_path: Path):
        self.missing = missing
        lines = "\n".join(f"  {url}" for url in missing)
        count = "Dit webadres bestond" if len(missing) == 1 else f"Deze {len(missing)} webadressen bestonden"
        super().__init__(
            f"De site is niet gebouwd. {count} al, maar de site maakt {'het' if len(missing) == 1 else 'ze'} niet meer:\n{lines}\n\n"
            "Mensen gebruiken deze adressen in presentaties, e-mails en op geprinte kaarten. "
            "Heeft een kaart een nieuw id gekregen, of is ze samengevoegd met een andere kaart? "
            "Zet het oude id dan onder 'eerdere_ids' in die kaart (data/kaarten/<id>.yaml); "
            "de site stuurt bezoekers dan door. "
            f"Moet het adres echt verdwijnen? Haal het dan uit {list_path.name}, zodat het een bewuste keuze is."
        )


class PublishedListError(Exception):
    """The list of published URLs is not a list of URLs (it is read, and quoted, in the build log)."""


# A site path as the list holds it: what the site's own URLs are made of, nothing else.
_URL_LINE = re.compile(r"/[A-Za-z0-9._~%/-]*")


def redirects(site: Site) -> list[Redirect]:
    return [Redirect(f"kaarten/{old}/", kaart) for kaart in site.kaarten for old in kaart.eerdere_ids]


def redirect_files(site: Site, site_url: str) -> list[SiteFile]:
    """The HTML page at each old card address, rendered from doorverwijzing.html."""
    return [
        SiteFile(
            r.oud + "index.html",
            render_template(
                "doorverwijzing.html", r.oud, kaart=r.kaart, oud=r.oud,
                adres=absolute_url(site_url, r.kaart.url),
            ).encode("utf-8"),
        )
        for r in redirects(site)
    ]


def site_path(url: str) -> str:
    """'kaarten/x/' -> '/kaarten/x/', and the home page ('' or './') -> '/'; the form the list uses."""
    url = url.lstrip("/")
    return "/" if url in ("", "./", ".") else "/" + url


def read_list(path: Path) -> set[str]:
    """The URLs in a published-URL list; an absent file is an empty list (a new site). A list
    that is a symbolic link, or holds a line that is no site path, stops the build: its lines
    are quoted in the log, so none may be anything but an address."""
    if path.is_symlink():
        raise PublishedListError(f"{path.name}:1:1: dit is een symbolische koppeling (symlink). De bouw leest geen "
                                 "koppelingen: zet de lijst zelf op deze plek.")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return set()
    except UnicodeDecodeError:
        raise PublishedListError(f"{path.name}:1:1: dit bestand is geen UTF-8-tekst. Zet het terug zoals het op main staat.") from None
    urls, wrong = set(), []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if _URL_LINE.fullmatch(line):
            urls.add(line)
        else:
            wrong.append(number)
    if wrong:
        shown = ", ".join(map(str, wrong[:10])) + (f" en nog {len(wrong) - 10}" if len(wrong) > 10 else "")
        raise PublishedListError(f"{path.name}:{wrong[0]}:1: regel {shown} is geen adres van de site. Elke regel is een "
                                 "adres dat met '/' begint (zoals /kaarten/blijf-gesprek/), of begint met '#'. "
                                 "Zet de regel terug zoals hij op main staat.")
    return urls


def missing_urls(published: set[str], current: set[str]) -> list[str]:
    """Published URLs that the current build does not make, sorted."""
    return sorted(published - current)


def check(path: Path, current: set[str]) -> set[str]:
    """Raise MissingUrlsError if a published URL disappears; else return the list with `current` added."""
    published = read_list(path)
    missing = missing_urls(published, current)
    if missing:
        raise MissingUrlsError(missing, path)
    return published | current


def write_list(path: Path, urls: set[str]) -> bool:
    """Write the list (sorted, with its header) if it changed; True if it was written.

    URLs already in the file are kept even if `urls` lacks them, so two builds at once never
    drop each other's additions; the file is replaced in one step.
    """
    merged = read_list(path) | urls
    text = LIST_HEADER + "".join(f"{url}\n" for url in sorted(merged))
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text.encode("utf-8"))
    return True
