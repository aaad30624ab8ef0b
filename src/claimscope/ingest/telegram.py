"""Telegram Desktop exports (`result.json`, or any `.json` shaped like one).

Both layouts: one chat (`{"name", "type", "id", "messages": [...]}`) and the whole account
(`{"chats": {"list": [...]}, "left_chats": {"list": [...]}}`). Each message with text is a Document of kind
"post": text joined from a string or a list of strings and entity dicts; published from `date_unixtime` (UTC,
stored naive, precision "second"), else `date` (the exporting machine's local time, kept as written); the
chat name as outlet; meta keeps message_id, chat_id, chat_type, author, forwarded_from, reply_to_message_id
and the links in the text. Service messages and messages with empty text (media without caption) are skipped;
a message without a `text` field yields an IngestError.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from claimscope.ingest.document import Document
from claimscope.ingest.errors import IngestError
from claimscope.ingest.files import decode


def read_export(data: bytes, origin: str) -> Iterator[Document | IngestError]:
    """Every text message of every chat in a Telegram Desktop export."""
    try:
        export = json.loads(decode(data, origin))
    except json.JSONDecodeError as err:
        raise IngestError(origin, f"malformed JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
    chats = _chats(export)
    if not chats:
        raise IngestError(origin, "not a Telegram export (no messages)")
    for chat in chats:
        for message in chat["messages"]:
            try:
                document = _document(message, chat, origin)
            except IngestError as err:
                yield err
                continue
            if document is not None:
                yield document


def joined_text(text: Any) -> str:
    """A message's text: a string, or a list of strings and entity dicts (`{"type": "bold", "text": ...}`)."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in text
                       if isinstance(part, str | dict))
    raise ValueError(f"'text' is a {type(text).__name__}")


def _chats(export: Any) -> list[dict[str, Any]]:
    if not isinstance(export, dict):
        return []
    if isinstance(export.get("messages"), list):
        return [export]
    chats = []
    for section in ("chats", "left_chats"):
        listing = export.get(section)
        if isinstance(listing, dict) and isinstance(listing.get("list"), list):
            chats += [chat for chat in listing["list"]
                      if isinstance(chat, dict) and isinstance(chat.get("messages"), list)]
    return chats


def _document(message: Any, chat: dict[str, Any], origin: str) -> Document | None:
    where = f"{origin}:chat {chat.get('id')} message {message.get('id') if isinstance(message, dict) else '?'}"
    if not isinstance(message, dict):
        raise IngestError(where, "not a message object")
    if message.get("type") == "service":
        return None
    if "text" not in message and "text_entities" not in message:
        raise IngestError(where, "message has no 'text' field")
    try:
        text = joined_text(message["text"] if "text" in message else message["text_entities"])
        published = _time(message)
    except ValueError as err:
        raise IngestError(where, str(err)) from None
    if not text.strip():
        return None
    meta = {
        "message_id": message.get("id"),
        "chat_id": chat.get("id"),
        "chat_type": chat.get("type"),
        "author": message.get("author") or message.get("from"),
        "forwarded_from": message.get("forwarded_from"),
        "reply_to_message_id": message.get("reply_to_message_id"),
        "links": _links(message.get("text")),
    }
    return Document(text=text, outlet=chat.get("name"), published=published,
                    published_precision="second" if published else None, kind="post", origin=origin,
                    meta={key: value for key, value in meta.items() if value not in (None, [])})


def _time(message: dict[str, Any]) -> datetime | None:
    stamp, written = message.get("date_unixtime"), message.get("date")
    try:
        if stamp not in (None, ""):
            return datetime.fromtimestamp(int(stamp), timezone.utc).replace(tzinfo=None)
        return datetime.fromisoformat(written) if written else None
    except (ValueError, TypeError, OverflowError):
        raise ValueError(f"bad message time: date_unixtime={stamp!r} date={written!r}") from None


def _links(text: Any) -> list[str]:
    if not isinstance(text, list):
        return []
    return [part.get("href") or part.get("text") for part in text
            if isinstance(part, dict) and part.get("type") in ("link", "text_link")]
