"""The editors' command line: `kennisplein controleer | nieuw-verslag | nieuwe-kaart | uit-formulier |
formulier-pr | gids`.

Everything it prints is Dutch. New files are made by scaffold.py; when an essential is
missing and someone is typing (stdin is a terminal), the command asks for it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from . import form_pull_request, from_form, github, guide, issue_forms, scaffold
from .placeholders import PLACEHOLDER
from .paths import GUIDE
from .problems import DataError
from .schemas import CARD_TITLE_LENGTH
from .site import build_site
from .vocabularies import E_IDS, ROLLEN, SESSIESOORTEN


# --- controleer ------------------------------------------------------------------------------

def _controleer(args: argparse.Namespace) -> int:
    problems, site = [], None
    try:
        site = build_site(args.data)
    except DataError as error:
        problems = error.problems
        print(str(error), file=sys.stderr)
    if args.formaat == "github":
        for problem in problems:
            print(github.annotation(problem))
        summary_file = args.samenvatting or os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(github.summary(problems, site))
    if problems:
        return 1
    print("Alle gegevens zijn in orde: " + github.counts(site))
    return 0


# --- asking ----------------------------------------------------------------------------------

class _Stop(Exception):
    pass


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(question: str, check: Callable[[str], str | None] | None = None, *, required: bool = False) -> str | None:
    """Ask until the answer passes `check`; an empty answer (when allowed) leaves VUL IN."""
    while True:
        try:
            answer = input(question + ": ").strip()
        except EOFError:
            raise _Stop from None
        if not answer:
            if required:
                print("  Dit is nodig. Probeer het nog eens.")
                continue
            return None
        why = check(answer) if check else None
        if why is None:
            return answer
        print(f"  {why[0].upper()}{why[1:]}")


def _one_of(options) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        return None if answer in options else f"'{answer}' kan niet.{scaffold.checks.suggestion(answer, options)} Kies uit: {', '.join(options)}."
    return check


def _all_of(options) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        wrong = [word for word in _words(answer) if word not in options]
        return None if not wrong else f"'{wrong[0]}' kan niet. Kies uit: {', '.join(options)}."
    return check


def _choices(question: str, options) -> str:
    return f"{question} (kies uit: {', '.join(options)})"


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.replace(";", ",").split(",") if w.strip())


_INTRO = (f"Beantwoord de vragen. Weet je iets nog niet, of noemt de bron het niet? Druk dan op Enter:\n"
          f"dan staat er {PLACEHOLDER} in het bestand, en vul je het later in (of haal je de regel weg).")


# --- nieuw-verslag ---------------------------------------------------------------------------

def _nieuw_verslag(args: argparse.Namespace) -> int:
    data = args.data
    values = {k: getattr(args, k) for k in ("datum", "regio", "organisatie", "plaats", "titel", "soort", "aanpak", "document")}

    def make() -> tuple[Path, str]:
        if _interactive():
            print("Een nieuw sessieverslag. " + _INTRO)
            if values["datum"] is None:
                values["datum"] = _ask("Datum van de sessie (JJJJ-MM-DD)", scaffold.date_problem, required=True)
            questions = [
                ("regio", "Regio, zoals de bron die noemt (bijvoorbeeld Oost)", None),
                ("organisatie", "Gastorganisatie (bijvoorbeeld Sius)", None),
                ("plaats", "Plaats (bijvoorbeeld Groenlo)", None),
                ("titel", "Titel zoals in het verslag (bijvoorbeeld Sessie regio Oost)", None),
                ("soort", _choices("Soort sessie", SESSIESOORTEN), _one_of(tuple(SESSIESOORTEN))),
                ("aanpak", _choices("Programma (aanpak)", scaffold.existing_ids(data, "aanpakken")),
                 _one_of(scaffold.existing_ids(data, "aanpakken"))),
                ("document", _choices("Brondocument", scaffold.existing_ids(data, "documenten")),
                 _one_of(scaffold.existing_ids(data, "documenten"))),
            ]
            for key, question, check in questions:
                if values[key] is None:
                    values[key] = _ask(question, check)
        return scaffold.new_session(data, scaffold.NieuwVerslag(id=args.id, rondes=args.rondes, **values))

    return _create(make, lambda name: (
        "Nieuwe gewoontes die nog geen kaart zijn? Maak per gewoonte een kaart met: kennisplein nieuwe-kaart"))


# --- nieuwe-kaart ----------------------------------------------------------------------------

def _nieuwe_kaart(args: argparse.Namespace) -> int:
    data = args.data
    titel, tekst, thema = args.titel, args.tekst, args.thema
    voor, e = tuple(args.voor or ()), tuple(args.e or ())

    def make() -> tuple[Path, str]:
        nonlocal titel, tekst, thema, voor
        if _interactive():
            print("Een nieuwe kaart. " + _INTRO)
            if titel is None and args.id is None:
                titel = _ask(f"Korte titel voor op de kaart (hoogstens {CARD_TITLE_LENGTH} tekens)",
                             lambda t: None if len(t) <= CARD_TITLE_LENGTH else f"de titel is {len(t)} tekens; maak hem korter.",
                             required=True)
            if tekst is None:
                tekst = _ask("Tekst van de gewoonte, letterlijk uit de bron")
            if thema is None:
                themas = scaffold.existing_ids(data, "themas")
                thema = _ask(_choices("Thema", themas), _one_of(themas))
            if not voor:
                voor = _words(_ask(_choices("Voor wie (een of meer, met komma's ertussen)", ROLLEN), _all_of(tuple(ROLLEN))) or "")
        return scaffold.new_card(data, scaffold.NieuweKaart(titel=titel, tekst=tekst, thema=thema, voor=voor, e=e, id=args.id))

    def register(path: Path) -> None:
        nummer = scaffold.register_card(data, path)
        print(f"De kaart heeft kaartnummer {nummer}; het staat nu ook in {data / 'kaartnummers.yaml'}.")

    return _create(make, lambda name: (
        f"Zet in het sessieverslag bij 'gewoontes' dezelfde tekst met de regel 'kaart: {Path(name).stem}'."), register)


def _create(make: Callable[[], tuple[Path, str]], next_step: Callable[[str], str],
            written: Callable[[Path], None] | None = None) -> int:
    """Ask what `make` asks and write the new file it makes (then `written`, with its path), then
    say what to fill in and what to do next. A mistake, or a stop (Ctrl+C, Ctrl+D), writes nothing."""
    try:
        path, text = make()
        name = scaffold.write_new(path, text)
    except scaffold.ScaffoldError as error:
        print(str(error), file=sys.stderr)
        return 1
    except (_Stop, KeyboardInterrupt):
        print("\nGestopt. Er is geen bestand gemaakt.", file=sys.stderr)
        return 130
    todo = sum(PLACEHOLDER in line for line in text.splitlines() if not line.lstrip().startswith("#"))
    print(f"Nieuw bestand: {name}")
    if written:
        written(path)
    if todo:
        print(f"Vul nu elke {PLACEHOLDER} in ({todo} plekken); de regels met # erboven zeggen wat er hoort.")
    print("Controleer daarna je werk met: kennisplein controleer")
    print(next_step(name))
    return 0


# --- gids ------------------------------------------------------------------------------------

def _gids(args: argparse.Namespace) -> int:
    """CONTRIBUTING.md's generated parts and the issue forms, both made from the schemas."""
    try:
        if args.controleer:
            current = GUIDE.read_text(encoding="utf-8")
            stale = ([guide.GUIDE] if guide.refresh(current) != current else []) + issue_forms.outdated()
            for name in stale:
                print(f"{name} is niet bij: draai 'kennisplein gids' en neem de wijziging op.", file=sys.stderr)
            if stale:
                return 1
            print(f"{guide.GUIDE} en de formulieren in {issue_forms.FOLDER}/ zijn bij.")
            return 0
        changed = guide.update()
        forms = issue_forms.update()
    except (guide.GuideError, issue_forms.FormError) as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"{guide.GUIDE} bijgewerkt." if changed else f"{guide.GUIDE} was al bij.")
    print(f"Bijgewerkt: {', '.join(forms)}." if forms else f"De formulieren in {issue_forms.FOLDER}/ waren al bij.")
    return 0


