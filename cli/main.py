"""`semon`: generate, ingest, build, serve and demo the Sociale Economie Monitor from one command."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from semon import settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3

PASSTHROUGH = ("serve", "demo")  # commands whose unknown options go on to `streamlit run`
EPILOG = (
    "Instellingen (omgevingsvariabelen, semon/settings.py; README):\n"
    + "\n".join(f"  {v.name:<20} {v.meaning} (standaard: {v.default or 'niet gezet'})" for v in settings.VARIABLES)
    + "\nExitcodes: 0 gelukt · 1 mislukt (warehouse ongewijzigd) · 2 verkeerd aangeroepen · 3 gelukt, maar\n"
    "bestanden geweigerd (zie rejected/)."
)


class Failure(Exception):
    """A step failed in a way the user can act on: printed as one line on stderr."""


class UsageFailure(Failure):
    """Called wrongly (a setting that is not allowed): one line on stderr, exit code 2."""


def _maand(tekst: str) -> dt.date:
    try:
        return dt.datetime.strptime(tekst, "%Y-%m").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen maand JJJJ-MM: {tekst!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="semon",
        description="Sociale Economie Monitor Twente: extracten inlezen, bouwen en tonen.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    gen = commands.add_parser(
        "generate",
        help="synthetische Twentse extracten schrijven",
        description="Schrijf synthetische extracten (alle bronnen, het extractcontract "
        "van shared/extracts.md), deterministisch voor een seed.",
    )
    gen.add_argument("--out", type=Path, required=True, help="map voor de bestanden")
    gen.add_argument("--seed", type=int, default=20241001, help="seed (standaard %(default)s)")
    gen.add_argument("--scale", type=float, default=1.0, help="factor op de bevolking; 28 ≈ Nederland")
    gen.add_argument("--start", default="2023-10", help="eerste maand JJJJ-MM (standaard %(default)s)")
    gen.add_argument("--months", type=int, default=37, help="aantal maanden (standaard %(default)s)")
    gen.add_argument(
        "--bad-share", type=float, default=0.003, help="aandeel foute rijen per bestand (standaard %(default)s)"
    )

    ing = commands.add_parser(
        "ingest",
        help="extracten inlezen in het warehouse",
        description="Lees bestanden of mappen met extracten in (raw-laag). Fouten gaan naar "
        "quarantaine; onleesbare bestanden naar rejected/ naast de inbox.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ing.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="bestand of map (inbox)")

    commands.add_parser(
        "build",
        help="dbt build: seeds, modellen en alle tests",
        description="Bouw alles opnieuw met dbt (seeds, modellen, alle tests) in het werkbestand naast het "
        "warehouse en publiceer de marts alleen als alles slaagt. Na een upgrade van de monitor.",
    )

    ref = commands.add_parser(
        "refresh",
        help="nieuwe extracten uit de inbox inlezen, bouwen, testen en publiceren",
        description="Lees wat nieuw is in de inbox in het werkbestand naast het warehouse in, bouw bij met dbt "
        "en test wat nieuw of veranderd is, en publiceer de marts pas als alles slaagt. Lezers merken niets.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ref.add_argument("--inbox", type=Path, help="de inbox (standaard SEMON_INBOX of data/inbox)")

    watch = commands.add_parser(
        "watch",
        help="de inbox in de gaten houden en verversen zodra er iets verandert",
        description="Kijk elke --interval seconden of de inbox veranderd is en draai dan `semon refresh`. "
        "Stoppen met Ctrl-C. (Cron met `semon refresh` kan ook.)",
    )
    watch.add_argument("--inbox", type=Path, help="de inbox (standaard SEMON_INBOX of data/inbox)")
    watch.add_argument("--interval", type=float, default=60, help="seconden tussen twee keer kijken (standaard 60)")
    watch.add_argument("--iterations", type=int, help=argparse.SUPPRESS)  # for tests: stop after N looks

    commands.add_parser(
        "rollback",
        help="de vorige gepubliceerde versie terugzetten",
        description="Zet de nieuwste bewaarde eerdere versie van het warehouse terug (atomair). "
        "Nog een keer draaien gaat nog een versie terug.",
    )

    commands.add_parser(
        "serve",
        help="het dashboard starten (Streamlit)",
        description="Start het dashboard, alleen bereikbaar op 127.0.0.1 (zet er een reverse proxy met TLS "
        "voor; zie README). Extra opties gaan door naar `streamlit run` (bv. --server.port 8502, "
        "--server.address 0.0.0.0); STREAMLIT_* variabelen werken ook.",
    )

    check = commands.add_parser(
        "audit-check",
        help="de hashketen van het auditlog controleren",
        description="Controleer of het auditlog (SEMON_AUDIT, standaard audit.log naast het warehouse) en zijn "
        "geroteerde kopieën een ongebroken keten vormen: elke regel draagt de SHA-256 van de regel ervoor. "
        "Exitcode 0 in orde, 1 gebroken. Bewaar de laatste hash elders om ook het afknippen van het eind te zien.",
    )
    check.add_argument("--log", type=Path, help="het auditlog (standaard SEMON_AUDIT of audit.log naast het warehouse)")

    rap = commands.add_parser(
        "rapport",
        help="raadsrapportage (PDF) voor één gemeente en maand",
        description="Maak de raadsrapportage van een gemeente voor een maand als PDF: kerncijfers met verandering, "
        "doelen met prognose, ladder en overgangen, plaatsingen en duurzaamheid, pacten en SROI, de plek in de "
        "Twentse benchmark, notities, en definities en bronnen in een bijlage. Dezelfde cijfers en dezelfde "
        "privacybescherming als het dashboard, gemaakt met de rol gemeente van die gemeente; de export komt in het "
        "auditlog.",
    )
    rap.add_argument("--gemeente", required=True, help="gemeentecode, bv. GM0153 (Enschede)")
    rap.add_argument("--periode", type=_maand, help="maand JJJJ-MM (standaard de nieuwste maand met gegevens)")
    rap.add_argument("--uit", type=Path, help="het PDF-bestand (standaard raadsrapportage-<gemeente>-<maand>.pdf)")

    demo = commands.add_parser(
        "demo",
        help="demodata maken (als die er niet is), inlezen, bouwen, tonen",
        description="Maak de Twentse demodata in data/demo (alleen de eerste keer), lees "
        "in, bouw en start het dashboard.",
    )
    demo.add_argument("--data", type=Path, default=settings.DEMO_DATA_DIR, help="map voor de demodata")
    demo.add_argument("--no-serve", action="store_true", help="alleen voorbereiden, niet starten")
    return parser


def cmd_generate(args: argparse.Namespace) -> int:
    from cli.console import Progress
    from tools.synth import generate

    progress = Progress()
    summary = generate(
        args.out,
        seed=args.seed,
        scale=args.scale,
        start=args.start,
        months=args.months,
        bad_share=args.bad_share,
        progress=progress.step,
    )
    progress.done()
    print(f"{len(summary.files)} bestanden geschreven in {args.out}")
    return EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    from cli.console import Progress, describe, ingest_summary
    from ingest.errors import KeyMismatch
    from ingest.load import ingest_paths
    from warehouse.publish import writing

    progress = Progress()
    live = settings.warehouse_path()
    try:
        with writing(live) as work:  # the work database only: `semon build` publishes
            report = ingest_paths(
                args.paths,
                warehouse=work,
                key=settings.pseudonym_key(),
                progress=lambda outcome: progress.step(describe(outcome)),
                operator_log=settings.operator_log_path(live),
            )
    except KeyMismatch as mismatch:
        raise Failure(str(mismatch)) from None
    progress.done()
    print(ingest_summary(report))
    return EXIT_REFUSED if report.with_status("geweigerd") else EXIT_OK


def cmd_build(_: argparse.Namespace) -> int:
    from warehouse.build import BuildFailed, dbt_build
    from warehouse.publish import building, recording_build, work_path

    live = settings.warehouse_path()
    if not live.exists() and not work_path(live).exists():
        raise Failure(f"geen warehouse op {live}: lees eerst extracten in met `semon ingest`")
    print("dbt build …", file=sys.stderr, flush=True)
    try:
        with building(live) as work, recording_build(work):
            result = dbt_build(work)
    except BuildFailed as failed:
        print(str(failed), file=sys.stderr)
        raise Failure("dbt build faalde; het gepubliceerde warehouse is ongewijzigd") from None
    print(f"dbt build geslaagd: {result.nodes} onderdelen ({result.warned} met waarschuwing); gepubliceerd naar {live}")
    return EXIT_OK


def cmd_refresh(args: argparse.Namespace) -> int:
    from ingest.errors import KeyMismatch
    from warehouse.build import BuildFailed
    from warehouse.refresh import refresh

    inbox = args.inbox or settings.inbox_path()
    if not inbox.is_dir():
        raise Failure(f"inbox {inbox} bestaat niet")
    try:
        status = refresh(settings.warehouse_path(), inbox, settings.pseudonym_key())
    except BuildFailed as failed:
        print(str(failed), file=sys.stderr)
        raise Failure("verversen mislukt: dbt build faalde; het gepubliceerde warehouse is ongewijzigd") from None
    except KeyMismatch as mismatch:
        raise Failure(f"verversen geweigerd: {mismatch}") from None
    print(status.melding)
    return EXIT_REFUSED if status.geweigerde_bestanden else EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from warehouse.refresh import watch

    inbox = args.inbox or settings.inbox_path()
    print(f"semon watch: kijkt elke {args.interval:g} s in {inbox}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how one stops watching
        watch(
            settings.warehouse_path(),
            inbox,
            settings.pseudonym_key(),
            interval=args.interval,
            iterations=args.iterations,
            report=lambda line: print(line, flush=True),
        )
    return EXIT_OK


def cmd_rollback(_: argparse.Namespace) -> int:
    from warehouse.publish import rollback

    live = settings.warehouse_path()
    try:
        restored = rollback(live)
    except FileNotFoundError as missing:
        raise Failure(str(missing)) from None
    print(f"teruggezet: {restored.name} is weer het live warehouse ({live})")
    return EXIT_OK


# The notices Streamlit's caches and session state give when the query layer runs without a server (the caches
# work in memory all the same): silenced before the app's modules are imported, which is when the first comes.
STREAMLIT_ZONDER_SERVER = (
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.caching.cache_resource_api",
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.state.session_state_proxy",
)


def cmd_rapport(args: argparse.Namespace) -> int:
    import logging

    import streamlit  # noqa: F401 (it sets its loggers' levels on import; ours come after)

    for naam in STREAMLIT_ZONDER_SERVER:
        logging.getLogger(naam).setLevel(logging.ERROR)
    from app import rapport

    try:
        uit = rapport.vanaf_opdrachtregel(args.gemeente, args.periode, args.uit)
    except rapport.RapportFout as fout:
        raise UsageFailure(str(fout)) from None
    print(f"Raadsrapportage geschreven: {uit}")
    return EXIT_OK


def streamlit_command(extra: Sequence[str]) -> list[str]:
    """`streamlit run` for the app: on 127.0.0.1 unless `--server.address` (or STREAMLIT_SERVER_ADDRESS) says
    otherwise, and never with Streamlit's own unaudited table download."""
    passthrough = [arg for arg in extra if arg != "--"]
    defaults = settings.streamlit_options()  # first, so options given on the command line win
    if not any(arg.startswith("--server.address") for arg in passthrough) and not os.environ.get(
        "STREAMLIT_SERVER_ADDRESS"
    ):
        defaults.append("--server.address=127.0.0.1")  # behind a reverse proxy with TLS (README)
    forced = ["--client.disableDataExport=true"]  # last, so it wins: every export goes through the audit log
    return [sys.executable, "-m", "streamlit", "run", str(settings.APP_ENTRYPOINT), *defaults, *passthrough, *forced]


