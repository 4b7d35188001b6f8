"""`{% cached key %}…{% endcached %}`: a piece of a template drawn once per key per build.

After Jinja's fragment cache example. Each tag keeps its own pieces (its place in the template
is part of the key), so one key can serve several tags. Two uses:

- Material draws its whole menu, header, settings, footer and scripts on every page. On the
  thousand pages of records (every card in kaarten/) these are the same for every page in one
  folder: links are relative to the folder, and none of those parts links to such a page
  (mkdocs_plugin.SHARED_PARTS_KINDS). The plugin gives those pages their folder as key
  (`kennisplein_menu_sleutel`), and the overrides draw Material's own parts inside this tag.
  Without a key (`none`) the fragment is drawn every time.
- A card's tile (`_macros.html`) is drawn once per card, kind of tile and link, however many
  pages show it (four related cards on every card page, the lists).

A build without it is drawn the same, byte for byte (tests/test_site.py checks it). Measured
at 1,000 cards (3 December 2026): menu alone 11 % of a build; see README, "Snelheid".
"""

from __future__ import annotations

import weakref
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension


class FragmentCache(Extension):
    tags = {"cached"}

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        # MkDocs makes the theme's environment anew every build; ours (rendering.py) lives
        # as long as the process and keeps the pieces of one Site (`drawing_for`).
        self.drawn: dict[object, str] = {}
        self.owner: weakref.ref | None = None

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        place = nodes.Const(f"{parser.name}:{lineno}")
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endcached",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_draw", [place, key]), [], [], body).set_lineno(lineno)

    def _draw(self, place, key, caller) -> str:
        if key is None:
            return caller()
        if (place, key) not in self.drawn:
            self.drawn[place, key] = caller()
        return self.drawn[place, key]

    def drawing_for(self, owner: object) -> None:
        """What is drawn from here on is drawn from `owner` (our pages: one Site): pieces drawn
        from another are forgotten. Held weakly, so an old Site is not kept alive."""
        if owner is None or self.owner is None or self.owner() is not owner:
            self.drawn.clear()
            self.owner = weakref.ref(owner) if owner is not None else None


def install(env: jinja2.Environment, theme_dirs: list[str]) -> None:
    """Add the tag, and make each theme folder's templates reachable as `<folder name>/…`
    (`material/partials/nav.html`), so an override can draw the template it overrides."""
    env.add_extension(FragmentCache)
    prefixed = {Path(d).parent.name if Path(d).name == "templates" else Path(d).name: jinja2.FileSystemLoader(d)
                for d in theme_dirs}
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader(prefixed)])
