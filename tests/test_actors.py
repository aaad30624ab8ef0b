"""The actor base, actor mentions (`claimscope_actors`) and source resolution with coreference."""

from __future__ import annotations

import re
from datetime import date

import pytest
from actor_helpers import make_actor_nlp, run_pipeline, source
from conftest import SEED_ARTICLE

from claimscope.extract.actorbase import ActorBase, guess_kind
from claimscope.extract.actors import resolve_source, ruler_patterns
from claimscope.extract.pipeline import load_model

DAY = date(2024, 10, 25)


@pytest.fixture(scope="module")
def base() -> ActorBase:
    return ActorBase.default()


@pytest.fixture(scope="module")
def actor_nlp():
    return make_actor_nlp()


def parse(nlp, text: str, published: date | None = DAY):
    return run_pipeline(nlp, text, published)


def named(base: ActorBase, text: str, on: date | None = DAY) -> str | None:
    actor = base.resolve(text, on)
    return actor.name if actor else None


# ---------------------------------------------------------------- the base


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Zelensky", "Volodymyr Zelensky"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Zelenskiy's", "Volodymyr Zelensky"),
        ("the HUR", "Defence Intelligence of Ukraine"),
        ("GUR", "Defence Intelligence of Ukraine"),
        ("Ukrainian Defense Intelligence", "Defence Intelligence of Ukraine"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Orban", "Viktor Orbán"),
        ("the Kremlin", "Government of Russia"),
        ("The Washington Post", "The Washington Post"),
        ("U.S. State Department", "US Department of State"),
    ],
)
def test_aliases_and_transliterations(base, text, name):
    assert named(base, text) == name


@pytest.mark.parametrize(
    ("text", "on", "name"),
    [
        ("the US National Security Council spokesperson", DAY, "John Kirby"),
        ("Ukrainian President", DAY, "Volodymyr Zelensky"),
        ("the president of Ukraine", DAY, "Volodymyr Zelensky"),
        ("Kremlin spokesman", DAY, "Dmitry Peskov"),
        ("NATO Secretary General", date(2024, 11, 1), "Mark Rutte"),
        ("NATO Secretary General", date(2024, 6, 1), "Jens Stoltenberg"),
        ("Ukraine's foreign minister", date(2024, 10, 1), "Andrii Sybiha"),
        ("Ukraine's foreign minister", date(2024, 6, 1), "Dmytro Kuleba"),
        # Without a date both ministers fit: the ministry they share speaks.
        ("Ukraine's foreign minister", None, "Ministry of Foreign Affairs of Ukraine"),
        ("Russian defence minister", date(2024, 10, 1), "Andrei Belousov"),
        ("South Korea's spy chief", DAY, "Cho Tae-yong"),
        # Two Pentagon spokespeople: an unnamed one is the Department of Defense speaking.
        ("a Pentagon spokesperson", DAY, "US Department of Defense"),
    ],
)
def test_titles_with_validity(base, text, on, name):
    assert named(base, text, on) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kyiv", "Government of Ukraine"),
        ("Moscow", "Government of Russia"),
        ("Washington", "Government of the United States"),
        ("Seoul", "Government of South Korea"),
        ("Pyongyang", "Government of North Korea"),
        ("Beijing", "Government of China"),
    ],
)
def test_metonymy(base, text, name):
    assert named(base, text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ukrainian intelligence services", "Defence Intelligence of Ukraine"),
        ("Ukraine's military intelligence", "Defence Intelligence of Ukraine"),
        ("US officials", "Government of the United States"),
        ("the Russian authorities", "Government of Russia"),
        ("South Korean intelligence", "National Intelligence Service"),
        ("the North Korean leadership", "Government of North Korea"),
        ("Russian military intelligence", "GRU"),
        ("NATO officials", "NATO"),
    ],
)
def test_nationality_and_body(base, text, name):
    assert named(base, text) == name


def test_longest_part_names_the_source(base):
    assert named(base, "John Kirby, the US National Security Council spokesperson") == "John Kirby"
    assert named(base, "Volodymyr Zelensky, the Ukrainian President") == "Volodymyr Zelensky"
    assert named(base, "Russian President Vladimir Putin") == "Vladimir Putin"
    assert named(base, "the head of the NIS, Cho Tae-yong") == "Cho Tae-yong"
    # A place inside a longer phrase stays a place.
    assert named(base, "a resident of Kyiv") is None


def test_ambiguous_name_resolves_to_nobody(base):
    assert named(base, "Joint Chiefs of Staff") is None
    assert named(base, "South Korea's Joint Chiefs of Staff") == "Joint Chiefs of Staff of South Korea"


