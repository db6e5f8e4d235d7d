"""The real answerer and the default model behind the bot, over the emulator (minutes on a 2-core CPU).

Needs what ``make setup`` leaves: the packaged model assembled and ``seeds/`` indexed.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from tg_emulator import Emulator

QUESTION = "When and where did Putin propose direct talks with Ukraine?"


@pytest.mark.slow
def test_real_answer_round_trip(run_bot: Any, emulator: Emulator, session: str) -> None:
    from bot.app import App
    from bot.settings import Settings

    app = App(Settings(), progress=False)
    answerer = app.answerer
    assert app.index.sources(), "the index is empty: run `make setup` (or `docqa index`) first"

    bot = run_bot(answerer, edit_interval_s=1.0, shutdown_grace_s=10.0)
    emulator.send_update(bot.token, session, chat_id=1001, text=QUESTION)

    def answered(calls: list[dict[str, Any]]) -> bool:
        return any(c["method"] == "editMessageText" and c["raw"].get("parse_mode") == "HTML" for c in calls) or any(
            c["method"] == "sendMessage" and c["raw"].get("parse_mode") == "HTML" for c in calls
        )

    calls = emulator.wait_for(session, answered, timeout=600)
    final = next(c for c in reversed(calls) if c["raw"].get("parse_mode") == "HTML")
    text = final["text"]
    assert "Istanbul" in text
    assert re.search(r"\[\d+\]", text), text
    assert "<b>Sources</b>" in text
    assert final["reply_markup"]["inline_keyboard"][0][0]["callback_data"].startswith("quotes:")
    assert calls[0]["method"] == "sendChatAction"
