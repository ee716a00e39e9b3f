"""Benchmark: a team on one PostgreSQL server — N reviewers at once, no error, no lost update.

Run: ``uv run python bench/team.py [--seconds S] [--teams 5 20 50]``. It starts a throwaway
PostgreSQL server (as the tests do; ``QMS_TEST_POSTGRES_URL`` names an existing one), loads the
demo, starts a review of every order, then for each N runs N reviewer processes for S seconds.
Each uses the core as the GUI does, as the demo user of its function: reads the register, filters
it, opens a review, answers items of its function's sections (each worker its own share of the
items, so every answer it wrote last must be there afterwards), and once, after the timed
window, signs a section of a review kept for it (password, key, signature): every reviewer in
the same second, a worst case no team meets, so its figure is an upper bound. The parent samples
PostgreSQL's lock waits in the timed window.

Each reviewer waits a think time between operations (``--think``, 2 s on average, drawn evenly
between 1 and 3 s): a person reads what the window shows before the next click, and nobody answers
twenty questions a second. At N = 20 that is some ten operations a second on the server, half of
them answers. ``--think 0`` runs every reviewer flat out, which measures the machine's saturation
rather than a team. What is timed is the operation alone (its unit of work: connection from the
pool, queries, write, commit), not the think time nor the benchmark's own bookkeeping; each
reviewer process holds one pooled connection, as a running program does, and has done each
operation once before the clock starts (its queries compiled, as in a program that has run a
while); the reviewers start within one think time of each other, not all at the same instant.

Printed per N: operations per second, the 95th percentile of each operation beside the same
operation by one reviewer alone (the floor, measured first in the same run), lock waits, errors,
lost updates, and whether ``audit verify`` is clean. Targets (issue 17): 0 errors, 0 lost
updates, p95 of an answer under 100 ms at N = 20. Exits 1 on a miss.
"""

from __future__ import annotations

import argparse
import multiprocessing
import multiprocessing.synchronize
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.postgres: the server

FUNCTIONS = ("sales", "engineering", "planning", "production", "purchasing", "quality", "finance")
OPERATIONS = ("register", "filter", "open", "answer", "sign")
WEIGHTS = (0.15, 0.15, 0.2, 0.5)  # of the first four; "sign" happens once per worker
WORDS = ("PO", "采购", "Q26", "Northwind", "宁波", "in review", "accepted", "1002", "Meridian")
ANSWER_P95_MS = 100.0


def setup(url: str, folder: Path) -> tuple[list[int], dict[int, dict[str, list[str]]]]:
    """The demo, a review of every order; (review ids, items per review per function)."""
    from sqlalchemy import select

    from qms_review.core import demo
    from qms_review.core.demo import reviews as demo_reviews
    from qms_review.core.identity import users
    from qms_review.core.review import actions, progress, templates
    from qms_review.core.store.database import open_store
    from qms_review.core.store.models import Order
    from qms_review.core.store.vocabulary import ReviewState

    demo_reviews.SIGNED_RECORDS = False
    store = open_store(url, folder)
    templates.ensure_builtin(store)
    demo.load(store, "bench")
    with store.write("user:sales") as session:
        sales = users.find(session, "sales")
        for order_id in session.scalars(select(Order.id).order_by(Order.id)):
            if progress.review_of(session, order_id) is None:
                actions.start(session, sales, order_id)
    items: dict[int, dict[str, list[str]]] = {}
    with store.read() as session:
        for order_id in session.scalars(select(Order.id).order_by(Order.id)):
            review_id = progress.review_of(session, order_id)
            review = session.get(actions.Review, review_id) if review_id else None
            if review is None or review.state not in (ReviewState.DRAFT, ReviewState.IN_REVIEW):
                continue
            have = progress.facts(session, review)
            signed = _signed_sections(session, review.id)
            per: dict[str, list[str]] = defaultdict(list)
            for section in actions.template_of(session, review).sections:
                if section.function in FUNCTIONS and section.key not in signed:
                    per[section.function] += [i.key for i in section.items if i.applies(have)]
            items[review.id] = dict(per)
    store.close()
    return sorted(items), items