def test_lineage_and_state(base):
    assert base.lineage("Defence Intelligence of Ukraine") == [
        "Defence Intelligence of Ukraine",
        "Ministry of Defence of Ukraine",
        "Government of Ukraine",
        "Ukraine",
    ]
    assert base.lineage("Kyrylo Budanov")[1] == "Defence Intelligence of Ukraine"
    assert base.lineage("John Kirby")[1:3] == ["US National Security Council", "White House"]
    assert base.state_of("Defence Intelligence of Ukraine") == "Ukraine"
    assert base.state_of("Volodymyr Zelensky") == "Ukraine"
    assert base.state_of("CNN") is None
    assert base.state_of("Mark Rutte") is None
    assert base.state_of("Korean Central News Agency") is None


def test_facts(base):
    kirby = base.get("John Kirby")
    assert (kirby.kind, kirby.country) == ("person", "US")
    assert base.get("Defence Intelligence of Ukraine").kind == "agency"
    assert base.get("CNN").country == "US"
    assert base.get("Yonhap").country == "KR"
    assert base.get("Korean Central News Agency").country == "KP"
    assert base.get("TASS").country == "RU"
    assert base.get("Reuters").country == "GB"
    assert base.get("Agence France-Presse").country == "FR"
    assert base.get("NATO").country is None
    assert base.get("Cho Tae-yong").country == "KR"
    assert base.get("Kim Song").country == "KP"


def test_every_actor_is_complete(base):
    for actor in base:
        root = base.get(base.root(actor.name))
        # A military unit of no state is a non-state armed group; one spread over several countries has none.
        armed_group = actor.kind == "military unit" and actor.parent is None
        if root.kind in ("international organisation", "non-governmental organisation"):
            assert actor.country is None, actor.name  # international bodies speak for no country
        elif not armed_group or actor.country:
            assert actor.country and re.fullmatch(r"[A-Z]{2}", actor.country), actor.name
        if actor.kind in ("person", "agency", "government"):
            assert actor.parent is not None, actor.name
        if actor.kind in ("media outlet", "state", "think tank", "non-governmental organisation"):
            assert actor.parent is None, actor.name


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([{"name": "A", "kind": "state", "country": "AA"}, {"name": "A", "kind": "state"}], "duplicate"),
        ([{"name": "A", "kind": "agency", "parent": "B"}], "unknown parent"),
        ([{"name": "A", "kind": "band"}], "unknown kind"),
        ([{"name": "A", "kind": "state", "country": "Ukraine"}], "alpha-2"),
        (
            [
                {"name": "S", "kind": "state", "country": "SS"},
                {"name": "A", "kind": "agency", "parent": "S", "bodies": ["intelligence"]},
                {"name": "B", "kind": "agency", "parent": "S", "bodies": ["intelligence"]},
            ],
            "names both",
        ),
    ],
)
def test_bad_actor_data_is_refused(records, message):
    with pytest.raises(ValueError, match=message):
        ActorBase(records)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a spokesperson", "person"),
        ("a senior official", "person"),
        ("officials", "government"),
        ("the ministry", "government"),
        ("the agency", "agency"),
        ("Ukrainian intelligence", "agency"),
        ("the newspaper", "media outlet"),
        ("a Telegram channel", "media outlet"),
        ("the 47th Mechanized Brigade", "military unit"),
        ("a spokesman for the ministry", "person"),
        ("the caretaker Public Jon Doe", "person"),
        ("the caretaker government", "government"),
        ("Italy's coast guard", "agency"),
        ("the National Disaster Management Authority", "agency"),
        ("Kursk", None),
    ],
)
def test_guess_kind(text, kind):
    assert guess_kind(text) == kind


# ---------------------------------------------------------------- ruler and component


def test_ruler_patterns_make_entities(actor_nlp):
    doc = parse(actor_nlp, "HUR said the NIS and TASS disagreed, while Yonhap cited Budanov.")
    ents = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert ents["HUR"] == ("ORG", "Defence Intelligence of Ukraine")
    assert ents["NIS"] == ("ORG", "National Intelligence Service")
    assert ents["TASS"] == ("ORG", "TASS")
    assert ents["Yonhap"][0] == "ORG"
    assert ents["Budanov"] == ("PERSON", "Kyrylo Budanov")


def test_ruler_patterns_are_case_sensitive():
    patterns = {p["pattern"] for p in ruler_patterns()}
    assert {"HUR", "NIS", "TASS", "Yonhap"} <= patterns
    assert "hur" not in patterns and "nis" not in patterns


def test_states_are_actors_only_when_they_act(actor_nlp):
    text = "Troops were seen near the border shared with Russia and Ukraine. Ukraine said it saw them."
    doc = parse(actor_nlp, text)
    mentions = [(m.text, m.actor, m.kind) for m in doc._.actors]
    assert mentions == [("Ukraine", "Ukraine", "state")]
    assert doc._.actors[0].start == doc.text.rindex("Ukraine said")


