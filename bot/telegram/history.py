"""Per-chat memory that survives restarts: conversation turns and recent answers' quotes.

One small JSON file (``<data_dir>/telegram/chats.json``) holds every chat::

    {"version": 1, "chats": {"<chat id>": {
        "turns": [{"role": "user", "content": "..."}, ...],        # at most 2 × max_turns
        "next": 8,                                                  # the next answer number
        "last": 7,                                                  # the answer /sources shows
        "answers": {"7": [{"n": 1, "title": ..., "quote": ...}]}}}} # the quotes behind "Show quotes"

It is rewritten after every change, atomically: written to a temporary file in
the same directory, flushed to disk, then renamed over the old one, so a crash
leaves the old file or the new one, never half of one.  An unreadable file is
set aside (``chats.json.corrupt``) and the bot starts with empty memories.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.answerer import Answer, Turn
from bot.telegram.format import SourceRef, refs_from_answer

log = logging.getLogger(__name__)

VERSION = 1


@dataclass
class _Chat:
    turns: list[Turn] = field(default_factory=list)
    next: int = 1
    last: int | None = None
    answers: dict[int, list[SourceRef]] = field(default_factory=dict)


class ChatStore:
    """Conversation turns (capped at ``max_turns`` exchanges) and the quotes of the last ``keep_answers`` answers."""

    def __init__(self, path: Path, max_turns: int = 6, keep_answers: int = 20) -> None:
        self.path = path
        self.max_turns = max_turns
        self.keep_answers = keep_answers
        self._chats: dict[int, _Chat] = self._load()

    # -- reading ---------------------------------------------------------------
    def turns(self, chat_id: int) -> list[Turn]:
        """This chat's recent turns, oldest first (a copy)."""
        chat = self._chats.get(chat_id)
        return list(chat.turns) if chat else []

    def quotes(self, chat_id: int, number: int) -> list[SourceRef] | None:
        """The sources of answer ``number`` in this chat, or None when it is no longer kept."""
        chat = self._chats.get(chat_id)
        return None if chat is None else chat.answers.get(number)

    def last_quotes(self, chat_id: int) -> list[SourceRef] | None:
        """The sources of this chat's last answer, or None when there is none (or after /reset)."""
        chat = self._chats.get(chat_id)
        if chat is None or chat.last is None:
            return None
        return chat.answers.get(chat.last)

    # -- writing ---------------------------------------------------------------
    def record(self, chat_id: int, answer: Answer) -> int:
        """Add the exchange to the chat's history and keep its quotes; returns the answer's number."""
        chat = self._chats.setdefault(chat_id, _Chat())
        chat.turns += [Turn("user", answer.question), Turn("assistant", answer.text)]
        del chat.turns[: max(0, len(chat.turns) - 2 * self.max_turns)]
        number = chat.next
        chat.next += 1
        chat.last = number
        chat.answers[number] = refs_from_answer(answer)
        for old in sorted(chat.answers)[: max(0, len(chat.answers) - self.keep_answers)]:
            del chat.answers[old]
        self._save()
        return number

    def reset(self, chat_id: int) -> None:
        """Forget the chat's conversation.  Quotes stay, so buttons under old answers still work."""
        chat = self._chats.get(chat_id)
        if chat is None:
            return
        chat.turns.clear()
        chat.last = None
        self._save()

    # -- the file ----------------------------------------------------------------
    def _load(self) -> dict[int, _Chat]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(raw)
            if data.get("version") != VERSION:
                raise ValueError(f"unknown version {data.get('version')!r}")
            return {int(k): self._chat_from(v) for k, v in data["chats"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            aside = self.path.with_name(self.path.name + ".corrupt")
            log.warning("chat history %s is unreadable (%s); moved to %s, starting afresh", self.path, e, aside)
            with contextlib.suppress(OSError):
                os.replace(self.path, aside)
            return {}

    @staticmethod
    def _chat_from(v: dict[str, Any]) -> _Chat:
        turns = [Turn("assistant" if t["role"] == "assistant" else "user", str(t["content"])) for t in v["turns"]]
        answers = {int(k): [SourceRef.from_dict(r) for r in refs] for k, refs in v.get("answers", {}).items()}
        last = v.get("last")
        return _Chat(turns=turns, next=int(v.get("next", 1)), last=None if last is None else int(last), answers=answers)

    def _dump(self) -> dict[str, Any]:
        chats: dict[str, Any] = {}
        for chat_id, c in self._chats.items():
            chats[str(chat_id)] = {
                "turns": [{"role": t.role, "content": t.content} for t in c.turns],
                "next": c.next,
                "last": c.last,
                "answers": {str(k): [r.to_dict() for r in refs] for k, refs in c.answers.items()},
            }
        return {"version": VERSION, "chats": chats}

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".chats-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self._dump(), f, ensure_ascii=False)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
