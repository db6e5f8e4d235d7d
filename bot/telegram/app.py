"""Handlers and application building for ``docqa telegram``.

    update ──► gate (group -1: addressed to us? allowed user?) ──► command handlers (answer at once)
                                                              └─► question ──► QuestionQueue ──► one worker
    worker: typing… ──► answerer.stream() in a thread ──► one message edited as the text grows
            ──► final HTML (split at 4096) with Sources and a "Show quotes" button ──► chat history

:class:`DocqaTelegram` takes any :class:`~bot.telegram.queue.AnswererLike`, so
tests drive it with a fake answerer; :func:`serve` runs it by webhook or long
polling until SIGINT/SIGTERM (or a test's ``stop`` event).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import re
import signal
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.answerer import Answer
from bot.errors import USER_ERRORS, ConfigError
from bot.telegram.format import (
    HELP_TEXT,
    PREVIEW_LIMIT,
    format_answer,
    format_quotes,
    format_refusal,
    format_start,
    preview_text,
    refs_from_answer,
    split_html,
)
from bot.telegram.history import ChatStore
from bot.telegram.queue import (
    AnswererLike,
    Cancelled,
    Done,
    Failed,
    Job,
    Piece,
    QuestionQueue,
    QueueClosed,
    ThreadedStream,
    UserLimitReached,
)
from bot.telegram.sender import Sender, is_message_gone

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

TgApp = Application[Any, Any, Any, Any, Any, Any]
Context = ContextTypes.DEFAULT_TYPE

NOT_ALLOWED = "Sorry, this bot is private: you are not on its list of users."
SORRY = "Sorry, something went wrong on my side while answering. Please try again in a moment."
RESTARTING = "Sorry, I'm restarting and had to drop your question. Please ask it again in a minute."
STOPPED = "(Stopped: the bot is restarting. Please ask again in a minute.)"
QUOTES_BUTTON = "Show quotes"
COMMANDS = [
    BotCommand("start", "Greeting and the list of documents"),
    BotCommand("help", "How to ask, and the commands"),
    BotCommand("sources", "The quotes behind the last answer"),
    BotCommand("reset", "Forget this chat's conversation"),
]
_GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


# -- configuration -------------------------------------------------------------------------
def parse_allowed_users(value: str) -> frozenset[int]:
    """``"123, 456"`` → ``{123, 456}``; an empty string means the bot is open to anyone."""
    ids = set()
    for item in re.split(r"[,\s]+", value.strip()):
        if not item:
            continue
        try:
            ids.add(int(item))
        except ValueError:
            raise ConfigError(
                f"DOCQA_TELEGRAM_ALLOWED_USERS must be comma-separated numeric user ids; {item!r} is not one"
            ) from None
    return frozenset(ids)


def parse_listen(value: str) -> tuple[str, int]:
    """``"HOST:PORT"`` (``"[::1]:8443"`` for IPv6) → ``(host, port)``."""
    host, sep, port = value.strip().rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"--listen / DOCQA_TELEGRAM_LISTEN must be HOST:PORT, not {value!r}")
    return host.strip("[]"), int(port)


def file_url_for(base_url: str) -> str:
    """The file-download root that goes with a Bot API root (``…/bot`` → ``…/file/bot``)."""
    root = base_url.rstrip("/")
    if root.endswith("/bot"):
        return root[: -len("bot")] + "file/bot"
    return root + "/file/bot"


@dataclass(frozen=True)
class TelegramConfig:
    """Everything the Telegram front end needs; built from :class:`Settings` plus CLI overrides."""

    token: str = field(repr=False)
    state_path: Path
    base_url: str | None = None
    base_file_url: str | None = None
    webhook_url: str | None = None
    listen: str = "127.0.0.1:8443"
    webhook_secret: str | None = field(default=None, repr=False)
    allowed_users: frozenset[int] = frozenset()
    per_user_queue: int = 3
    edit_interval_s: float = 1.0
    history_turns: int = 6
    typing_interval_s: float = 4.0
    """Telegram shows "typing…" for about 5 s; it is renewed this often until text appears."""
    shutdown_grace_s: float = 5.0

    def __post_init__(self) -> None:
        if not self.token or not self.token.strip():
            raise ConfigError("DOCQA_TELEGRAM_TOKEN is not set: create a bot with @BotFather and set its token")
        if self.webhook_secret is not None and not _SECRET.match(self.webhook_secret):
            raise ConfigError("the webhook secret may use only A-Z, a-z, 0-9, _ and -, at most 256 characters")
        if self.webhook_url is not None:
            if urlparse(self.webhook_url).scheme not in ("http", "https"):
                raise ConfigError(f"--webhook-url must be an http(s) URL, not {self.webhook_url!r}")
            parse_listen(self.listen)
        if self.edit_interval_s < 0 or self.per_user_queue < 0:
            raise ConfigError("telegram_edit_interval_s and telegram_per_user_queue must not be negative")

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        base_url: str | None = None,
        webhook_url: str | None = None,
        listen: str | None = None,
        webhook_secret: str | None = None,
    ) -> TelegramConfig:
        """The DOCQA_TELEGRAM_* settings, each overridden by its CLI option when given."""
        token = settings.telegram_token.get_secret_value() if settings.telegram_token else ""
        secret = webhook_secret or (
            settings.telegram_webhook_secret.get_secret_value() if settings.telegram_webhook_secret else None
        )
        return cls(
            token=token,
            state_path=settings.data_dir / "telegram" / "chats.json",
            base_url=base_url or settings.telegram_base_url,
            base_file_url=settings.telegram_base_file_url,
            webhook_url=webhook_url or settings.telegram_webhook_url,
            listen=listen or settings.telegram_listen,
            webhook_secret=secret,
            allowed_users=parse_allowed_users(settings.telegram_allowed_users),
            per_user_queue=settings.telegram_per_user_queue,
            edit_interval_s=settings.telegram_edit_interval_s,
            history_turns=settings.history_turns,
        )

    @property
    def file_url(self) -> str | None:
        if self.base_file_url:
            return self.base_file_url
        return file_url_for(self.base_url) if self.base_url else None

    @property
    def url_path(self) -> str:
        """The path the webhook server answers on: the webhook URL's own path."""
        return urlparse(self.webhook_url or "").path.strip("/")