def test_capitals_speak_for_governments(actor_nlp):
    doc = parse(actor_nlp, "Kyiv reports heavy fighting. According to Moscow, the troops left. Seoul is cold.")
    mentions = [(m.text, m.actor) for m in doc._.actors]
    assert mentions == [("Kyiv", "Government of Ukraine"), ("Moscow", "Government of Russia")]


def test_mentions_of_people_bodies_and_outlets(actor_nlp):
    text = (
        "Defense Secretary Lloyd Austin said on Wednesday that the Pentagon had evidence, Reuters reported. "
        "Austin later told reporters that North Korean military personnel were in Russia, as Yonhap noted."
    )
    doc = parse(actor_nlp, text)
    mentions = {(m.text, m.actor, m.kind, m.country) for m in doc._.actors}
    assert ("Lloyd Austin", "Lloyd Austin", "person", "US") in mentions
    assert ("Austin", "Lloyd Austin", "person", "US") in mentions  # a surname named in full elsewhere
    assert ("the Pentagon", "US Department of Defense", "government", "US") in mentions
    assert ("Reuters", "Reuters", "media outlet", "GB") in mentions
    assert ("Yonhap", "Yonhap", "media outlet", "KR") in mentions
    # "military" modifies "personnel" here: not the North Korean army.
    assert not any(m.actor == "Korean People's Army" for m in doc._.actors)


def test_unknown_entities_get_a_kind(actor_nlp):
    text = "Ukrainian lawmaker Oleksandr Merezhko said the Kharkiv Regional Military Administration agreed."
    doc = parse(actor_nlp, text)
    unknown = {m.text: (m.actor, m.kind, m.country) for m in doc._.actors if m.actor is None}
    assert unknown["Oleksandr Merezhko"] == (None, "person", "UA")


def test_offsets_match_the_text(actor_nlp):
    text = "As per a post on its Telegram channel, the Ukrainian Defense Intelligence reported a sighting."
    doc = parse(actor_nlp, text)
    (mention,) = doc._.actors
    assert doc.text[mention.start : mention.end] == mention.text == "the Ukrainian Defense Intelligence"


# ---------------------------------------------------------------- resolve_source


def test_source_by_name_title_and_speaker(actor_nlp):
    text = "Ukraine warned that ties could prompt action, John Kirby, the US NSC spokesperson, said."
    doc = parse(actor_nlp, text)
    ukraine = source(doc, "Ukraine")
    assert (ukraine.actor, ukraine.kind, ukraine.country) == ("Government of Ukraine", "government", "UA")
    kirby = source(doc, "John Kirby, the US NSC spokesperson")
    assert (kirby.text, kirby.actor, kirby.country) == ("John Kirby, the US NSC spokesperson", "John Kirby", "US")


def test_coreference_by_description(actor_nlp):
    text = (
        "Ukraine's military intelligence said troops had arrived, CNN reported. "
        "The intelligence service claimed that 12,000 soldiers were training. "
        "The outlet added that videos showed them. The Ukrainian agency later confirmed it. "
        "Volodymyr Zelensky spoke on Tuesday. The president said two brigades were involved."
    )
    doc = parse(actor_nlp, text)
    assert source(doc, "The intelligence service").actor == "Defence Intelligence of Ukraine"
    assert source(doc, "The outlet").actor == "CNN"
    assert source(doc, "The Ukrainian agency").actor == "Defence Intelligence of Ukraine"
    president = source(doc, "The president")
    assert (president.text, president.actor, president.kind) == ("The president", "Volodymyr Zelensky", "person")


def test_description_must_fit_the_actor(actor_nlp):
    # "The minister" fits no one mentioned: Putin holds no minister's title.
    doc = parse(actor_nlp, "Putin spoke in Kazan. The minister said nothing.")
    minister = source(doc, "The minister")
    assert (minister.actor, minister.kind) == (None, "person")


def test_coreference_by_pronoun(actor_nlp):
    text = (
        "Budanov met reporters in Kyiv. He said 11,000 soldiers were training. "
        "The NIS disagreed with the estimate. It said 3,000 had arrived."
    )
    doc = parse(actor_nlp, text)
    he = source(doc, "He")
    assert (he.text, he.actor, he.kind, he.country) == ("He", "Kyrylo Budanov", "person", "UA")
    it = source(doc, "It")
    assert (it.actor, it.kind, it.country) == ("National Intelligence Service", "agency", "KR")


def test_pronoun_prefers_the_subject(actor_nlp):
    doc = parse(actor_nlp, "Zelensky met Mark Rutte in Kyiv on Tuesday. He said the troops were in Kursk.")
    assert source(doc, "He").actor == "Volodymyr Zelensky"