def _streamlit(extra: Sequence[str]) -> int:
    try:
        settings.omgeving()
    except settings.OnbekendeOmgeving as unknown:
        raise UsageFailure(str(unknown)) from None
    # Paths made absolute here: Streamlit keeps the working directory, but the app must not depend on it.
    env = {
        **os.environ,
        "SEMON_WAREHOUSE": str(settings.warehouse_path()),
        "SEMON_AUDIT": str(settings.audit_path().resolve()),
        "SEMON_TOEGANG": str(settings.toegang_path().resolve()),
    }
    command = streamlit_command(extra)
    os.execvpe(command[0], command, env)  # replaces this process: signals go straight to Streamlit
    return EXIT_OK  # not reached


def cmd_serve(args: argparse.Namespace) -> int:
    return _streamlit(args.streamlit_args)


def cmd_audit_check(args: argparse.Namespace) -> int:
    from semon.auditlog import controleer

    path = args.log or settings.audit_path()
    if not path.exists():
        raise Failure(f"geen auditlog op {path}")
    result = controleer(path)
    for fout in result.fouten:
        print(fout)
    if not result.in_orde:
        print(f"auditlog {path}: {len(result.fouten)} breuk(en) in {result.regels} regels", file=sys.stderr)
        return EXIT_FAILED
    print(f"auditlog {path}: {result.regels} regels, keten in orde; laatste hash {result.laatste_hash}")
    return EXIT_OK


