"""Actor mentions (`claimscope_actors`) and source resolution, with coreference, over the actor base.

Decisions:
- A state or a capital standing for its government ("Russia", "Kyiv") is an actor mention only when it acts:
  subject of a verb, agent of a passive, object of "according to" / "citing", or the possessor or modifier of
  a statement noun ("Kyiv's claims", "Kyiv reports"). Elsewhere it is a place ("a border shared with Russia").
  The `states` config ("acting" | "always") sets this. A place name that is part of a longer name ("the Moscow
  Times", "Paris Agreement") or that the places component put in another country (Paris, Texas) is no actor.
- Every state is known (curated, or generated from the gazetteer's country table): "Kinshasa said", "the
  Sudanese army", "Moroccan officials". A name of a state that also names something else ("Georgia", "Jordan")
  means the state only when the document names it otherwise too (demonym, capital, a place in it).
- A state as a source speaks through its government: `resolve_source` turns "Ukraine" into the Government of
  Ukraine; `doc._.actors` keeps the state itself (kind state).
- An unnamed group of a state's officials ("US officials", "the Russian authorities") resolves to that state's
  government; its unnamed bodies ("Ukrainian intelligence services") to the body the base names for them.
  An unnamed spokesperson or official of a known body ("a spokesman for the Russian Defence Ministry",
  "a Pentagon spokesperson") resolves to that body; a single unnamed official ("a Ukrainian official") stays
  an unknown person with a country.
- A title picks a known person only when no other personal name comes with it and its owner is named in the
  mention: "Ukrainian President Petro Poroshenko" is an unknown person of Ukraine, "Government spokesman
  Jean-Pierre Kalala" is not Karine Jean-Pierre. A known surname inside a longer name ("Hunter Biden") is not
  that person. An unknown office holder without a nationality in the mention ("Prime Minister X", "a
  government spokesman") gets the country of the nearest name of a state before it; a description without an
  owner and without an antecedent ("the interior ministry") is that state's body when the base knows it.
- Descriptions with a definite article ("the intelligence service") and pronouns are resolved by
  `resolve_source` only: to the last compatible source resolved before them, unless a compatible mention that is
  a subject comes after that source; else to the last compatible mention. A document noun ("the statement
  said", "a NATO statement") speaks for its issuer. A source resolved through another mention of an actor the
  base does not know carries that mention's name as its actor ("he" -> "Sok Vanna").
- `doc._.actors` lists names, titles, metonyms, nationality + body, and unknown PERSON / ORG entities.
"""

from claimscope.extract.actorbase import Actor, ActorBase, guess_kind
from claimscope.extract.actors.mentions import ActorMentions, ruler_patterns
from claimscope.extract.actors.names import acting
from claimscope.extract.actors.sources import resolve_source

__all__ = ["Actor", "ActorBase", "ActorMentions", "acting", "guess_kind", "resolve_source", "ruler_patterns"]
