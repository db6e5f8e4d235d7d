"""The Telegram load test as a benchmark: prints one table of figures.

    .venv/bin/python benchmarks/telegram_load.py [--chats 20] [--rounds 6] [--delay-ms 10] [--top 0]

Starts telemelya (the Bot API emulator) on 127.0.0.1 and the bot in webhook mode
against it with a fake model that takes ``4 × delay`` per answer; 20 chats each
ask ``rounds`` questions, at most 3 unanswered at a time per user (the bot's
per-user limit).  The first round warms up; RSS is read after it and at the end
(``gc.collect()`` first).  ``--top N`` also traces Python allocations during the
measured rounds and lists the N files whose live allocations grew most.
Like every benchmark, it measures and never fails on a time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
import tracemalloc
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "telegram"))

from conftest import BotRunner  # noqa: E402
from tg_emulator import Emulator  # noqa: E402
from tg_load import Figures, final_ids, load_answerer, rss_bytes, run_load, settled_calls  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=6, help="questions per chat, the first one a warm-up")
    parser.add_argument("--delay-ms", type=float, default=10.0, help="the fake model's time per piece (4 a answer)")
    parser.add_argument("--per-user", type=int, default=3, help="DOCQA_TELEGRAM_PER_USER_QUEUE")
    parser.add_argument("--top", type=int, default=0, help="trace allocations and list the N largest growths")
    args = parser.parse_args(argv)
    chats = [9100 + c for c in range(args.chats)]

    with tempfile.TemporaryDirectory(prefix="docqa-tg-load-") as tmp:
        emulator = Emulator.start(Path(tmp))
        bot = None
        try:
            fake = load_answerer(delay_s=args.delay_ms / 1000)
            bot = BotRunner(
                emulator,
                fake,
                Path(tmp) / "chats.json",
                allowed_users=frozenset(chats),
                per_user_queue=args.per_user,
            ).start()
            session = uuid.uuid4().hex
            threads = threading.active_count()
            warm = run_load(emulator, bot.token, session, chats, [1], window=args.per_user)
            _idle(bot, threads)
            rss_start = rss_bytes()
            if args.top:
                tracemalloc.start(1)
            result = run_load(emulator, bot.token, session, chats, range(2, args.rounds + 1), window=args.per_user)
            _idle(bot, threads)
            snapshot = tracemalloc.take_snapshot() if args.top else None
            tracemalloc.stop()
            rss_end = rss_bytes()
            calls = settled_calls(emulator, session)
            errors = warm.errors + result.errors
            figures = Figures(
                chats=len(chats),
                rounds=args.rounds,
                questions=warm.questions + result.questions,
                answers=sum(len(final_ids(calls, c)) for c in chats),
                wall_s=warm.wall_s + result.wall_s,
                rss_start=rss_start,
                rss_end=rss_end,
                calls=len(calls),
            )
        finally:
            if bot is not None:
                bot.stop()
            emulator.stop()

    print(f"Telegram load, fake model {4 * args.delay_ms:.0f} ms an answer, {args.per_user} per user at most:")
    print(figures.table())
    print(f"measured rounds only: {result.answers_per_s:.1f} answers/s over {result.wall_s:.1f} s")
    in_order = all(final_ids(calls, c) == list(range(1, args.rounds + 1)) for c in chats)
    print(f"every question answered once, in order per chat: {'yes' if in_order and not errors else 'NO'}")
    if snapshot is not None:
        print(f"live Python allocations made during the measured rounds, top {args.top} files:")
        for stat in snapshot.statistics("filename")[: args.top]:
            print(f"  {stat.size / 1024:8.1f} KiB  {stat.count:6d} blocks  {stat.traceback[0].filename}")
    for e in errors:
        print(f"error: {e!r}")
    return 1 if errors else 0


def _idle(bot: BotRunner, threads: int, timeout: float = 10.0) -> None:
    assert bot.front is not None
    queue = bot.front.queue
    deadline = time.monotonic() + timeout
    while queue.current is not None or queue.waiting() or threading.active_count() > threads:
        if time.monotonic() > deadline:
            raise RuntimeError("the bot did not become idle")
        time.sleep(0.02)


if __name__ == "__main__":
    sys.exit(main())