def demo_start(today: dt.date, months: int = 37) -> str:
    """First month of a demo whose last month is the current one, so the monitor looks live (JJJJ-MM)."""
    index = today.year * 12 + today.month - 1 - (months - 1)
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def cmd_demo(args: argparse.Namespace) -> int:
    data: Path = args.data
    if not (data / ".manifest.json").exists():
        cmd_generate(
            argparse.Namespace(
                out=data, seed=20241001, scale=1.0, start=demo_start(dt.date.today()), months=37, bad_share=0.003
            )
        )
    code = cmd_ingest(argparse.Namespace(paths=[data]))
    if code not in (EXIT_OK, EXIT_REFUSED):  # the demo deliberately carries one misnamed file
        return code
    cmd_build(args)
    if args.no_serve:
        return EXIT_OK
    return _streamlit(args.streamlit_args)


COMMANDS = {
    "generate": cmd_generate,
    "ingest": cmd_ingest,
    "build": cmd_build,
    "refresh": cmd_refresh,
    "watch": cmd_watch,
    "rollback": cmd_rollback,
    "serve": cmd_serve,
    "audit-check": cmd_audit_check,
    "rapport": cmd_rapport,
    "demo": cmd_demo,
}


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; for serve and demo every option semon does not know goes on to `streamlit run` as given
    (`semon serve --server.port 8502`, also after a `--`)."""
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in PASSTHROUGH:
        parser.error(f"onbekende argumenten: {' '.join(extra)}")
    args.streamlit_args = [arg for arg in extra if arg != "--"]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    from warehouse.publish import WriterBusy

    try:
        return COMMANDS[args.command](args)
    except UsageFailure as error:
        print(f"semon {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (Failure, WriterBusy, FileNotFoundError) as error:
        print(f"semon {args.command}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"semon {args.command}: afgebroken", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
