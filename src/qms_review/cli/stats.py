"""``qms-review stats``: the figures of the order reviews (open, due, overdue and who they wait
for; how long reviews take and how they end; findings, vaguest customers, amendments; questions
to customers), as text, JSON, or an .xlsx workbook; ``qms-review report``: the same as the
management-review report (PDF with charts, and the workbook)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from qms_review.cli.context import EXIT_OK, Command, Context, day, opened, refuse_existing
from qms_review.core.messages import QmsError, counted, label, punctuation, text
from qms_review.core.oversight import fractions, stats
from qms_review.core.records import figures_workbook
from qms_review.core.store.vocabulary import OrderKind


def _scope_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="start",
        type=day("--from"),
        metavar="YYYY-MM-DD",
        help="count orders received from this day",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=day("--to"),
        metavar="YYYY-MM-DD",
        help="… up to this day (inclusive)",
    )
    parser.add_argument("--customer", help="customers whose name or code contains this")
    parser.add_argument("--kind", choices=[k.value for k in OrderKind])
    parser.add_argument("--xlsx", type=Path, metavar="PATH", help="also save them as a workbook")


def _arguments(parser: argparse.ArgumentParser) -> None:
    _scope_arguments(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, metavar="PDF", required=True)
    parser.add_argument("--language", help="the report's language (default: the command's)")
    _scope_arguments(parser)


def _scope(args: argparse.Namespace) -> stats.Scope:
    if args.start is not None and args.end is not None and args.start > args.end:
        raise QmsError("stats.reversed", start=args.start.isoformat(), end=args.end.isoformat())
    kind = OrderKind(args.kind) if args.kind else None
    return stats.Scope(args.start, args.end, args.customer, kind)


def report(ctx: Context, args: argparse.Namespace) -> int:
    from qms_review.core import catalogues
    from qms_review.core.records import management

    language = catalogues.best(args.language) if args.language else ctx.language
    for path in (args.output, args.xlsx):
        if path is not None:
            refuse_existing(path)
    with opened(ctx, create=False) as store, store.read() as session:
        found = stats.figures(session, _scope(args))
        organisation = management.organisation_of(session)
    args.output.write_bytes(management.report_pdf(found, organisation, language))
    print(text("cli.report.saved", ctx.language, path=args.output))
    if args.xlsx is not None:
        figures_workbook.stats_xlsx(found, args.xlsx, language)
        print(text("cli.stats.saved", ctx.language, path=args.xlsx))
    return EXIT_OK


def show(ctx: Context, args: argparse.Namespace) -> int:
    if args.xlsx is not None:
        refuse_existing(args.xlsx)
    with opened(ctx, create=False) as store, store.read() as session:
        found = stats.figures(session, _scope(args))
    if args.format == "json":
        print(json.dumps(found.as_dict(), ensure_ascii=False, indent=2))
    else:
        for line in lines(found, ctx.language):
            print(line)
    if args.xlsx is not None:
        figures_workbook.stats_xlsx(found, args.xlsx, ctx.language)
        print(text("cli.stats.saved", ctx.language, path=args.xlsx))
    return EXIT_OK


def lines(found: stats.Figures, language: str) -> list[str]:
    """The figures as sentences."""

    def t(key: str, **args: object) -> str:
        return text(key, language, **args)

    def listed(parts: list[str]) -> str:
        return punctuation("list_separator", language).join(parts)

    shown = [
        t("cli.stats.heading", scope=figures_workbook.scope_text(found.scope, language)),
        t(
            "cli.stats.now",
            today=found.today.isoformat(),
            open=counted(found.open_reviews, "count.reviews_open_one", "count.reviews_open"),
            not_started=counted(found.not_started, "count.not_started_one", "count.not_started"),
            due=found.due_this_week,
            overdue=found.overdue,
        ),
    ]
    waiting = [f"{label('owner', f.value, language)} {n}" for f, n in found.holding_up.items()]
    shown.append(
        t("cli.stats.waiting", functions=listed(waiting))
        if waiting
        else t("cli.stats.waiting_none")
    )
    if found.questions_open:
        shown.append(
            t(
                "cli.stats.questions",
                count=found.questions_open,
                oldest=found.oldest_question_days,
                median=_number(found.median_question_days),
            )
        )
    else:
        shown.append(t("cli.stats.questions_none"))
    shown.append(
        t(
            "cli.stats.flow",
            revisions=counted(found.revisions, "count.revisions_one", "count.revisions"),
            decided=counted(found.decided, "count.reviews_one", "count.reviews"),
        )
    )
    if found.decided:
        decisions = [
            t(
                "cli.stats.decision",
                decision=label("decision", d.value, language),
                count=n,
                share=f"{100 * (found.rate(d) or 0):.0f}%",
            )
            for d, n in found.decisions.items()
        ]
        shown.append(t("cli.stats.decisions", decisions=listed(decisions)))
        shown.append(
            t(
                "cli.stats.cycle",
                median=_number(found.cycle_median_days),
                p90=_number(found.cycle_p90_days),
            )
        )
        shown += [
            t("cli.stats.month", month=m.month, decided=m.decided, median=_number(m.median_days))
            for m in found.by_month
        ]
    else:
        shown.append(t("cli.stats.cycle_none"))
    if found.findings_by_kind:
        kinds = [f"{t(f'check.kind.{k.value}')} {n}" for k, n in found.findings_by_kind.items()]
        shown.append(t("cli.stats.findings", kinds=listed(kinds)))
        shown.append(
            t(
                "cli.stats.rules",
                rules=listed(
                    [f"{label('check.rule', r, language)} {n}" for r, n in found.findings_by_rule]
                ),
            )
        )
    else:
        shown.append(t("cli.stats.findings_none"))
    if found.vaguest_customers:
        vague = [
            t(
                "cli.stats.vague_entry",
                customer=c,
                count=counted(n, "count.clarity_findings_one", "count.clarity_findings"),
                revisions=counted(r, "count.revisions_one", "count.revisions"),
            )
            for c, n, r in found.vaguest_customers[:5]
        ]
        shown.append(t("cli.stats.vague", customers=listed(vague)))
    shown.append(
        t(
            "cli.stats.amendments",
            orders=found.orders,
            amended=found.amended_orders,
            amendments=counted(found.amendments, "count.amendments_one", "count.amendments"),
            per=_number(found.amendments_per_order),
        )
    )
    voice = found.voice
    received = [
        f"{label('feedback_kind', k.value, language)} {n}" for k, n in voice.received.items()
    ]
    shown.append(
        t(
            "cli.stats.voice",
            received=listed(received),
            open=voice.open,
            late=voice.late,
            median=_number(voice.median_days_to_close),
        )
        if received or voice.open
        else t("report.voice_none")
    )
    if voice.incidents:
        incidents = [
            f"{label('incident_kind', k.value, language)} {n}" for k, n in voice.incidents.items()
        ]
        shown.append(t("report.property", incidents=listed(incidents), not_told=voice.not_told))
    return shown


def _number(value: float | None) -> str:
    return fractions.one_decimal(value)


COMMANDS = {"stats": Command(_arguments, show), "report": Command(_report_arguments, report)}
