"""Bot API calls that survive a flaky network and Telegram's objections.

* ``RetryAfter`` (flood control) waits as long as Telegram asks, then retries;
  ``TimedOut`` and other ``NetworkError`` (5xx, connection failures) back off
  exponentially; all through tenacity, a bounded number of times.
  ``BadRequest`` is a ``NetworkError`` subclass in python-telegram-bot but is
  never retried: it will not succeed the second time.
* "message is not modified" (an edit to the text it already shows) is ignored.
* If Telegram rejects our HTML ("can't parse entities"), the same text goes out
  as plain text instead.
"""

from __future__ import annotations

import datetime as dtm
import logging
import re
import warnings
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from bot.telegram.format import html_to_text

log = logging.getLogger(__name__)

T = TypeVar("T")

_FORMAT_ERROR = re.compile(r"can't parse|parse entities|unsupported start tag|can't find end|entity", re.IGNORECASE)
_NOT_MODIFIED = re.compile(r"message is not modified", re.IGNORECASE)
_GONE = re.compile(r"message to edit not found|message can't be edited|message_id_invalid", re.IGNORECASE)


def is_retryable(e: BaseException) -> bool:
    """Flood control, timeouts and network trouble; not a request Telegram refused."""
    return isinstance(e, RetryAfter) or (isinstance(e, NetworkError) and not isinstance(e, BadRequest))


def is_format_error(e: BaseException) -> bool:
    return isinstance(e, BadRequest) and bool(_FORMAT_ERROR.search(e.message))


def is_not_modified(e: BaseException) -> bool:
    return isinstance(e, BadRequest) and bool(_NOT_MODIFIED.search(e.message))


def is_message_gone(e: BaseException) -> bool:
    """The message to edit was deleted (or can no longer be edited): send a new one instead."""
    return isinstance(e, BadRequest) and bool(_GONE.search(e.message))


def retry_after_seconds(e: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns while int and timedelta both exist
        warnings.simplefilter("ignore")
        value: Any = e.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


class Sender:
    """The bot's outgoing calls, retried and with the plain-text fallback.

    ``sleep`` is injectable so tests can record waits instead of sleeping.
    """

    def __init__(
        self,
        bot: Bot,
        *,
        attempts: int = 5,
        base_wait_s: float = 1.0,
        max_wait_s: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self.bot = bot
        self.attempts = attempts
        self.base_wait_s = base_wait_s
        self.max_wait_s = max_wait_s
        self._sleep = sleep

    def _wait(self, state: RetryCallState) -> float:
        e = state.outcome.exception() if state.outcome else None
        if isinstance(e, RetryAfter):
            return retry_after_seconds(e)
        return float(min(self.max_wait_s, self.base_wait_s * 2 ** (state.attempt_number - 1)))

    @staticmethod
    def _log_retry(state: RetryCallState) -> None:
        e = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning(
            "Telegram call failed (%s: %s); retry %d in %.1f s", type(e).__name__, e, state.attempt_number, wait
        )

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        """``await fn()``, retried on :func:`is_retryable` errors."""
        kwargs: dict[str, Any] = {}
        if self._sleep is not None:
            kwargs["sleep"] = self._sleep
        retrying = AsyncRetrying(
            retry=retry_if_exception(is_retryable),
            stop=stop_after_attempt(self.attempts),
            wait=self._wait,
            before_sleep=self._log_retry,
            reraise=True,
            **kwargs,
        )
        async for attempt in retrying:
            with attempt:
                return await fn()
        raise AssertionError("unreachable")  # pragma: no cover

    # -- the calls the bot makes ---------------------------------------------------------
    async def typing(self, chat_id: int) -> None:
        """Show "typing…"; a failure here is not worth failing an answer for."""
        try:
            await self.call(lambda: self.bot.send_chat_action(chat_id, ChatAction.TYPING))
        except TelegramError as e:
            log.debug("typing indicator failed in chat %d: %s", chat_id, e)

    async def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        markup: InlineKeyboardMarkup | None = None,
    ) -> Message:
        """Send plain text (no parse mode)."""
        return await self.call(
            lambda: self.bot.send_message(chat_id, text, reply_parameters=_reply(reply_to), reply_markup=markup)
        )

    async def send_html(
        self,
        chat_id: int,
        html: str,
        *,
        reply_to: int | None = None,
        markup: InlineKeyboardMarkup | None = None,
    ) -> Message:
        """Send Telegram HTML; plain text if Telegram rejects the formatting."""
        try:
            return await self.call(
                lambda: self.bot.send_message(
                    chat_id, html, parse_mode=ParseMode.HTML, reply_parameters=_reply(reply_to), reply_markup=markup
                )
            )
        except BadRequest as e:
            if not is_format_error(e):
                raise
            log.warning("Telegram rejected our HTML (%s); sending plain text", e.message)
            return await self.send_text(chat_id, html_to_text(html), reply_to=reply_to, markup=markup)

    async def edit_text(
        self, chat_id: int, message_id: int, text: str, *, markup: InlineKeyboardMarkup | None = None
    ) -> None:
        """Replace a message's text with plain text; an unchanged text is fine."""
        try:
            await self.call(
                lambda: self.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id, reply_markup=markup)
            )
        except BadRequest as e:
            if not is_not_modified(e):
                raise

    async def edit_html(
        self, chat_id: int, message_id: int, html: str, *, markup: InlineKeyboardMarkup | None = None
    ) -> None:
        """Replace a message's text with Telegram HTML; plain text if the HTML is rejected."""
        try:
            await self.call(
                lambda: self.bot.edit_message_text(
                    html, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML, reply_markup=markup
                )
            )
        except BadRequest as e:
            if is_not_modified(e):
                return
            if not is_format_error(e):
                raise
            log.warning("Telegram rejected our HTML (%s); editing to plain text", e.message)
            await self.edit_text(chat_id, message_id, html_to_text(html), markup=markup)

    async def answer_callback(self, callback_query_id: str, text: str | None = None) -> None:
        """Stop the button's spinner (with a short notice when ``text`` is given)."""
        await self.call(lambda: self.bot.answer_callback_query(callback_query_id, text=text))


def _reply(message_id: int | None) -> ReplyParameters | None:
    if message_id is None:
        return None
    return ReplyParameters(message_id=message_id, allow_sending_without_reply=True)
