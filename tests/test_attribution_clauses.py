"""Which clauses a cue reports when the parse spreads them: a claim noun's clause ("said in a statement that
..."), "and that ...", a second cue coordinated inside the reported clause, a subject left as root; and what
stays outside them (the time of the saying, a channel's participle, the speaker a pronoun refers to)."""

from __future__ import annotations


def test_the_clause_of_a_statement_the_cue_speaks_through(extract):
    text = "The army's press team said in a statement that 3,408 people had been injured and 139 were missing."
    (claim,) = extract(text)
    assert claim.content.text == "3,408 people had been injured and 139 were missing"
    assert claim.channel == "statement"


def test_a_forecast_after_a_long_adjunct(extract):
    text = "The survey estimated in a model-based forecast that the number of dead could exceed 10,000."
    (claim,) = extract(text)
    assert claim.cue == "estimate" and claim.content.text == "the number of dead could exceed 10,000"


def test_and_that_adds_a_second_clause(extract):
    text = ("The coast guard said 60 people had been rescued and brought to the port, and that the search for the "
            "missing was continuing with ships.")
    (claim,) = extract(text)
    assert claim.content.text.endswith("the search for the missing was continuing with ships")


def test_a_second_cue_inside_the_reported_clause_is_the_speakers(extract):
    text = ("The spokesman Ivan Petrov told reporters that the army still held the airport, and accused the "
            "neighbours of sending 4,000 soldiers across the border.")
    claims = {c.cue: c for c in extract(text)}
    assert claims["tell"].content.text == "the army still held the airport"
    assert claims["accuse"].source.text == claims["tell"].source.text
    assert claims["accuse"].content.text == "the neighbours of sending 4,000 soldiers across the border"


def test_an_accusation_with_its_charge_hung_on_the_object(extract):
    (claim,) = extract("Opposition groups have accused the military of continuing air strikes despite the disaster.")
    assert claim.cue == "accuse"
    assert claim.content.text.startswith("the military of continuing air strikes")


def test_a_speaker_the_parse_left_as_the_root(extract):
    text = ("A UN group of experts estimated in a report last year that between 3,000 and 4,000 troops were "
            "fighting alongside the rebels.")
    (claim,) = extract(text)
    assert claim.source.text == "A UN group of experts"
    assert claim.content.text.startswith("between 3,000 and 4,000 troops were fighting")



def test_a_title_before_a_name_gives_the_country(extract):
    text = "Freedonia's government spokesman Ivan Petrov told reporters that the airport was closed."
    (claim,) = extract(text)
    assert claim.source.text == "Freedonia's government spokesman Ivan Petrov"
    assert claim.source.actor == "Ivan Petrov"


def test_a_title_set_off_by_a_comma_gives_the_scene_country(extract):
    text = ("MANDALAY, Myanmar (AP) - The toll has risen to 2,719, the head of the military government, Min Aung "
            "Hlaing, said on Tuesday.")
    claim = next(c for c in extract(text) if c.cue == "say")
    assert claim.source.actor == "Min Aung Hlaing" and claim.source.country == "MM"


def test_a_spokesman_of_a_local_group_is_of_the_scene(extract):
    text = "GOMA, Congo (Reuters) - \"The city is liberated,\" rebel spokesman Lawrence Kanyuka said in a statement."
    claim = next(c for c in extract(text) if c.cue == "say")
    assert claim.source.actor == "Lawrence Kanyuka" and claim.source.country == "CD"


def test_a_passive_or_negated_verb_stays_in_the_reported_clause(extract):
    text = "The Pentagon said the soldiers remain in the region but have not yet been seen taking part in combat."
    (claim,) = extract(text)
    assert claim.content.text.endswith("have not yet been seen taking part in combat")


def test_a_briefing_after_the_cue_is_no_channel_of_its_clause(extract):
    text = "The lawmaker told reporters after a briefing by the agency that the troops had joined the fighting."
    assert len([c for c in extract(text) if c.content.text == "the troops had joined the fighting"]) <= 1


def test_a_bare_participle_of_a_reporting_verb_stays_in_the_content(extract):
    text = "The agency said hospitals were overwhelmed, with more than 600 wounded admitted since Sunday."
    (claim,) = extract(text)
    assert claim.content.text == "hospitals were overwhelmed, with more than 600 wounded admitted since Sunday"


def test_a_time_right_after_the_cue_dates_the_saying(extract):
    """Without "that", the parse hangs "on Wednesday" on the reported clause; it is when it was said."""
    (claim,) = extract("India said on Wednesday it had struck nine sites across the border.")
    assert claim.content.text == "it had struck nine sites across the border"
    assert claim.asserted_on == "2024-10-23"
    (claim,) = extract("The ministry said Tuesday the toll had risen to 40.")
    assert claim.content.text == "the toll had risen to 40" and claim.asserted_on == "2024-10-22"


