"""The editors' command line: `kennisplein controleer` (and more subcommands, all in Dutch)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import DataError
from .site import build_site


def _controleer(args: argparse.Namespace) -> int:
    try:
        site = build_site(args.data)
    except DataError as error:
        print(str(error), file=sys.stderr)
        return 1
    print(
        f"Alle gegevens zijn in orde: {len(site.kaarten)} kaarten, {len(site.sessies)} sessies, "
        f"{len(site.themas)} thema's, {len(site.aanbevelingen)} aanbevelingen, "
        f"{len(site.aanpakken)} aanpakken, {len(site.bronnen)} bronnen."
    )
    return 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="kennisplein",
        description="Hulpmiddelen voor de redactie van het Kennisplein Goed Werk.",
    )
    sub = main_parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", required=True)
    check = sub.add_parser("controleer", help="controleer alle bestanden in data/ en meld elk probleem")
    check.add_argument("--data", type=Path, default=Path("data"), help="de map met gegevens (standaard: data)")
    check.set_defaults(run=_controleer)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