# -- small pure helpers ---------------------------------------------------------------------
def is_group(message: Message) -> bool:
    return message.chat.type in _GROUPS


def _mentions(message: Message, username: str | None, bot_id: int) -> bool:
    for entity, text in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if entity.type == MessageEntity.MENTION and username and text[1:].lower() == username.lower():
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None and entity.user.id == bot_id:
            return True
    return False


def command_target(message: Message) -> str | None:
    """For ``/cmd@name …`` the ``name``; ``""`` for a plain ``/cmd``; None when it is not a command."""
    text = message.text or ""
    ents = message.entities or ()
    if not ents or ents[0].type != MessageEntity.BOT_COMMAND or ents[0].offset != 0:
        return None
    command = text[: ents[0].length]
    return command.partition("@")[2]


def addressed_to_bot(message: Message, username: str | None, bot_id: int) -> bool:
    """In a private chat everything is; in a group only a mention, a reply to us, or our command."""
    if not is_group(message):
        return True
    target = command_target(message)
    if target is not None:
        return target == "" or (username is not None and target.lower() == username.lower())
    if _mentions(message, username, bot_id):
        return True
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == bot_id


def question_text(message: Message, username: str | None) -> str:
    """The message text with our @mention taken out."""
    text = message.text or ""
    if username:
        text = re.sub(rf"(?<!\w)@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


def place_in_line(ahead: int) -> str:
    if ahead == 1:
        return "You're next: one question is being answered before yours. I'll answer as soon as it's done."
    return f"You're in line: {ahead} questions are ahead of yours. I'll answer as soon as I can."


def quotes_markup(number: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(QUOTES_BUTTON, callback_data=f"quotes:{number}")]])


