"""What is new: the newest session reports and cards with their dates (/nieuw/), and the same
as an Atom feed (/nieuw/atom.xml) that professionals follow in a feed reader.

Every date comes from the data, never from the day of the build:
- a session report: the date of the session, or, where the source gives none, the date of
  the document the report stands in;
- a card: the sources give cards no date, so a card's date is the day its file first came
  into the data, from the repository's history (`first_seen`); a card that is not committed
  yet, or a copy without history (a shallow clone), has the date of the edition.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .sharing import absolute_url
from .records import Datum, Kaart, Sessie, Site

PAGE_URL = "nieuw/"
FEED_PATH = "nieuw/atom.xml"
SHOWN = 10  # items of each kind on the page; the feed holds them all


@dataclass(frozen=True)
class Nieuwtje:
    """One session report or card, with the date it counts as new from."""

    soort: str  # "sessie" or "kaart"
    titel: str
    url: str
    datum: Datum
    samenvatting: str

    @property
    def moment(self) -> dt.datetime:
        """The date as the feed needs it: a month or year alone counts from its first day."""
        return dt.datetime(self.datum.jaar, self.datum.maand or 1, self.datum.dag or 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class NieuwPagina:
    sessies: tuple[Nieuwtje, ...]  # newest first, all of them
    kaarten: tuple[Nieuwtje, ...]  # newest first, all of them
    kaartdatums_uit_geschiedenis: bool  # False: every card has the edition's date
    getoond: int = SHOWN

    @property
    def alles(self) -> tuple[Nieuwtje, ...]:
        return tuple(sorted(self.sessies + self.kaarten, key=lambda n: (n.moment, n.soort, n.url), reverse=True))


def first_seen(data_dir: Path) -> dict[str, Datum] | None:
    """Card id -> the day its file first came into data/kaarten/, from git's history; None
    where that history is not there in full (no git, a shallow clone)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=data_dir, capture_output=True, text=True,
                              timeout=30, check=True).stdout
    try:
        if git("rev-parse", "--is-shallow-repository").strip() != "false":
            return None
        # Newest first; a renamed file counts as added under its new name (--no-renames).
        log = git("log", "--diff-filter=A", "--no-renames", "--relative", "--format=%x00%cs", "--name-only", "--", "kaarten")
    except (OSError, subprocess.SubprocessError):
        return None
    dates: dict[str, Datum] = {}
    for commit in log.split("\0")[1:]:
        day, *names = commit.split()
        for name in names:
            path = Path(name)
            if path.parent.name == "kaarten" and path.suffix == ".yaml":
                dates[path.stem] = Datum.parse(day)  # older commits come later and win
    return dates


def _session_date(sessie: Sessie, site: Site) -> Datum | None:
    return sessie.datum or Datum.from_text(site.document(sessie.herkomst.document).datum)


def _card_date(kaart: Kaart, seen: dict[str, Datum] | None, edition: Datum) -> Datum:
    """The first day the card, under this id or an earlier one, was in the data."""
    known = [seen[i] for i in (kaart.id, *kaart.eerdere_ids) if seen and i in seen]
    return min(known) if known else edition


def nieuw_context(site: Site, seen: dict[str, Datum] | None) -> NieuwPagina:
    edition = Datum.parse(site.editie.datum)
    sessies = []
    for sessie in site.sessies:
        datum = _session_date(sessie, site)
        if datum is None:
            datum = edition  # neither the session nor its document has a date: when it came in
        sessies.append(Nieuwtje("sessie", sessie.titel, sessie.url, datum, f"Verslag van {sessie.titel}."))
    kaarten = [Nieuwtje("kaart", k.titel, k.url, _card_date(k, seen, edition), k.tekst) for k in site.kaarten]
    newest_first = lambda n: (n.moment, n.url)  # noqa: E731
    return NieuwPagina(
        sessies=tuple(sorted(sessies, key=newest_first, reverse=True)),
        kaarten=tuple(sorted(kaarten, key=newest_first, reverse=True)),
        kaartdatums_uit_geschiedenis=seen is not None,
    )


def atom_feed(nieuw: NieuwPagina, site_url: str, site_naam: str) -> bytes:
    """Every session report and card as an Atom feed (RFC 4287), newest first. Same data,
    same bytes: no build time in it."""
    from feedgen.feed import FeedGenerator

    page = absolute_url(site_url, PAGE_URL) or "/" + PAGE_URL
    feed = FeedGenerator()
    feed.id(page)
    feed.title(f"Nieuw op het {site_naam}")
    feed.subtitle(f"De nieuwste sessieverslagen en kaarten op het {site_naam}.")
    feed.author({"name": site_naam})
    feed.link(href=absolute_url(site_url, FEED_PATH) or "/" + FEED_PATH, rel="self", type="application/atom+xml")
    feed.link(href=page, rel="alternate", type="text/html")
    feed.language("nl")
    feed.generator(site_naam)
    items = nieuw.alles
    feed.updated(items[0].moment if items else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    for item in reversed(items):  # feedgen puts each new entry first
        address = absolute_url(site_url, item.url) or "/" + item.url
        entry = feed.add_entry()
        entry.id(address)
        entry.title(item.titel)
        entry.link(href=address, rel="alternate", type="text/html")
        entry.updated(item.moment)
        entry.published(item.moment)
        entry.summary(item.samenvatting)
        entry.category(term=item.soort, label="Sessieverslag" if item.soort == "sessie" else "Kaart")
    return feed.atom_str(pretty=True)
