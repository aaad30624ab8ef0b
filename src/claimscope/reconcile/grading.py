"""The NATO Admiralty code: source reliability A–F per actor (set by the user), and information
credibility 1–6 per claim, computed from corroboration by independent origins, each with a reason."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from claimscope.config import data_home
from claimscope.reconcile.consistency import Relations
from claimscope.reconcile.independence import Origin

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
DEFAULT_RELIABILITY = "F"


@dataclass(frozen=True)
class Grade:
    """A letter or digit of the Admiralty code and the reason a person can check."""

    code: str
    reason: str


def grades_file() -> Path:
    """The user's reliability file: `CLAIMSCOPE_GRADES`, else `<data home>/grades.yml` (actor: letter)."""
    return Path(os.environ.get("CLAIMSCOPE_GRADES") or data_home() / "grades.yml")


def file_grades(path: Path | None = None) -> dict[str, str]:
    """Reliability letters from the user's YAML file, if there is one."""
    path = path or grades_file()
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(actor): check_letter(str(letter)) for actor, letter in data.items()}


def check_letter(letter: str) -> str:
    """An Admiralty reliability letter, upper-cased, or ValueError."""
    letter = letter.strip().upper()
    if letter not in RELIABILITY:
        raise ValueError(f"reliability must be one of {', '.join(RELIABILITY)}, not {letter!r}")
    return letter


def reliability(actor: str | None, grades: dict[str, str]) -> Grade:
    """The user's letter for an actor, else for the nearest body it speaks for (a spokeswoman takes her
    ministry's grade), else F."""
    for name in lineage(actor):
        if name in grades:
            letter = grades[name]
            via = "" if name == actor else f" for {name}"
            return Grade(letter, f"{RELIABILITY[letter]} (set by the user{via})")
    return Grade(DEFAULT_RELIABILITY, "no grade set for this source")


def lineage(actor: str | None) -> list[str]:
    """The actor and the bodies above it in the actor base (itself alone when unknown)."""
    if not actor:
        return []
    from claimscope.extract.actors import ActorBase

    return ActorBase.default().lineage(actor) or [actor]


def credibility(relations: Relations, origins: dict[str, Origin]) -> Grade:
    """1–6 from what independent origins holding at the same time say about the claim. Corroboration by two
    or more origins is confirmation (1), by one probable truth (2); contradiction lowers the grade only as far
    as the contradicting origins outweigh the supporting ones; a denial by a party is named, never counted."""

    def names(ids: set[str]) -> str:
        return ", ".join(sorted({origins[i].label for i in ids}))

    def count(ids: set[str]) -> int:
        return len({origins[i].key for i in ids})

    corroborating, contradicting = count(relations.corroborate), count(relations.contradict)
    supporting = count(relations.agree | relations.corroborate)
    denial = f"; denied by {names(relations.denied_by)}" if relations.denied_by else ""
    if contradicting:
        against = f"contradicted by {names(relations.contradict)}"
        if corroborating >= 2 and corroborating > contradicting:
            return _credibility(2, f"corroborated by {names(relations.corroborate)}; {against}{denial}")
        if supporting > contradicting:
            return _credibility(3, f"consistent with {names(relations.agree)}; {against}{denial}")
        if supporting:
            return _credibility(4, f"{against}; consistent with {names(relations.agree)}{denial}")
        return _credibility(5, against + denial)
    if corroborating >= 2:
        return _credibility(1, f"{corroborating} independent origins give a matching figure: "
                               f"{names(relations.corroborate)}{denial}")
    if corroborating == 1:
        return _credibility(2, f"corroborated by {names(relations.corroborate)}{denial}")
    if supporting:
        return _credibility(3, f"consistent with {names(relations.agree)}, but no independent source gives a "
                               f"matching figure{denial}")
    return _credibility(6, f"no independent source spoke to this at the time{denial}")


def _credibility(code: int, detail: str) -> Grade:
    return Grade(str(code), f"{CREDIBILITY[code]}: {detail}")