# -- the streamed message --------------------------------------------------------------------
class _Preview:
    """One message that shows the answer as it is written, edited at most once per ``interval``."""

    def __init__(self, sender: Sender, job: Job, interval: float) -> None:
        self._sender = sender
        self._job = job
        self._interval = interval
        self._clock = asyncio.get_running_loop().time
        self.message_id: int | None = None
        self.text = ""
        self._shown: str | None = None
        self._last = -math.inf

    @property
    def target(self) -> int | None:
        """The message to edit: ours, else the place-in-line notice."""
        return self.message_id or self._job.notice_id

    def _changed(self) -> bool:
        return bool(self.text.strip()) and preview_text(self.text) != self._shown

    def due(self) -> bool:
        return self._changed() and (self.target is None or self._clock() - self._last >= self._interval)

    def wait(self) -> float | None:
        """Seconds until a pending change should be shown; None when nothing is pending."""
        if not self._changed():
            return None
        return max(0.0, self._last + self._interval - self._clock())

    async def flush(self) -> None:
        if not self._changed():
            return
        shown = preview_text(self.text)
        self._last = self._clock()
        self._job.displayed = True
        target = self.target
        if target is not None:
            try:
                await self._sender.edit_text(self._job.chat_id, target, shown)
            except BadRequest as e:
                if not is_message_gone(e):
                    raise
                self.message_id = self._job.notice_id = target = None  # deleted meanwhile: start a new one
        if target is None:
            quote = self._job.message_id if self._job.quote else None
            msg = await self._sender.send_text(self._job.chat_id, shown, reply_to=quote)
            self.message_id = msg.message_id
        self._shown = shown


