"""The Telegram front end: ``docqa telegram``.

    format   pure functions: answers, sources and quotes as Telegram HTML; a tag-aware 4096 splitter
    history  per-chat conversation turns and recent answers' quotes, persisted atomically as JSON
    queue    one queue, one worker: the model answers one question at a time, chats in order
    sender   Bot API calls with retries (RetryAfter, timeouts, network errors) and a plain-text fallback
    app      handlers, application building, webhook or long polling, clean shutdown

The layer is thin: it takes any object with ``stream(question, history)`` (the
real :class:`bot.answerer.Answerer`, or a fake in tests) and only renders what
it returns.
"""
