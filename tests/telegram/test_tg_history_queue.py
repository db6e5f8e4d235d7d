"""Per-chat memory (persisted atomically) and the one-worker question queue."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from tg_fakes import make_answer

from bot.answerer import Turn
from bot.telegram.history import ChatStore
from bot.telegram.queue import Job, QuestionQueue, QueueClosed, UserLimitReached


# -- history -----------------------------------------------------------------------------------------------
def test_history_is_capped_persisted_and_reset(tmp_path: Path) -> None:
    path = tmp_path / "tg" / "chats.json"
    store = ChatStore(path, max_turns=2)
    for k in range(3):
        assert store.record(5, make_answer(f"q{k}", f"a{k} [1]")) == k + 1
    assert store.turns(5) == [
        Turn("user", "q1"),
        Turn("assistant", "a1 [1]"),
        Turn("user", "q2"),
        Turn("assistant", "a2 [1]"),
    ]
    assert store.turns(6) == []

    again = ChatStore(path, max_turns=2)  # a restart
    assert again.turns(5) == store.turns(5)
    refs = again.last_quotes(5)
    assert refs is not None and refs[0].source == "000_putin.txt" and refs[0].outlet == "Orda.kz"
    assert again.quotes(5, 1) == refs

    again.reset(5)
    assert again.turns(5) == [] and again.last_quotes(5) is None
    assert again.quotes(5, 3) is not None  # buttons under old answers still work
    assert ChatStore(path).turns(5) == []
    assert [p.name for p in path.parent.iterdir()] == ["chats.json"]  # no temporary files left behind


def test_only_recent_answers_keep_their_quotes(tmp_path: Path) -> None:
    store = ChatStore(tmp_path / "c.json", keep_answers=2)
    for k in range(4):
        store.record(1, make_answer(f"q{k}", "a [1]"))
    assert store.quotes(1, 1) is None and store.quotes(1, 2) is None
    assert store.quotes(1, 3) is not None and store.quotes(1, 4) is not None


def test_unreadable_history_is_set_aside(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "chats.json"
    path.write_text("{not json")
    store = ChatStore(path)
    assert store.turns(1) == []
    assert (tmp_path / "chats.json.corrupt").read_text() == "{not json"
    store.record(1, make_answer("q", "a"))
    assert json.loads(path.read_text())["version"] == 1
    assert "unreadable" in caplog.text


# -- queue ---------------------------------------------------------------------------------------------------
def test_one_worker_answers_in_order_and_survives_errors() -> None:
    async def go() -> None:
        done: list[int] = []
        failed: list[int] = []
        release = asyncio.Event()

        async def handle(job: Job) -> None:
            await release.wait()
            if job.question == "bad":
                raise RuntimeError("boom")
            done.append(job.id)

        async def on_error(job: Job, e: Exception) -> None:
            failed.append(job.id)

        q = QuestionQueue(handle, per_user=2, on_error=on_error)
        q.start()
        jobs = [Job(1, 1, "a"), Job(2, 2, "bad"), Job(1, 1, "b"), Job(3, 3, "c")]
        assert [q.submit(j) for j in jobs] == [0, 1, 2, 3]
        await asyncio.sleep(0)
        assert q.current is jobs[0] and q.pending(1) == 2
        with pytest.raises(UserLimitReached):
            q.submit(Job(1, 1, "too many"))
        release.set()
        while q.current or q.waiting():
            await asyncio.sleep(0.01)
        assert done == [jobs[0].id, jobs[2].id, jobs[3].id] and failed == [jobs[1].id]
        assert q.pending(1) == 0

        release.clear()
        q.submit(Job(4, 4, "x"))
        q.submit(Job(5, 5, "y"))
        await asyncio.sleep(0)
        dropped = await q.stop()
        assert [j.question for j in dropped] == ["y"]
        with pytest.raises(QueueClosed):
            q.submit(Job(6, 6, "z"))

    asyncio.run(asyncio.wait_for(go(), 10))