def test_unnamed_member_of_a_body(actor_nlp):
    doc = parse(actor_nlp, "A spokesman for the Russian Defence Ministry said the report was false.")
    spokesman = source(doc, "A spokesman for the Russian Defence Ministry")
    assert (spokesman.actor, spokesman.country) == ("Ministry of Defence of Russia", "RU")


def test_unknown_source_is_kept_with_a_guessed_kind(actor_nlp):
    doc = parse(actor_nlp, "A senior Ukrainian official said up to 5,000 could arrive. Local residents said otherwise.")
    official = source(doc, "A senior Ukrainian official")
    assert (official.text, official.actor, official.kind, official.country) == (
        "A senior Ukrainian official",
        None,
        "person",
        "UA",
    )
    residents = source(doc, "Local residents")
    assert (residents.actor, residents.kind) == (None, "person")


def test_seed_article_sources(actor_nlp):
    raw = SEED_ARTICLE.read_text(encoding="utf-8")
    doc = parse(actor_nlp, re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", raw))
    expected = [
        ("Kyiv", 0, "Government of Ukraine", "government", "UA"),
        ("the Ukrainian Defense Intelligence", 0, "Defence Intelligence of Ukraine", "agency", "UA"),
        ("The intelligence service", 0, "Defence Intelligence of Ukraine", "agency", "UA"),
        ("CNN", 0, "CNN", "media outlet", "US"),
        ("John Kirby", 0, "John Kirby", "person", "US"),
        ("Volodymyr Zelensky", 0, "Volodymyr Zelensky", "person", "UA"),
        ("Ukrainian intelligence services", 0, "Defence Intelligence of Ukraine", "agency", "UA"),
        ("Ukraine had consistently warned", 0, "Government of Ukraine", "government", "UA"),
        ("Putin", 0, "Vladimir Putin", "person", "RU"),
        ("the Ukrainian intelligence service", 0, "Defence Intelligence of Ukraine", "agency", "UA"),
        ("CNN", 1, "CNN", "media outlet", "US"),
        ("the Ukrainian intelligence service", 1, "Defence Intelligence of Ukraine", "agency", "UA"),
        ("as Ukraine has warned", 0, "Government of Ukraine", "government", "UA"),
    ]
    for words, nth, actor, kind, country in expected:
        if words.startswith(("Ukraine had", "as Ukraine")):
            at = doc.text.index(words) + words.index("Ukraine")
            mention = resolve_source(doc, at, at + len("Ukraine"))
        else:
            mention = source(doc, words, nth)
        assert (mention.actor, mention.kind, mention.country) == (actor, kind, country), words


def test_pronouns_follow_gender_and_states_speak_through_governments(actor_nlp):
    text = (
        "Sabrina Singh and Lloyd Austin spoke on Monday. She said 10,000 troops were sent. "
        "South Korea said on Friday that it had seen the transfers."
    )
    doc = parse(actor_nlp, text)
    assert source(doc, "She").actor == "Sabrina Singh"
    it = source(doc, "it")
    assert (it.actor, it.kind, it.country) == ("Government of South Korea", "government", "KR")


def test_nationality_of_the_head_wins_over_a_body_after_it(actor_nlp):
    doc = parse(actor_nlp, "A North Korean diplomat at the UN called the reports groundless.")
    diplomat = source(doc, "A North Korean diplomat at the UN")
    assert (diplomat.actor, diplomat.kind, diplomat.country) == (None, "person", "KP")


def test_description_fits_an_outlet_named_for_it(actor_nlp):
    doc = parse(actor_nlp, "The Pentagon declined to comment, Yonhap News Agency reported. The agency added that ...")
    assert source(doc, "The agency").actor == "Yonhap"


def test_component_config(tmp_path):
    actors = tmp_path / "actors.yml"
    actors.write_text(
        "actors:\n"
        "- {name: Ruritania, kind: state, country: RR, demonyms: [Ruritanian], speaker: Government of Ruritania}\n"
        "- {name: Government of Ruritania, kind: government, parent: Ruritania, metonyms: [Strelsau],"
        " bodies: [officials]}\n"
        "- {name: Ruritanian Herald, kind: media outlet, country: RR, aliases: [The Herald]}\n",
        encoding="utf-8",
    )
    nlp = load_model()
    nlp.add_pipe("claimscope_actors", config={"actors_file": str(actors), "states": "always"})
    doc = parse(nlp, "The Herald said troops crossed from Strelsau, Ruritanian officials said. It added nothing.")
    mentions = [(m.text, m.actor) for m in doc._.actors]
    assert ("The Herald", "Ruritanian Herald") in mentions
    assert ("Strelsau", "Government of Ruritania") in mentions  # states: always
    assert ("Ruritanian officials", "Government of Ruritania") in mentions
    assert source(doc, "It").actor == "Government of Ruritania"
    with pytest.raises(ValueError, match="states"):
        nlp.add_pipe("claimscope_actors", name="bad", config={"states": "sometimes"})
