"""``docqa telegram``: configuration from settings and options; a missing token is a clear error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from telegram.error import InvalidToken
from tg_fakes import DOCS, FakeAnswerer

from bot.cli import main
from bot.errors import ConfigError
from bot.settings import Settings
from bot.telegram import app as tg_app
from bot.telegram.app import TelegramConfig, parse_allowed_users, parse_listen

TOKEN = "123456:SECRET-token-value"


@dataclass
class FakeIndex:
    def sources(self) -> dict[str, dict[str, Any]]:
        return DOCS


@dataclass
class FakeApp:
    settings: Settings
    answerer: FakeAnswerer
    index: FakeIndex


def settings(tmp_path: Path, **kw: Any) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, **kw)  # type: ignore[call-arg]


@pytest.fixture(autouse=True)
def no_telegram_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TOKEN", "BASE_URL", "WEBHOOK_URL", "LISTEN", "WEBHOOK_SECRET", "ALLOWED_USERS"):
        monkeypatch.delenv(f"DOCQA_TELEGRAM_{name}", raising=False)


def test_missing_token_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["telegram"], obj=settings(tmp_path))
    assert result.exit_code == 1
    assert "DOCQA_TELEGRAM_TOKEN is not set" in result.output and "Traceback" not in result.output


def test_options_override_settings_and_the_token_is_never_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(tg_app, "run", lambda config, answerer, documents: seen.update(config=config, docs=documents))
    s = settings(
        tmp_path,
        telegram_token=TOKEN,
        telegram_base_url="http://wrong.example/bot",
        telegram_allowed_users="11, 22",
        history_turns=3,
    )
    args = [
        "telegram",
        "--base-url", "http://127.0.0.1:8081/bot",
        "--webhook-url", "https://bot.example.org/tg/hook",
        "--listen", "0.0.0.0:8443",
        "--webhook-secret", "abc_DEF-1",
    ]  # fmt: skip
    answerer = FakeAnswerer()
    result = CliRunner().invoke(main, args, obj=FakeApp(s, answerer, FakeIndex()))
    assert result.exit_code == 0, result.output
    assert answerer.warmed_up  # the model is ready before the first update arrives
    config: TelegramConfig = seen["config"]
    assert config.token == TOKEN and config.base_url == "http://127.0.0.1:8081/bot"
    assert config.file_url == "http://127.0.0.1:8081/file/bot"
    assert config.webhook_url == "https://bot.example.org/tg/hook" and config.url_path == "tg/hook"
    assert config.listen == "0.0.0.0:8443" and config.webhook_secret == "abc_DEF-1"
    assert config.allowed_users == {11, 22} and config.history_turns == 3
    assert config.state_path == tmp_path / "telegram" / "chats.json"
    assert seen["docs"] == DOCS
    assert "SECRET" not in result.output and "SECRET" not in repr(config)

    result = CliRunner().invoke(main, ["telegram"], obj=FakeApp(s, FakeAnswerer(), FakeIndex()))
    assert seen["config"].base_url == "http://wrong.example/bot" and seen["config"].webhook_url is None


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"telegram_allowed_users": "12, bob"}, "numeric user ids"),
        ({"telegram_webhook_url": "https://x.org/hook", "telegram_listen": "8443"}, "HOST:PORT"),
        ({"telegram_webhook_url": "https://x.org/hook", "telegram_webhook_secret": "no spaces"}, "webhook secret"),
        ({"telegram_webhook_url": "ftp://x.org/hook"}, "http(s) URL"),
    ],
)
def test_bad_settings_are_clear_errors(tmp_path: Path, kw: dict[str, Any], message: str) -> None:
    result = CliRunner().invoke(main, ["telegram"], obj=settings(tmp_path, telegram_token=TOKEN, **kw))
    assert result.exit_code == 1 and message in result.output and "SECRET" not in result.output


def test_parsers() -> None:
    assert parse_allowed_users("") == frozenset()
    assert parse_allowed_users(" 1,2 3 ") == {1, 2, 3}
    assert parse_listen("[::1]:8443") == ("::1", 8443)
    with pytest.raises(ConfigError):
        parse_listen("localhost:http")


def test_a_rejected_token_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def refuse(*args: Any, **kwargs: Any) -> None:
        raise InvalidToken("Unauthorized")

    monkeypatch.setattr(tg_app, "serve", refuse)
    with pytest.raises(ConfigError, match="rejected the bot token"):
        tg_app.run(TelegramConfig(token=TOKEN, state_path=tmp_path / "c.json"), FakeAnswerer(), DOCS)
