"""Telegram Desktop exports, one chat and whole account: text shapes, times, service and empty messages."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from claimscope.ingest import Document, read

FIXTURES = Path(__file__).parent / "fixtures" / "ingest" / "telegram"


def test_single_chat_export():
    path = FIXTURES / "channel" / "result.json"
    items = list(read(str(path)))
    assert all(isinstance(item, Document) for item in items)
    # message 1 is a service message, message 4 a photo without caption
    assert [doc.meta["message_id"] for doc in items] == [2, 3, 5]
    plain, entities, reply = items
    assert plain.text.startswith("Ukraine's military intelligence says the first North Korean units")
    assert plain.outlet == "Frontline Monitor" and plain.kind == "post" and plain.origin == str(path)
    # date_unixtime is UTC; "date" (12:14:05) is the exporting machine's local time
    assert plain.published == datetime(2024, 10, 23, 9, 14, 5) and plain.published_precision == "second"
    assert entities.text == ("About 12,000 soldiers of the DPRK army are being trained at five military sites in "
                             "eastern Russia, the agency said. Details: https://gur.example/news/dprk-training\n\n"
                             "Geolocation by our partners places one of the camps near Ussuriysk.")
    assert entities.meta == {
        "message_id": 3, "chat_id": 1723456789, "chat_type": "public_channel", "author": "Frontline Monitor",
        "forwarded_from": "Defence Intelligence of Ukraine",
        "links": ["https://gur.example/news/dprk-training", "https://osint.example/kursk-geolocation"],
    }
    assert reply.text == 'Update: the Kremlin spokesman said reports of North Korean troops were "another fake".'
    assert reply.meta["reply_to_message_id"] == 3


def test_full_account_export_with_left_chats():
    items = list(read(str(FIXTURES / "account" / "result.json")))
    assert all(isinstance(item, Document) for item in items)
    assert [(doc.outlet, doc.meta["message_id"]) for doc in items] == [
        ("Newsdesk Berlin", 102), ("Newsdesk Berlin", 103), ("Kyiv Independent Feed", 9001), ("OSINT Rumours", 77),
    ]
    assert items[1].text == "Both, attributed. See the NIS briefing."
    assert items[1].meta["links"] == ["https://nis.example/briefing-2024-10-25"]
    assert items[3].meta["forwarded_from"] == "Rybar" and items[3].meta["chat_type"] == "public_supergroup"


def test_date_is_used_when_unixtime_is_missing(tmp_path):
    path = tmp_path / "chat.json"
    path.write_text(json.dumps({"name": "Baltic Desk", "type": "public_channel", "id": 42, "messages": [
        {"id": 1, "type": "message", "date": "2024-10-29T18:02:11", "text": "Tallinn says a cable was damaged."}]}),
        encoding="utf-8")
    [doc] = list(read(str(path)))
    assert doc.published == datetime(2024, 10, 29, 18, 2, 11) and doc.outlet == "Baltic Desk"


def test_bad_messages_are_reported_and_the_rest_go_on(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Levant Live", "type": "public_channel", "id": 9, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1730000000", "photo": "photos/1.jpg"},
        {"id": 2, "type": "message", "date_unixtime": "soon", "text": "Beirut airport reopened."},
        "not a message",
        {"id": 4, "type": "message", "date_unixtime": "1730000400", "text": "Beirut airport reopened, officials say."},
    ]}), encoding="utf-8")
    first, second, third, doc = list(read(str(path)))
    assert str(first) == f"{path}:chat 9 message 1: message has no 'text' field"
    assert str(second) == f"{path}:chat 9 message 2: bad message time: date_unixtime='soon' date=None"
    assert str(third) == f"{path}:chat 9 message ?: not a message object"
    assert isinstance(doc, Document) and doc.published == datetime(2024, 10, 27, 3, 40)


def test_json_that_is_not_an_export(tmp_path):
    for content in ('{"results": [{"headline": "Ceasefire holds"}]}', '[1, 2, 3]'):
        path = tmp_path / "data.json"
        path.write_text(content, encoding="utf-8")
        [error] = list(read(str(path)))
        assert str(error) == f"{path}: not a Telegram export (no messages)"


def test_malformed_json(tmp_path):
    path = tmp_path / "result.json"
    content = '{\n "name": "Frontline Monitor",\n "messages": [\n    {"id": 1,, "text": "x"}\n ]\n}'
    path.write_text(content, encoding="utf-8")
    [error] = list(read(str(path)))
    assert error.reason == "malformed JSON at line 4 column 14: Expecting property name enclosed in double quotes"