# --- uit-formulier and formulier-pr ------------------------------------------------------------

def _issue_body(args: argparse.Namespace) -> tuple[str, int | None]:
    if args.event:
        issue = json.loads(Path(args.event).read_text(encoding="utf-8")).get("issue") or {}
        return issue.get("body") or "", issue.get("number")
    if args.bestand == "-":
        return sys.stdin.read(), args.issue
    return Path(args.bestand).read_text(encoding="utf-8"), args.issue


def _uit_formulier(args: argparse.Namespace) -> int:
    body, issue = _issue_body(args)
    try:
        outcome = from_form.from_body(body, args.data, args.data.parent / "docs", issue=issue)
    except DataError as error:
        print("De gegevens in data/ kloppen zelf niet; het formulier is niet omgezet.\n" + str(error), file=sys.stderr)
        return 1
    if not outcome.ok:
        count = "1 probleem" if len(outcome.problems) == 1 else f"{len(outcome.problems)} problemen"
        print(f"Het formulier is niet omgezet: {count}.", file=sys.stderr)
        for problem in outcome.problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    conversion = outcome.conversion
    if args.niet_schrijven:
        sys.stdout.write(conversion.tekst)
        return 0
    from_form.write(conversion, args.data)
    print(f"Nieuw bestand: {conversion.pad}")
    print("De gegevens zijn gecontroleerd en in orde.")
    return 0


