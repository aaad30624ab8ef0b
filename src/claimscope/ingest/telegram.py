"""Telegram Desktop exports (`result.json`, or any `.json` shaped like one).

Both layouts: one chat (`{"name", "type", "id", "messages": [...]}`) and the whole account
(`{"chats": {"list": [...]}, "left_chats": {"list": [...]}}`). Each message with text is a Document of kind
"post": text joined from a string or a list of strings and entity dicts; published from `date_unixtime` (UTC,
stored naive, precision "second"), else `date` (the exporting machine's local time, kept as written); the
chat name as outlet; meta keeps message_id, chat_id, chat_type, author, forwarded_from, reply_to_message_id
and the links in the text. Service messages and messages with empty text (media without caption) are skipped;
a message without a `text` field yields an IngestError. The file is parsed as a stream (ijson): an export cut
off mid-file keeps every complete message before the cut and reports where it broke.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import ijson

from claimscope.ingest.document import Document
from claimscope.ingest.errors import IngestError
from claimscope.ingest.files import decode


CHAT_PREFIXES = ("", "chats.list.item", "left_chats.list.item")
MESSAGE_PREFIXES = tuple(f"{chat}.messages.item".lstrip(".") for chat in CHAT_PREFIXES)
CHAT_FIELDS = ("name", "type", "id")
SCALARS = ("string", "number", "boolean", "null")
MAX_DEPTH = 64


def read_export(data: bytes, origin: str) -> Iterator[Document | IngestError]:
    """Every text message of every chat in a Telegram Desktop export, read as a stream: an export cut off or
    broken mid-file keeps the complete messages before the break, then yields one IngestError saying where."""
    text = decode(data, origin)
    found = False
    last: tuple[Any, Any] | None = None  # (chat id, message id) of the last complete message
    kept = 0
    try:
        events = _prefixed(ijson.basic_parse(text.encode("utf-8"), use_float=True), origin)
        for chat, messages in _stream_chats(events):
            found = True
            for message in messages:
                last = (chat.get("id"), message.get("id") if isinstance(message, dict) else "?")
                kept += 1
                try:
                    document = _document(message, chat, origin)
                except IngestError as err:
                    yield err
                    continue
                if document is not None:
                    yield document
    except ijson.JSONError as err:
        yield IngestError(origin, _break(text, err, kept, last))
        return
    if not found:
        raise IngestError(origin, "not a Telegram export (no messages)")


def _stream_chats(events: Iterator[tuple[str, str, Any]]) -> Iterator[tuple[dict[str, Any], list[Any]]]:
    """(chat fields, its complete messages) for each chat with a `messages` list, as the parser reaches the end
    of the chat, or of the input where it breaks (the complete messages so far, then the parser's error)."""
    chats: dict[str, tuple[dict[str, Any], list[Any]]] = {}  # chat prefix -> (fields, messages), while open
    builder: tuple[str, ijson.ObjectBuilder] | None = None  # the message being read: its prefix and builder
    try:
        for prefix, event, value in events:
            if builder is not None:
                builder[1].event(event, value)
                if prefix == builder[0] and event in ("end_map", "end_array"):
                    chats[_chat_of(builder[0])][1].append(builder[1].value)
                    builder = None
                continue
            if prefix in CHAT_PREFIXES and event == "start_map":
                chats[prefix] = ({}, [])
            elif prefix in CHAT_PREFIXES and event == "end_map" and prefix in chats:
                fields, messages = chats.pop(prefix)
                if "messages" in fields:
                    yield fields, messages
            elif prefix in MESSAGE_PREFIXES and _chat_of(prefix) in chats:
                if event in ("start_map", "start_array"):
                    builder = (prefix, ijson.ObjectBuilder())
                    builder[1].event(event, value)
                else:
                    chats[_chat_of(prefix)][1].append(value)
            else:
                chat, _, key = prefix.rpartition(".") if "." in prefix else ("", "", prefix)
                if chat in chats and key in CHAT_FIELDS and event in SCALARS:
                    chats[chat][0][key] = value
                elif chat in chats and key == "messages" and event == "start_array":
                    chats[chat][0]["messages"] = True
    except ijson.JSONError:
        for fields, messages in chats.values():
            if messages:
                yield fields, messages
        raise


def _prefixed(events: Iterator[tuple[str, Any]], origin: str) -> Iterator[tuple[str, str, Any]]:
    """ijson's (prefix, event, value) from its basic events, refusing nesting no export has: ijson's own
    prefixes would cost memory as the square of the depth ("[[[[...")."""
    path: list[str] = []
    for event, value in events:
        if event == "map_key":
            prefix = ".".join(path[:-1])
            path[-1] = value
        elif event in ("start_map", "start_array"):
            prefix = ".".join(path)
            path.append("item" if event == "start_array" else "")
            if len(path) > MAX_DEPTH:
                raise IngestError(origin, f"JSON nested deeper than {MAX_DEPTH} levels: not a Telegram export")
        elif event in ("end_map", "end_array"):
            path.pop()
            prefix = ".".join(path)
        else:
            prefix = ".".join(path)
        yield prefix, event, value


def _chat_of(message_prefix: str) -> str:
    return message_prefix.removesuffix("messages.item").removesuffix(".")


def _break(text: str, err: Exception, kept: int, last: tuple[Any, Any] | None) -> str:
    """Where and why the JSON broke, and what was kept before the break."""
    try:
        json.loads(text)
        where = str(err).splitlines()[0]
    except json.JSONDecodeError as exact:
        where = f"at line {exact.lineno} column {exact.colno}: {exact.msg}"
    if "premature EOF" in str(err):
        where = f"cut off at line {text.count(chr(10)) + 1} (the file ends inside the JSON)"
    else:
        where = f"malformed JSON {where}"
    if not kept or last is None:
        return where
    return f"{where}; kept the {kept} complete messages before it, the last chat {last[0]} message {last[1]}"


def joined_text(text: Any) -> str:
    """A message's text: a string, or a list of strings and entity dicts (`{"type": "bold", "text": ...}`)."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in text
                       if isinstance(part, str | dict))
    raise ValueError(f"'text' is a {type(text).__name__}")


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