# -- the bot ------------------------------------------------------------------------------------
class DocqaTelegram:
    """The Telegram front end: handlers, the question queue, per-chat memory."""

    def __init__(
        self,
        answerer: AnswererLike,
        config: TelegramConfig,
        documents: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        store: ChatStore | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self.answerer = answerer
        self.config = config
        docs = documents or {}
        self.titles = [str(docs[name].get("title") or name) for name in sorted(docs)]
        self.store = store or ChatStore(config.state_path, max_turns=config.history_turns)
        self.queue = QuestionQueue(self._answer, per_user=config.per_user_queue, on_error=self._apologise)
        self._sleep = sleep
        self._sender: Sender | None = None

    @property
    def sender(self) -> Sender:
        if self._sender is None:
            raise RuntimeError("install() the bot on an Application first")
        return self._sender

    # -- wiring --------------------------------------------------------------------------
    def install(self, application: TgApp) -> None:
        """Register the handlers and the error handler on ``application``."""
        self._sender = Sender(application.bot, sleep=self._sleep)
        application.add_handler(TypeHandler(Update, self.gate), group=-1)
        application.add_handler(CommandHandler("start", self.start))
        application.add_handler(CommandHandler("help", self.help))
        application.add_handler(CommandHandler("reset", self.reset))
        application.add_handler(CommandHandler("sources", self.sources))
        application.add_handler(CallbackQueryHandler(self.show_quotes, pattern=r"^quotes:\d+$"))
        application.add_handler(
            MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, self.question)
        )
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, self.unknown))
        application.add_error_handler(self.on_error)

    async def register_commands(self, bot: Bot) -> None:
        """Publish the command menu; a Bot API that lacks setMyCommands only costs a warning."""
        try:
            await self.sender.call(lambda: bot.set_my_commands(COMMANDS))
        except TelegramError as e:
            log.warning("could not register the command menu (%s: %s)", type(e).__name__, e)

    def start_worker(self) -> None:
        self.queue.start()

    async def stop(self) -> None:
        """Take no more questions, cancel the answer in flight, tell waiting users."""
        dropped = await self.queue.stop(timeout=3 * self.config.shutdown_grace_s)
        if dropped:
            log.info("dropping %d queued question(s)", len(dropped))
            sends = [
                self.sender.send_text(
                    j.chat_id, RESTARTING, reply_to=j.notice_id or (j.message_id if j.quote else None)
                )
                for j in dropped
            ]
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.config.shutdown_grace_s):
                    await asyncio.gather(*sends, return_exceptions=True)

    # -- gate -----------------------------------------------------------------------------
    async def gate(self, update: Update, context: Context) -> None:
        """Runs first: ignore group chatter not meant for us; turn away users not on the list."""
        message = update.message
        if message is None and update.callback_query is None:
            raise ApplicationHandlerStop  # edits, channel posts, member updates: nothing to do
        if message is not None and not addressed_to_bot(message, context.bot.username, context.bot.id):
            raise ApplicationHandlerStop
        allowed = self.config.allowed_users
        user = update.effective_user
        if not allowed or (user is not None and user.id in allowed):
            return
        log.info("refused user %s", user.id if user else "unknown")
        if update.callback_query is not None:
            await self.sender.answer_callback(update.callback_query.id, NOT_ALLOWED)
        elif message is not None:
            await self.sender.send_text(message.chat_id, NOT_ALLOWED, reply_to=self._quote(message))
        raise ApplicationHandlerStop

    # -- commands -----------------------------------------------------------------------------
    async def start(self, update: Update, context: Context) -> None:
        """/start: greet, and list the documents by title."""
        message = _message(update)
        hint = ""
        if is_group(message):
            hint = f"In this group, mention me (@{context.bot.username}) or reply to one of my messages."
        await self._send_html(message.chat_id, format_start(self.titles, group_hint=hint), self._quote(message))

    async def help(self, update: Update, context: Context) -> None:
        """/help: how to ask, and the commands."""
        message = _message(update)
        await self._send_html(message.chat_id, HELP_TEXT, self._quote(message))

    async def reset(self, update: Update, context: Context) -> None:
        """/reset: forget this chat's conversation; the next question starts afresh."""
        message = _message(update)
        self.store.reset(message.chat_id)
        await self.sender.send_text(
            message.chat_id,
            "Done: I've forgotten this conversation. Your next question starts afresh.",
            reply_to=self._quote(message),
        )

    async def sources(self, update: Update, context: Context) -> None:
        """/sources: the quotes behind this chat's last answer."""
        message = _message(update)
        refs = self.store.last_quotes(message.chat_id)
        if refs is None:
            await self.sender.send_text(
                message.chat_id,
                "No answer yet in this conversation. Ask me a question first.",
                reply_to=self._quote(message),
            )
            return
        await self._send_html(message.chat_id, format_quotes(refs), self._quote(message))

    async def unknown(self, update: Update, context: Context) -> None:
        """Any other command: say which ones exist."""
        message = _message(update)
        await self.sender.send_text(
            message.chat_id, "I don't know that command. /help lists mine.", reply_to=self._quote(message)
        )

    async def show_quotes(self, update: Update, context: Context) -> None:
        """The "Show quotes" button: the quotes behind the answer it sits under."""
        query = update.callback_query
        chat = update.effective_chat
        if query is None or chat is None or not query.data:
            return
        refs = self.store.quotes(chat.id, int(query.data.partition(":")[2]))
        if refs is None:
            await self.sender.answer_callback(query.id, "That answer is too old: its quotes are no longer kept.")
            return
        await self.sender.answer_callback(query.id)
        reply_to = query.message.message_id if query.message is not None else None
        await self._send_html(chat.id, format_quotes(refs), reply_to)

    # -- questions ------------------------------------------------------------------------------
    async def question(self, update: Update, context: Context) -> None:
        """A question: queue it for the model at once, show "typing…", and say where it is in line."""
        message = _message(update)
        user_id = message.from_user.id if message.from_user else message.chat_id
        text = question_text(message, context.bot.username)
        quote = self._quote(message)
        check = getattr(self.answerer, "check_question", None)
        try:
            if callable(check):
                text = check(text)
            job = Job(message.chat_id, user_id, text, message.message_id, quote=quote is not None)
            ahead = self.queue.submit(job)  # no await before this: questions keep their arrival order
        except USER_ERRORS as e:
            await self.sender.send_text(message.chat_id, str(e), reply_to=quote)
            return
        except UserLimitReached as e:
            await self.sender.send_text(
                message.chat_id,
                f"You already have {e.limit} questions waiting. Please wait for those answers before asking more.",
                reply_to=quote,
            )
            return
        except QueueClosed:
            await self.sender.send_text(message.chat_id, RESTARTING, reply_to=quote)
            return
        job.typing_at = asyncio.get_running_loop().time()
        await self.sender.typing(message.chat_id)
        if ahead:
            notice = await self.sender.send_text(message.chat_id, place_in_line(ahead), reply_to=quote)
            if job.displayed:  # the answer started meanwhile, in a message of its own
                with contextlib.suppress(TelegramError):
                    await self.sender.call(lambda: notice.delete())
            else:
                job.notice_id = notice.message_id

    async def _answer(self, job: Job) -> None:
        """The worker's part: stream one answer into one message, then send the final form."""
        preview = _Preview(self.sender, job, self.config.edit_interval_s)
        typing = asyncio.create_task(self._keep_typing(job, preview))
        history = self.store.turns(job.chat_id)
        stream = ThreadedStream(lambda: self.answerer.stream(job.question, history)).begin()
        answer: Answer | None = None
        try:
            while answer is None:
                event = await stream.get(preview.wait())
                if event is None:
                    await preview.flush()
                elif isinstance(event, Piece):
                    preview.text += event.text
                    if preview.due():
                        await preview.flush()
                elif isinstance(event, Done):
                    answer = event.answer
                elif isinstance(event, Failed):
                    raise event.error
                elif isinstance(event, Cancelled):
                    return
        except asyncio.CancelledError:
            stream.cancel()
            await self._stopped(job, preview, stream)
            raise
        except USER_ERRORS as e:  # the question can't be answered as asked, or the model failed: say why
            await self._say(job, preview.target, str(e))
            return
        finally:
            typing.cancel()
            stream.cancel()
        number = self.store.record(job.chat_id, answer)
        await self._deliver(job, preview.target, answer, number)

    async def _deliver(self, job: Job, target: int | None, answer: Answer, number: int) -> None:
        refs = [] if answer.refused else refs_from_answer(answer)
        markup = quotes_markup(number) if refs else None
        html = format_refusal(answer.text) if answer.refused else format_answer(answer.text, refs)
        parts = split_html(html) or [format_refusal(answer.text or "…")]
        for k, part in enumerate(parts):
            last = k == len(parts) - 1
            if k == 0 and target is not None:
                try:
                    await self.sender.edit_html(job.chat_id, target, part, markup=markup if last else None)
                    continue
                except BadRequest as e:
                    if not is_message_gone(e):
                        raise
            quote = job.message_id if job.quote and k == 0 else None
            await self.sender.send_html(job.chat_id, part, reply_to=quote, markup=markup if last else None)

    async def _keep_typing(self, job: Job, preview: _Preview) -> None:
        """Renew "typing…" until the answer's first words are on screen."""
        loop = asyncio.get_running_loop()
        delay = max(0.0, job.typing_at + self.config.typing_interval_s - loop.time())
        while True:
            await asyncio.sleep(delay)
            if job.displayed:
                return
            job.typing_at = loop.time()
            await self.sender.typing(job.chat_id)
            delay = self.config.typing_interval_s

    async def _stopped(self, job: Job, preview: _Preview, stream: ThreadedStream) -> None:
        """Shutdown reached this answer: say so in its message, let the thread close the stream."""
        grace = self.config.shutdown_grace_s
        so_far = preview.text.strip()[:PREVIEW_LIMIT]
        note = f"{so_far}\n\n{STOPPED}" if so_far else RESTARTING
        try:
            async with asyncio.timeout(grace):
                await self._say(job, preview.target, note)
        except (TimeoutError, TelegramError) as e:
            log.warning("could not tell chat %d that its answer was stopped: %s", job.chat_id, e)
        if not await stream.wait_closed(grace):
            log.warning("the answer in flight did not stop within %.0f s", grace)

    async def _say(self, job: Job, target: int | None, text: str) -> None:
        if target is not None:
            await self.sender.edit_text(job.chat_id, target, text)
        else:
            await self.sender.send_text(job.chat_id, text, reply_to=job.message_id if job.quote else None)

    async def _apologise(self, job: Job, error: Exception) -> None:
        await self.sender.send_text(job.chat_id, SORRY, reply_to=job.message_id if job.quote else None)

    # -- errors -----------------------------------------------------------------------------------
    async def on_error(self, update: object, context: Context) -> None:
        """Any error a handler raised: logged with its traceback; the user gets a short apology."""
        log.error("error while handling an update", exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            with contextlib.suppress(TelegramError):
                await self.sender.send_text(update.effective_chat.id, SORRY)

    # -- helpers ----------------------------------------------------------------------------------
    @staticmethod
    def _quote(message: Message) -> int | None:
        """In a group, replies quote the message they answer."""
        return message.message_id if is_group(message) else None

    async def _send_html(self, chat_id: int, html: str, reply_to: int | None = None) -> None:
        for k, part in enumerate(split_html(html)):
            await self.sender.send_html(chat_id, part, reply_to=reply_to if k == 0 else None)


def _message(update: Update) -> Message:
    if update.effective_message is None:  # pragma: no cover - the filters let only messages through
        raise ValueError("this handler needs a message")
    return update.effective_message


# -- building and running ------------------------------------------------------------------------
def build_application(
    config: TelegramConfig,
    answerer: AnswererLike,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    request: BaseRequest | None = None,
    store: ChatStore | None = None,
    sleep: Callable[[float], Awaitable[None]] | None = None,
) -> tuple[TgApp, DocqaTelegram]:
    """A python-telegram-bot Application with our handlers; ``request`` replaces HTTP in tests."""
    builder = Application.builder().token(config.token).concurrent_updates(True)
    if config.base_url:
        builder = builder.base_url(config.base_url)
    if config.file_url:
        builder = builder.base_file_url(config.file_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    front = DocqaTelegram(answerer, config, documents, store=store, sleep=sleep)
    front.install(application)
    return application, front


class RedactSecrets(logging.Filter):
    """Replaces the token (and webhook secret) in every log line and traceback that passes."""

    def __init__(self, *secrets: str | None) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def _clean(self, text: str) -> str:
        for s in self.secrets:
            text = text.replace(s, "<redacted>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self._clean(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        return True


async def serve(
    config: TelegramConfig,
    answerer: AnswererLike,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    stop: asyncio.Event | None = None,
    handle_signals: bool = True,
    ready: Callable[[DocqaTelegram], None] | None = None,
    request: BaseRequest | None = None,
) -> None:
    """Run the bot until SIGINT/SIGTERM (or ``stop`` is set), then stop cleanly.

    Webhook mode when ``config.webhook_url`` is set (the server listens on
    ``config.listen``), long polling otherwise.
    """
    application, front = build_application(config, answerer, documents, request=request)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    signals: list[signal.Signals] = []
    if handle_signals:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
            signals.append(sig)
    redact = RedactSecrets(config.token, config.webhook_secret)
    handlers = list(logging.getLogger().handlers)
    for h in handlers:
        h.addFilter(redact)
    updates = [Update.MESSAGE, Update.CALLBACK_QUERY]
    try:
        await application.initialize()  # getMe: the token is checked here
        log.info("signed in as @%s", application.bot.username)
        if config.allowed_users:
            log.info("open to %d allowed user(s)", len(config.allowed_users))
        else:
            log.warning("DOCQA_TELEGRAM_ALLOWED_USERS is empty: the bot is open to anyone who finds it")
        await front.register_commands(application.bot)
        front.start_worker()
        updater = application.updater
        assert updater is not None
        if config.webhook_url:
            host, port = parse_listen(config.listen)
            await updater.start_webhook(
                listen=host,
                port=port,
                url_path=config.url_path,
                webhook_url=config.webhook_url,
                secret_token=config.webhook_secret,
                allowed_updates=updates,
                bootstrap_retries=3,
            )
            log.info("webhook mode: listening on %s:%d for %s", host, port, urlparse(config.webhook_url).netloc)
        else:
            await updater.start_polling(allowed_updates=updates, bootstrap_retries=3)
            log.info("long polling for updates")
        await application.start()
        if ready is not None:
            ready(front)
        await stop.wait()
        log.info("stopping")
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
        try:
            if application.updater is not None and application.updater.running:
                await application.updater.stop()
            await front.stop()
            if application.running:
                await application.stop()
            await application.shutdown()
        finally:
            for h in handlers:
                h.removeFilter(redact)


def run(config: TelegramConfig, answerer: AnswererLike, documents: Mapping[str, Mapping[str, Any]] | None) -> None:
    """``docqa telegram``: serve until SIGINT/SIGTERM; start-up failures become :class:`ConfigError`."""
    try:
        asyncio.run(serve(config, answerer, documents))
    except InvalidToken as e:
        raise ConfigError(f"Telegram rejected the bot token (DOCQA_TELEGRAM_TOKEN): {e}") from None
    except BadRequest as e:
        raise ConfigError(f"Telegram refused a start-up request: {e}") from None
    except NetworkError as e:
        where = config.base_url or "api.telegram.org"
        raise ConfigError(f"cannot reach the Telegram Bot API at {where}: {e}") from None
