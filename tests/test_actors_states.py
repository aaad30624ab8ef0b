"""Generated states beyond the curated theatre, title agreement, ambiguous state names and coreference of
document nouns and pronouns (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest
from actor_helpers import make_actor_nlp, run_pipeline, source

from claimscope.extract.actorbase import ActorBase
from claimscope.extract.actorbase.states import gazetteer_countries, load_states
from claimscope.extract.actorbase.words import DATA_DIR
from claimscope.extract.actors import ruler_patterns

DAY = date(2025, 3, 12)
# The 193 members of the United Nations.
UN_MEMBERS = (
    "AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD CL CN CO "
    "KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN "
    "HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU "
    "MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS "
    "SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US "
    "UY UZ VU VE VN YE ZM ZW"
).split()


@pytest.fixture(scope="module")
def base() -> ActorBase:
    return ActorBase.default()


@pytest.fixture(scope="module")
def actor_nlp():
    return make_actor_nlp()


def parse(nlp, text: str, published: date | None = DAY):
    return run_pipeline(nlp, text, published)


def facts(mention) -> tuple:
    return mention.actor, mention.kind, mention.country


def named(base: ActorBase, text: str) -> tuple | None:
    actor = base.resolve(text, DAY)
    return (actor.name, actor.kind, actor.country) if actor else None


# ---------------------------------------------------------------- generated states


def test_every_un_member_is_a_state_with_a_government(base):
    for code in UN_MEMBERS:
        state = base.get(base.state_for(code))
        assert state is not None and state.kind == "state", code
        government = base.speaker(state)
        assert government.kind == "government" and government.country == code, code


def test_states_file_names_only_gazetteer_countries():
    states = load_states(DATA_DIR / "states.yml")
    assert set(states["countries"]) <= set(gazetteer_countries())
    assert set(UN_MEMBERS) <= set(states["countries"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kinshasa", ("Government of the Democratic Republic of the Congo", "government", "CD")),
        ("Phnom Penh", ("Government of Cambodia", "government", "KH")),
        ("the Sudanese army", ("Armed Forces of Sudan", "military unit", "SD")),
        ("Moroccan officials", ("Government of Morocco", "government", "MA")),
        ("Thai military", ("Armed Forces of Thailand", "military unit", "TH")),
        ("the Peruvian foreign ministry", ("Ministry of Foreign Affairs of Peru", "government", "PE")),
        ("Kenya's interior ministry", ("Ministry of the Interior of Kenya", "government", "KE")),
        ("the health ministry of Chile", ("Ministry of Health of Chile", "government", "CL")),
        ("the government of the Philippines", ("Government of the Philippines", "government", "PH")),
        ("Czech Republic", ("Czechia", "state", "CZ")),
        ("Ivorian police", ("Police of Ivory Coast", "agency", "CI")),
    ],
)
def test_generated_states_bodies_and_capitals(base, text, expected):
    assert named(base, text) == expected


def test_curated_actors_win_and_take_the_template_bodies(base):
    # Curated records keep their names and parents ...
    assert named(base, "Kyiv") == ("Government of Ukraine", "government", "UA")
    assert named(base, "the Russian army") == ("Armed Forces of Russia", "military unit", "RU")
    # ... and a curated body named in states.yml plays the template's role: no second Pentagon.
    assert named(base, "the US defence ministry") == ("US Department of Defense", "government", "US")
    assert base.get("Ministry of Defence of the United States") is None
    # A curated state without its own armed forces gets the generated one.
    assert named(base, "French troops' command") is None
    assert named(base, "the French military") == ("Armed Forces of France", "military unit", "FR")


def test_generated_names_are_not_entity_ruler_patterns():
    patterns = {p["pattern"] for p in ruler_patterns()}
    assert "Government of Ukraine" in patterns
    assert "Government of Morocco" not in patterns and "Armed Forces of Sudan" not in patterns


def test_a_name_cannot_belong_to_two_owners():
    records = [
        {"name": "A", "kind": "state", "country": "AA", "demonyms": ["Northern"]},
        {"name": "B", "kind": "state", "country": "BB", "demonyms": ["Northern"]},
    ]
    with pytest.raises(ValueError, match="names both"):
        ActorBase(records)


# ---------------------------------------------------------------- mentions in texts


def test_capitals_and_states_of_any_country_speak_when_they_act(actor_nlp):
    text = (
        "Lima said the strike was over. Nairobi is hot in March. Troops crossed from Chile. "
        "Senegal announced new elections, and the Senegalese army denied the report."
    )
    doc = parse(actor_nlp, text)
    found = [(m.text, m.actor) for m in doc._.actors]
    assert found == [
        ("Lima", "Government of Peru"),
        ("Senegal", "Senegal"),
        ("the Senegalese army", "Armed Forces of Senegal"),
    ]
    assert facts(source(doc, "Senegal")) == ("Government of Senegal", "government", "SN")


def test_a_place_name_inside_a_longer_name_is_no_actor(actor_nlp):
    doc = parse(actor_nlp, "The Moscow Times said the talks failed. Paris Hilton said she was bored.")
    assert not any(m.actor in ("Government of Russia", "Government of France") for m in doc._.actors)


def test_georgia_is_the_country_only_when_the_text_names_it_otherwise(actor_nlp):
    caucasus = parse(actor_nlp, "Georgia said the vote was fair, while Georgian opposition groups disagreed.")
    assert facts(source(caucasus, "Georgia")) == ("Government of Georgia", "government", "GE")
    american = parse(actor_nlp, "Georgia said the count in Atlanta was accurate, and Georgia officials agreed.")
    assert not any(m.country == "GE" for m in american._.actors)
    assert source(american, "Georgia").country != "GE"
    assert source(american, "Georgia officials").country != "GE"


def test_a_first_name_that_is_a_country_is_a_person(actor_nlp):
    doc = parse(actor_nlp, "Jordan Peterson said the lecture was cancelled. Chad said he was tired.")
    assert not any(m.country in ("JO", "TD") for m in doc._.actors)


# ---------------------------------------------------------------- titles need agreement


def test_a_known_surname_inside_a_longer_name_is_someone_else(actor_nlp):
    doc = parse(actor_nlp, "Hunter Biden said the deal was legal. Government spokesman Jean-Pierre Mbala agreed.")
    assert not any(m.actor in ("Joe Biden", "Karine Jean-Pierre") for m in doc._.actors)
    mbala = source(doc, "Government spokesman Jean-Pierre Mbala")
    assert (mbala.actor, mbala.kind) == ("Jean-Pierre Mbala", "person")


def test_a_title_with_another_name_is_an_unknown_person_of_the_title_state(actor_nlp):
    doc = parse(actor_nlp, "Ukrainian President Petro Poroshenko said the border was closed.", date(2016, 5, 1))
    assert facts(source(doc, "Ukrainian President Petro Poroshenko")) == ("Petro Poroshenko", "person", "UA")
    assert not any(m.actor == "Volodymyr Zelensky" for m in doc._.actors)


def test_an_office_holder_without_nationality_takes_the_country_the_text_is_about(actor_nlp):
    text = (
        "Kinshasa said on Monday that the rebels had been pushed back.\n"
        "Information Minister Patrick Mwamba told reporters that 300 fighters had surrendered."
    )
    doc = parse(actor_nlp, text)
    minister = source(doc, "Information Minister Patrick Mwamba")
    assert facts(minister) == ("Patrick Mwamba", "person", "CD")
    # An explicit nationality wins over the context.
    doc = parse(actor_nlp, "Kinshasa said the talks were over. Rwandan Foreign Minister Paul Ngabo disagreed.")
    assert facts(source(doc, "Rwandan Foreign Minister Paul Ngabo")) == ("Paul Ngabo", "person", "RW")


def test_a_description_without_owner_is_the_body_of_the_state_in_context(actor_nlp):
    doc = parse(actor_nlp, "Morocco's government said rescue teams were deployed. The interior ministry said 90 died.")
    assert facts(source(doc, "The interior ministry")) == ("Ministry of the Interior of Morocco", "government", "MA")


# ---------------------------------------------------------------- coreference


def test_the_statement_speaks_for_its_issuer(actor_nlp):
    text = (
        "The Chilean army said in a statement that two trucks had collided. "
        '"Nobody was hurt," the statement said. A NATO statement said the drill would go on.'
    )
    doc = parse(actor_nlp, text)
    assert source(doc, "the statement").country == "CL"
    assert source(doc, "the statement").actor == "Armed Forces of Chile"
    assert source(doc, "A NATO statement").actor == "NATO"


def test_a_document_noun_of_an_unknown_issuer_carries_its_name(actor_nlp):
    doc = parse(actor_nlp, "The Pan American Health Organization's data showed 40 deaths.")
    assert source(doc, "The Pan American Health Organization's data").actor == "Pan American Health Organization"


def test_the_report_without_an_issuer_is_the_last_source(actor_nlp):
    doc = parse(actor_nlp, "Reuters reported that the port was shut. The report said ships were waiting.")
    source(doc, "Reuters")
    assert source(doc, "The report").actor == "Reuters"


def test_pronouns_prefer_the_last_source(actor_nlp):
    text = (
        "Senior Colonel Amadou Diallo told reporters that the border was calm. "
        "Reporters later met Oumar Traore. He said the army had withdrawn."
    )
    doc = parse(actor_nlp, text)
    source(doc, "Senior Colonel Amadou Diallo")
    he = source(doc, "He")
    assert (he.actor, he.kind) == ("Amadou Diallo", "person")


def test_it_and_descriptions_refer_to_the_last_compatible_organisation(actor_nlp):
    text = (
        "The Kenyan interior ministry said 12 people were arrested. Zelensky met the envoy. "
        "It said the suspects were foreigners. The ministry added that more arrests would follow."
    )
    doc = parse(actor_nlp, text)
    source(doc, "The Kenyan interior ministry")
    assert facts(source(doc, "It")) == ("Ministry of the Interior of Kenya", "government", "KE")
    assert facts(source(doc, "The ministry")) == ("Ministry of the Interior of Kenya", "government", "KE")


def test_an_unknown_organisation_is_named_through_coreference(actor_nlp):
    text = (
        "Mali's Joint Operations Headquarters said on Friday that the convoy had been ambushed. "
        "The headquarters said four soldiers were killed. The department of defence was not consulted."
    )
    doc = parse(actor_nlp, text)
    source(doc, "Mali's Joint Operations Headquarters")
    hq = source(doc, "The headquarters")
    assert (hq.actor, hq.country) == ("Joint Operations Headquarters", "ML")


def test_the_army_is_the_one_called_an_army(actor_nlp):
    text = "Sudan's army and the Rapid Support Forces signed a truce. The army said the truce would hold."
    doc = parse(actor_nlp, text)
    assert source(doc, "The army").actor == "Armed Forces of Sudan"


def test_officials_of_a_named_body_are_that_body(actor_nlp):
    text = "The Kivu Relief Agency said 300 families had fled. Kivu Relief officials said more tents were coming."
    doc = parse(actor_nlp, text)
    source(doc, "The Kivu Relief Agency")
    assert source(doc, "Kivu Relief officials").actor == "Kivu Relief Agency"


# ---------------------------------------------------------------- with places and claims (the full pipeline)


@pytest.fixture(scope="module")
def full_nlp():
    from claimscope.extract.pipeline import build_pipeline

    return build_pipeline()


def claim_sources(nlp, text: str) -> list[tuple]:
    doc = parse(nlp, text)
    return [(c.source.text, c.source.actor, c.source.kind, c.source.country) for c in doc._.claims]


def test_claims_of_states_outside_the_theatre(full_nlp):
    text = (
        "Kigali denied that its soldiers had crossed the border. "
        "The Burundian army said on Tuesday that 40 fighters had been captured. "
        "Tanzanian officials said 3,000 refugees had arrived."
    )
    assert claim_sources(full_nlp, text) == [
        ("Kigali", "Government of Rwanda", "government", "RW"),
        ("The Burundian army", "Armed Forces of Burundi", "military unit", "BI"),
        ("Tanzanian officials", "Government of Tanzania", "government", "TZ"),
    ]


def test_a_scene_place_gives_an_office_holder_his_country(full_nlp):
    text = (
        "Phnom Penh accused its neighbour of moving troops.\n"
        "In Bangkok, Prime Minister Somchai Wongsa told reporters that the troops had pulled back."
    )
    sources = claim_sources(full_nlp, text)
    assert ("Prime Minister Somchai Wongsa", "Somchai Wongsa", "person", "TH") in sources


def test_the_places_component_decides_which_georgia(full_nlp):
    american = parse(full_nlp, "Georgia officials said the recount in Atlanta and Savannah found no fraud.")
    assert not any(m.country == "GE" for m in american._.actors)
    assert all(c.source.country != "GE" for c in american._.claims)
    caucasian = parse(full_nlp, "Georgia's foreign ministry said the observers had left Batumi.")
    assert [c.source.actor for c in caucasian._.claims] == ["Ministry of Foreign Affairs of Georgia"]


def test_readouts_and_departments_refer_back(actor_nlp):
    text = (
        "The White House said in a readout that the leaders spoke for an hour. The readout said trade was "
        "discussed. The Commerce Department said exports rose, and the department said imports fell."
    )
    doc = parse(actor_nlp, text)
    assert source(doc, "The readout").actor == "White House"
    source(doc, "The Commerce Department")
    assert source(doc, "the department").actor == "Commerce Department"


def test_the_north_and_the_south_are_the_koreas_only_in_a_text_on_them(actor_nlp):
    doc = parse(actor_nlp, "South Korea raised its alert. The South's military said the North fired two missiles.")
    military = source(doc, "The South's military")
    assert (military.actor, military.country) == ("Joint Chiefs of Staff of South Korea", "KR")
    doc = parse(actor_nlp, "Storms hit Alabama. The South's governors said the damage was vast.")
    assert source(doc, "The South's governors").country != "KR"


def test_a_description_in_a_lede_names_the_actor_of_the_next_sentence(actor_nlp):
    text = (
        "Russian troops have pulled back from two villages, the intelligence agency said on Monday. "
        "Ukraine's HUR released satellite images of the area. The minister declined to comment."
    )
    doc = parse(actor_nlp, text)
    assert source(doc, "the intelligence agency").actor == "Defence Intelligence of Ukraine"
    assert source(doc, "The minister").actor is None  # no minister is named before or after


def test_an_armed_group_is_of_the_country_it_operates_in(actor_nlp):
    """A group the base knows carries its country; its name or adjective qualifies its officials' titles."""
    text = (
        "The Pentagon said a missile was shot down over the sea. "
        "Houthi military spokesman Yahya Saree said the group had targeted two warships. "
        "A Hamas spokesman said talks had stalled. The Taliban said the border was closed."
    )
    doc = parse(actor_nlp, text)
    assert source(doc, "Houthi military spokesman Yahya Saree").country == "YE"
    assert facts(source(doc, "A Hamas spokesman")) == ("Hamas", "military unit", "PS")
    assert facts(source(doc, "The Taliban")) == ("Taliban", "military unit", "AF")