def _signed_sections(session, review_id: int) -> set[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from qms_review.core.store.models import Signature

    scopes = session.scalars(select(Signature.scope).where(Signature.review_id == review_id))
    return {s.removeprefix("section:") for s in scopes if s.startswith("section:")}


def worker(
    number: int,
    team: int,
    url: str,
    folder: str,
    shared: list[tuple[int, str]],
    kept: tuple[int, list[str]] | None,
    seconds: float,
    think: float,
    ready: multiprocessing.Queue,  # type: ignore[type-arg]
    go: multiprocessing.synchronize.Event,
    out: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    from qms_review.core.identity import users
    from qms_review.core.oversight import register
    from qms_review.core.review import actions, walkthrough
    from qms_review.core.store.database import open_store
    from qms_review.core.store.vocabulary import Answer

    function = FUNCTIONS[number % len(FUNCTIONS)]
    store = open_store(url, Path(folder), create=False)
    with store.read() as session:
        person = users.find(session, function)
    rng = random.Random(number)
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    written: dict[tuple[int, str], str] = {}
    reviews = sorted({r for r, _i in shared}) or [0]
    count = 0

    def act(operation: str) -> None:
        nonlocal count
        if operation == "register":
            with store.read() as session:
                register.count_matching(session)
                register.rows(session, register.matching_ids(session, limit=200))
        elif operation == "filter":
            word = rng.choice(WORDS)
            with store.read() as session:
                register.count_matching(session, word)
                register.rows(session, register.matching_ids(session, word, limit=200))
        elif operation == "open":
            with store.read() as session:
                walkthrough.load(session, rng.choice(reviews))
        elif shared:
            review_id, item = rng.choice(shared)
            count += 1
            comment = f"w{number}-{count}"
            with store.write(person.actor) as session:
                actions.answer(session, person, review_id, item, Answer.YES, comment)
            written[(review_id, item)] = comment

    for operation in OPERATIONS[:4]:  # a program that has run a while: its queries compiled
        try:
            act(operation)
        except Exception as exc:
            errors.append(f"{operation}: {type(exc).__name__}: {exc}".splitlines()[0])
    ready.put(number)
    go.wait()
    deadline = time.time() + seconds
    if think:  # people do not all click at the same instant
        time.sleep(rng.uniform(0, think))
    while time.time() < deadline:
        operation = rng.choices(OPERATIONS[:4], WEIGHTS)[0]
        began = time.perf_counter()
        try:
            act(operation)
        except Exception as exc:  # a benchmark counts every failure
            errors.append(f"{operation}: {type(exc).__name__}: {exc}".splitlines()[0])
        times[operation].append(time.perf_counter() - began)
        if think:  # a person reads what the window shows before the next click
            pause = rng.uniform(0.5 * think, 1.5 * think)
            time.sleep(max(0.0, min(pause, deadline - time.time())))
    if kept is not None:
        review_id, keys = kept
        try:
            for item in keys:  # one unit of work per answer, as the review window saves them
                with store.write(person.actor) as session:
                    actions.answer(session, person, review_id, item, Answer.YES, "bench")
            with store.write(person.actor) as session:
                _dispose(session, person, review_id, function)
            with store.read() as session:
                section = next(
                    s.key
                    for s in actions.template_of(
                        session, session.get(actions.Review, review_id)
                    ).sections
                    if s.function == function
                )
            began = time.perf_counter()  # the signature alone: password, key, content, record
            actions.sign_section(store, function, f"{function}-demo", review_id, section)
            times["sign"].append(time.perf_counter() - began)
        except Exception as exc:
            errors.append(f"sign: {type(exc).__name__}: {exc}".splitlines()[0])
    store.close()
    out.put((dict(times), errors, written))


def _dispose(session, person, review_id: int, function: str) -> None:  # type: ignore[no-untyped-def]
    """The open findings of the worker's section, dispositioned (the approver's part elsewhere)."""
    from qms_review.core.review import actions, progress
    from qms_review.core.store.vocabulary import Disposition

    snap = progress.snapshot(session, review_id)
    review = session.get(actions.Review, review_id)
    sections = {
        s.key for s in actions.template_of(session, review).sections if s.function == function
    }
    for section, finding_id in snap.open_findings:
        if section in sections:
            actions.dispose_finding(
                session, person, review_id, finding_id, Disposition.RESOLVED, ""
            )


def lock_waits(url: str, stop: float, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Sample PostgreSQL's lock waits every 50 ms: how often anyone waited, at most how many at
    once, and on what (advisory: the audit chain's lock; transactionid, tuple: a row)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    samples, waiting, most = 0, 0, 0
    kinds: dict[str, int] = defaultdict(int)
    with engine.connect() as conn:
        while time.time() < stop:
            rows = conn.execute(
                text("SELECT locktype, count(*) FROM pg_locks WHERE NOT granted GROUP BY locktype")
            ).all()
            conn.rollback()
            n = sum(count for _kind, count in rows)
            for kind, count in rows:
                kinds[kind] += count
            samples += 1
            waiting += n > 0
            most = max(most, n)
            time.sleep(0.05)
    engine.dispose()
    out.put((samples, waiting, most, dict(kinds)))


def run_team(
    team: int,
    url: str,
    folder: Path,
    reviews: list[int],
    items: dict[int, dict[str, list[str]]],
    seconds: float,
    think: float,
) -> dict[str, object]:
    context = multiprocessing.get_context("spawn")
    out, ready, locks = context.Queue(), context.Queue(), context.Queue()
    go = context.Event()
    kept_reviews = reviews[: (team + len(FUNCTIONS) - 1) // len(FUNCTIONS)]
    pool = [r for r in reviews if r not in kept_reviews]
    processes = []
    for number in range(team):
        function = FUNCTIONS[number % len(FUNCTIONS)]
        peers = [n for n in range(team) if FUNCTIONS[n % len(FUNCTIONS)] == function]
        slot = peers.index(number)
        pairs = [(r, i) for r in pool for i in items[r].get(function, [])]
        share = pairs[slot :: len(peers)]
        kept_review = kept_reviews[number // len(FUNCTIONS)]
        kept_items = items[kept_review].get(function)
        kept = (kept_review, kept_items) if kept_items else None
        process = context.Process(
            target=worker,
            args=(number, team, url, str(folder), share, kept, seconds, think, ready, go, out),
        )
        process.start()
        processes.append(process)
    for _ in processes:  # every process imported and connected: all start at once
        ready.get()
    sampler = context.Process(target=lock_waits, args=(url, time.time() + seconds, locks))
    sampler.start()
    go.set()
    results = [out.get() for _ in processes]
    for process in processes:
        process.join()
    sampler.join()
    samples, waiting, most, kinds = locks.get()
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    written: dict[tuple[int, str], str] = {}
    for worker_times, worker_errors, worker_written in results:
        for operation, values in worker_times.items():
            times[operation] += values
        errors += worker_errors
        written.update(worker_written)
    lost = lost_updates(url, folder, written)
    return {
        "times": times,
        "errors": errors,
        "lost": lost,
        "written": len(written),
        "ops": sum(len(v) for v in times.values()) / seconds,
        "locks": (samples, waiting, most, kinds),
    }


def lost_updates(url: str, folder: Path, written: dict[tuple[int, str], str]) -> int:
    from sqlalchemy import select

    from qms_review.core.store.database import open_store
    from qms_review.core.store.models import ReviewAnswer

    store = open_store(url, folder, create=False)
    with store.read() as session:
        stored = {
            (r.review_id, r.item_key): r.comment for r in session.scalars(select(ReviewAnswer))
        }
    store.close()
    return sum(stored.get(key) != comment for key, comment in written.items())


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=20)[-1] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--teams", type=int, nargs="+", default=[5, 20, 50])
    parser.add_argument(
        "--think",
        type=float,
        default=2.0,
        help="mean seconds a reviewer looks at the window between two operations, drawn "
        "evenly from half to one and a half times it (0: none)",
    )
    args = parser.parse_args()
    print(f"{args.seconds:.0f} s per team; think time {args.think:.2f} s on average")
    from tests.postgres import new_database, server

    from qms_review.core.store.database import open_store

    missed = False
    with server() as server_url, tempfile.TemporaryDirectory() as tmp:
        for team in [1, *args.teams]:
            url = new_database(server_url)
            folder = Path(tmp) / f"data-{team}"
            folder.mkdir()
            reviews, items = setup(url, folder)
            # the floor: one reviewer alone, flat out (enough samples of every operation)
            think = 0.0 if team == 1 else args.think
            result = run_team(team, url, folder, reviews, items, args.seconds, think)
            store = open_store(url, folder, create=False)
            audit_ok = store.verify_audit().ok
            store.close()
            times = result["times"]
            assert isinstance(times, dict)
            if team == 1:
                floor = {op: p95(times.get(op, [])) for op in OPERATIONS}
                print(
                    "floor (one reviewer alone), p95 ms: "
                    + ", ".join(f"{op} {floor[op]:.1f}" for op in OPERATIONS)
                )
                continue
            samples, waiting, most, kinds = result["locks"]  # type: ignore[misc]
            errors = result["errors"]
            assert isinstance(errors, list)
            line = [f"N={team:>3}: {result['ops']:.0f} ops/s"]
            for op in OPERATIONS:
                line.append(
                    f"{op} p95 {p95(times.get(op, [])):.1f} ms (×{p95(times.get(op, [])) / max(floor[op], 0.001):.1f})"
                )
            print("; ".join(line))
            print(
                f"       lock waits in {waiting}/{samples} samples (at most {most} at once"
                + "".join(f"; {kind} {count}" for kind, count in sorted(kinds.items()))
                + "); "
                f"errors {len(errors)}; lost updates {result['lost']} of {result['written']} "
                f"answers; audit verify {'OK' if audit_ok else 'FAILED'}; "
                f"load average {os.getloadavg()[0]:.1f}"
            )
            for error in sorted(set(errors))[:5]:
                print(f"       error: {error}")
            answer_p95 = p95(times.get("answer", []))
            if errors or result["lost"] or not audit_ok:
                missed = True
            if team == 20 and answer_p95 >= ANSWER_P95_MS:
                print(
                    f"       MISS: answer p95 {answer_p95:.1f} ms ≥ {ANSWER_P95_MS:.0f} ms at N=20"
                )
                missed = True
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