def test_a_person_named_inside_a_clause_does_not_take_the_speakers_pronoun(extract):
    text = (
        "Gang leader Amadou Diallo, known as Lion, said in a video posted online that the raids were aimed at "
        'forcing Prime Minister Ariel Henry to resign. "We are asking all the groups to unite," he said.'
    )
    assert [c.source.actor for c in extract(text) if c.source.text == "he"] == ["Amadou Diallo"]


def test_a_past_participle_of_a_channel_noun_is_no_second_cue(extract):
    (claim,) = extract("The rebel leader said in a video posted on social media that the raids would go on.")
    assert (claim.cue, claim.channel) == ("say", "post")


def test_a_headline_passive_accusation_has_no_source(extract):
    """ "X accused of killing 124": X is the accused; "X has accused Y of ..." stays X's claim."""
    assert extract("Militia accused of killing 124 in village raid") == []
    (claim,) = extract("The militia has accused the army of killing 124 people.")
    assert claim.source.text == "The militia" and claim.cue == "accuse"


def test_a_participle_with_its_own_complement_reports_nothing(extract):
    text = "Shipping firms have diverted 300 vessels, adding around 10 days to voyages, the group said."
    assert [c.cue for c in extract(text)] == ["say"]


def test_a_declared_act_is_no_claim(extract):
    assert extract("The government declared a 72-hour state of emergency.") == []
    (claim,) = extract("The army declared that the city was under its control.")
    assert claim.content.text == "the city was under its control"


def test_two_reports_joined_by_a_semicolon(extract):
    claims = extract("India says it struck nine sites; Pakistan says 31 civilians killed")
    assert [(c.source.text, c.content.text) for c in claims] == [
        ("India", "it struck nine sites"), ("Pakistan", "31 civilians killed")]


def test_no_dangling_conjunction_before_another_speakers_clause(extract):
    text = ("The agency estimates that more than 313,000 people have been displaced by the violence, and the "
            "secretary-general called for a force to be deployed quickly.")
    assert extract(text)[0].content.text == "more than 313,000 people have been displaced by the violence"


def test_people_of_a_place_are_of_its_country(extract):
    (claim,) = extract("Residents of Muzaffarabad told Reuters they heard four loud explosions.")
    assert claim.source.country == "PK"


def test_people_of_the_scene_are_of_its_country(extract):
    text = ("Floods swept through Maiduguri in northeastern Nigeria on Tuesday. Residents said crocodiles had "
            "escaped from the zoo. A local activist group said 30 people had died.")
    assert [c.source.country for c in extract(text)] == ["NG", "NG"]


def test_a_closing_attribution_with_the_time_of_the_saying(extract):
    (claim,) = extract("At least 61 migrants drowned off the coast when their boat capsized, the IOM said on Saturday.")
    assert claim.content.text == "At least 61 migrants drowned off the coast when their boat capsized"
    assert claim.asserted_on == "2024-10-19"


def test_a_place_or_a_label_before_a_colon_heads_a_section(extract):
    claims = extract("Gaza: Israeli strikes kill 42, health ministry says\n\nExplainer: Why the militia attacked\n\n"
                     "Budanov: Troops are in Kursk")
    assert [(c.source.text, c.content.text) for c in claims] == [
        ("health ministry", "Israeli strikes kill 42"), ("Budanov", "Troops are in Kursk")]


def test_a_headline_mark_is_a_saying(extract):
    """ "Budanov: …" and "… – Pentagon" say it: the cue lemma is say, the mark its span."""
    claims = extract("Budanov: Troops are in Kursk\n\nTroops moved to the border – Pentagon")
    assert [(c.cue, c.cue_span.text) for c in claims] == [("say", ":"), ("say", "–")]


def test_as_reported_by_inside_a_claim_relays_it(extract):
    (claim,) = extract("The regime confirmed on Monday that it deployed troops abroad, as reported by state-run KCNA.")
    assert (claim.cue, claim.content.text) == ("confirm", "it deployed troops abroad")
    assert [c.text for c in claim.cites] == ["state-run KCNA"]
    (claim,) = extract("The troops moved to the border, as reported by KCNA.")
    assert (claim.source.text, claim.cue) == ("KCNA", "report")


def test_a_name_set_off_before_a_subjectless_cue_speaks(extract):
    """The parse can hang "said" on the sentence's verb and leave it no subject; the name set off by commas
    right before it speaks, with its title."""
    text = ("The strikes took place shortly after Hezbollah’s new secretary-general, Naim Qassem, said he did not "
            "believe that talks would end the war.")
    (claim,) = extract(text)
    assert claim.source.text == "Hezbollah’s new secretary-general, Naim Qassem"
    assert (claim.source.actor, claim.source.country) == ("Naim Qassem", "LB")


def test_a_name_the_parse_hung_on_the_clause_speaks_whole(extract):
    text = "At least 312 civilians were killed in the raid on Kibumba, the United Nations said on Wednesday."
    (claim,) = extract(text)
    assert claim.source.text == "the United Nations"
    assert claim.content.text == "At least 312 civilians were killed in the raid on Kibumba"