def test_a_state_military_is_no_armed_group(actor_nlp):
    """ "the military" after a sentence naming Hezbollah is a state's forces, and Hezbollah's mention does not
    make an unknown office holder Lebanese."""
    text = (
        "Israeli planes struck Hezbollah sites overnight. Israel estimates Hezbollah's losses at 1,500 fighters, "
        "Chief of the General Staff Herzi Halevi said. The military warned residents to leave."
    )
    doc = parse(actor_nlp, text)
    assert source(doc, "The military").actor != "Hezbollah"
    assert source(doc, "Chief of the General Staff Herzi Halevi").country != "LB"


def test_the_group_refers_back_to_a_known_armed_group(actor_nlp):
    text = ("Activists said the RSF stormed the village. The RSF did not respond. "
            "The group has previously denied targeting civilians.")
    doc = parse(actor_nlp, text)
    source(doc, "The RSF")
    assert facts(source(doc, "The group")) == ("Rapid Support Forces", "military unit", "SD")


def test_a_junta_or_a_regime_is_the_states_government(actor_nlp):
    doc = parse(actor_nlp, "The Myanmar junta said 1,600 had died. The Syrian regime said 20 were killed.")
    assert facts(source(doc, "The Myanmar junta")) == ("Government of Myanmar", "government", "MM")
    assert facts(source(doc, "The Syrian regime")) == ("Government of Syria", "government", "SY")
