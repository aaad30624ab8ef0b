"""The actor base: who can be a source, how texts name them, and the words that tell an actor's kind."""

from claimscope.extract.actorbase.base import ActorBase
from claimscope.extract.actorbase.records import Actor, Title
from claimscope.extract.actorbase.words import ActorWords, guess_kind

__all__ = ["Actor", "ActorBase", "ActorWords", "Title", "guess_kind"]