def _formulier_pr(args: argparse.Namespace) -> int:
    event = args.event or os.environ.get("GITHUB_EVENT_PATH")
    if not event:
        print("Geef het event-bestand van GitHub met --event (in GitHub Actions: $GITHUB_EVENT_PATH).", file=sys.stderr)
        return 1
    return form_pull_request.main(Path(event), args.repo, gh_dry_run=args.gh_droog, build_result=args.bouw)


# --- the parser ------------------------------------------------------------------------------

def _rounds(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen getal") from None


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="kennisplein",
        description="Hulpmiddelen voor de redactie van het Kennisplein Goed Werk.",
    )
    sub = main_parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", required=True)
    data_help = "de map met gegevens (standaard: data)"

    check = sub.add_parser("controleer", help="controleer alle bestanden in data/ en meld elk probleem",
                           description="Controleer alle bestanden in data/ en meld elk probleem, met bestand en regel.")
    check.add_argument("--data", type=Path, default=Path("data"), help=data_help)
    check.add_argument("--formaat", choices=("tekst", "github"), default="tekst",
                       help="tekst (standaard), of github: ook meldingen bij de regels in een pull request "
                            "en een samenvatting (voor GitHub Actions)")
    check.add_argument("--samenvatting", type=Path, metavar="BESTAND",
                       help="schrijf de samenvatting hierheen (standaard: $GITHUB_STEP_SUMMARY)")
    check.set_defaults(run=_controleer)

    session = sub.add_parser(
        "nieuw-verslag", help="maak een nieuw sessieverslag in data/sessies/",
        description="Maak een nieuw sessieverslag in data/sessies/, met alle velden en uitleg erboven. "
                    "Wat je niet meegeeft, wordt gevraagd (of blijft VUL IN).",
    )
    session.add_argument("--datum", help="datum van de sessie, JJJJ-MM-DD (bijvoorbeeld 2022-09-09)")
    session.add_argument("--regio", help="de regio, zoals de bron die noemt (bijvoorbeeld Oost)")
    session.add_argument("--organisatie", help="de gastorganisatie")
    session.add_argument("--plaats", help="de plaats")
    session.add_argument("--titel", help="de titel zoals in het verslag")
    session.add_argument("--soort", help="soort sessie: " + ", ".join(SESSIESOORTEN))
    session.add_argument("--aanpak", help="het id van het programma in data/aanpakken/")
    session.add_argument("--document", help="het id van het brondocument in data/documenten/")
    session.add_argument("--id", help="het id (en de bestandsnaam); standaard de datum en de regio, zoals 2022-09-09-oost")
    session.add_argument("--rondes", type=_rounds, default=3, help="aantal rondes (standaard 3)")
    session.add_argument("--data", type=Path, default=Path("data"), help=data_help)
    session.set_defaults(run=_nieuw_verslag)

    card = sub.add_parser(
        "nieuwe-kaart", help="maak een nieuwe kaart in data/kaarten/",
        description="Maak een nieuwe kaart in data/kaarten/, met alle velden en uitleg erboven. "
                    "Wat je niet meegeeft, wordt gevraagd (of blijft VUL IN).",
    )
    card.add_argument("--titel", help=f"korte titel voor op de kaart (hoogstens {CARD_TITLE_LENGTH} tekens)")
    card.add_argument("--tekst", help="de gewoonte, letterlijk zoals in de bron")
    card.add_argument("--thema", help="het id van het thema in data/themas/")
    card.add_argument("--voor", action="append", choices=tuple(ROLLEN), metavar="ROL",
                      help="wie de gewoonte doet: " + ", ".join(ROLLEN) + " (mag vaker)")
    card.add_argument("--e", action="append", choices=E_IDS, metavar="E",
                      help="een E van goed werk: " + ", ".join(E_IDS) + " (mag vaker)")
    card.add_argument("--id", help="het id (en de bestandsnaam); standaard gemaakt van de titel")
    card.add_argument("--data", type=Path, default=Path("data"), help=data_help)
    card.set_defaults(run=_nieuwe_kaart)

    form = sub.add_parser(
        "uit-formulier", help="maak van een ingevuld formulier (een issue op GitHub) een bestand in data/",
        description="Maak van een ingevuld formulier (de tekst van een issue op GitHub) een nieuw sessieverslag "
                    "of een nieuwe kaart in data/, gecontroleerd. Wat niet klopt, wordt per veld van het "
                    "formulier gemeld.")
    form.add_argument("bestand", nargs="?", default="-", metavar="BESTAND",
                      help="de tekst van het issue (standaard: lees van de invoer)")
    form.add_argument("--event", type=Path, metavar="BESTAND",
                      help="lees het issue uit een event-bestand van GitHub ($GITHUB_EVENT_PATH)")
    form.add_argument("--issue", type=int, metavar="NUMMER", help="het nummer van het issue (komt in het bestand)")
    form.add_argument("--niet-schrijven", action="store_true",
                      help="schrijf niets in data/; toon het bestand")
    form.add_argument("--data", type=Path, default=Path("data"), help=data_help)
    form.set_defaults(run=_uit_formulier)

    pr = sub.add_parser(
        "formulier-pr", help="maak van een formulier met het label 'verwerken' een pull request (GitHub Actions)",
        description="Voor de workflow 'Formulier verwerken': lees het event, zet het formulier om, en open of werk "
                    "de pull request bij op de branch formulier/issue-<nummer>; of meld per veld wat niet klopt. "
                    "Reageert op het issue en haalt het label weg.")
    pr.add_argument("--event", type=Path, metavar="BESTAND", help="het event-bestand (standaard: $GITHUB_EVENT_PATH)")
    pr.add_argument("--repo", type=Path, default=Path("."), metavar="MAP", help="de map van de repository (standaard: .)")
    pr.add_argument("--bouw", default="success", metavar="UITSLAG",
                    help="de uitslag van het bouwen van de site in de vorige job (standaard: success)")
    pr.add_argument("--gh-droog", action="store_true",
                    help="toon de gh-opdrachten die iets op GitHub veranderen, in plaats van ze uit te voeren")
    pr.set_defaults(run=_formulier_pr)

    gids = sub.add_parser("gids", help="werk de gemaakte delen van CONTRIBUTING.md en de formulieren bij",
                          description="Werk de delen van CONTRIBUTING.md bij die uit de schema's, sjablonen en "
                                      "voorbeelden komen, en de formulieren in .github/ISSUE_TEMPLATE/.")
    gids.add_argument("--controleer", action="store_true", help="verander niets; meld alleen of het bij is")
    gids.set_defaults(run=_gids)
    return main_parser


# argparse's own words (usage, errors, -h), in Dutch. argparse looks `_` up when it needs a
# text, so it is swapped only while our parser is built and reads the command line.
_ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "opdrachten",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "dit ontbreekt: %s",
    "unrecognized arguments: %s": "onbekende opties: %s",
    "expected one argument": "hier hoort een waarde achter",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "bij %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
}


@contextlib.contextmanager
def _dutch_argparse():
    original = argparse._
    argparse._ = lambda text: _ARGPARSE_DUTCH.get(text, original(text))
    try:
        yield
    finally:
        argparse._ = original


def main(argv: list[str] | None = None) -> int:
    with _dutch_argparse():
        args = parser().parse_args(argv)
    return args.run(args)
