"""The wording of the problems `check` finds in texts/group.yaml (content/groupcheck.py and the
group models), in English and Dutch.

Part of the one message catalogue (`werkstijl.content.wording.CATALOGUE`, looked up with `say`);
kept in its own file so the group report's messages stay together.
"""

from __future__ import annotations

GROUP_WORDING: dict[str, dict[str, str]] = {
    "model.empty_when": {
        "en": "'when' needs at least one of absent, dominant, few, balanced, one or several",
        "nl": "bij 'when' hoort minstens één van absent, dominant, few, balanced, one of several",
    },
    "kind.statement": {"en": "mix statement", "nl": "mixtekst"},
    "kind.agreement": {"en": "agreement", "nl": "afspraak"},
    "owner.statement": {"en": "mix statement '{id}'", "nl": "mixtekst '{id}'"},
    "owner.agreement_option": {
        "en": "option {n} of agreement '{id}'",
        "nl": "voorstel {n} van afspraak '{id}'",
    },
    "group.and": {"en": " and ", "nl": " en "},
    "load.no_group": {
        "en": "the group report's texts are missing: restore texts/group.yaml",
        "nl": "het bestand met de teksten van het groepsrapport ontbreekt: zet texts/group.yaml terug",
    },
    "group.never_applies": {
        "en": "{owner} never applies: no group fits all of {keys} at once; remove a key",
        "nl": "{owner} geldt nooit: geen groep voldoet tegelijk aan {keys}; haal een sleutel weg",
    },
    "group.uncovered": {
        "en": "a group of {mix} gets no text about its mix: add a statement whose 'when' fits it (for example 'balanced: true', 'absent', 'dominant' or 'few')",
        "nl": "een groep van {mix} krijgt geen tekst over zijn mix: voeg een mixtekst toe waarvan de 'when' erbij past (bijvoorbeeld 'balanced: true', 'absent', 'dominant' of 'few')",
    },
    "group.no_proposal": {
        "en": "a group of {mix} gets no proposal for agreement '{id}': leave 'when' out of the last option, so it is what every other group gets",
        "nl": "een groep van {mix} krijgt geen voorstel voor afspraak '{id}': laat 'when' weg bij het laatste voorstel, dan krijgt elke andere groep dat",
    },
    "group.shadowed": {
        "en": "{owner} is never proposed: every group it fits gets option {first} first; move it up, or remove it",
        "nl": "{owner} wordt nooit voorgesteld: elke groep waarvoor het geldt, krijgt eerst voorstel {first}; zet het hoger, of haal het weg",
    },
    "group.after_default": {
        "en": "{owner} is never proposed: option {first} has no 'when', so every group gets that one; give option {first} a 'when', or move it to the end",
        "nl": "{owner} wordt nooit voorgesteld: voorstel {first} heeft geen 'when', dus elke groep krijgt dat; geef voorstel {first} een 'when', of zet het achteraan",
    },
    "group.block_missing": {
        "en": "{owner} refers to block '{{{block}}}', but the week rhythm of profile '{profile}' has no block with that id: the agreement names the time this block has in common for everyone in the group; its blocks: {blocks}",
        "nl": "{owner} verwijst naar blok '{{{block}}}', maar het weekritme van profiel '{profile}' heeft geen blok met dat id: de afspraak noemt de tijd die dit blok voor iedereen in de groep gemeen heeft; de blokken zijn: {blocks}",
    },
    "group.block_apart": {
        "en": "{owner} refers to block '{{{block}}}', but for a group of {profiles} those blocks have no day and time in common: align the blocks in the week rhythms, give this option a 'when' that excludes such groups, or choose another block",
        "nl": "{owner} verwijst naar blok '{{{block}}}', maar voor een groep met {profiles} hebben die blokken geen dag en tijd gemeen: stem de blokken in de weekritmes op elkaar af, geef dit voorstel een 'when' die zulke groepen uitsluit, of kies een ander blok",
    },
    "group.written_time": {
        "en": "this text writes '{words}': times and days live only in the week rhythms; refer to a block instead, e.g. {{focus}}, which shows the time it has in common for the whole group",
        "nl": "deze tekst noemt '{words}': tijden en dagen staan alleen in de weekritmes; verwijs liever naar een blok, zoals {{focus}}, dan verschijnt de tijd die het voor de hele groep gemeen heeft",
    },
    "group.session_length": {
        "en": "the steps of the session add up to {minutes} minutes; a session lasts {low} to {high} minutes: shorten or lengthen a step",
        "nl": "de stappen van de sessie duren samen {minutes} minuten; een sessie duurt {low} tot {high} minuten: maak een stap korter of langer",
    },
    # Texts worded for one person, and small groups (trainerfix).
    "group.one_person": {
        "en": "this text speaks of one person ('{words}'), but it also goes to a group of {mix}: "
        "add 'one: {id}' to its 'when', or word it for more people",
        "nl": "deze tekst spreekt over één persoon ('{words}'), maar gaat ook naar een groep van "
        "{mix}: zet 'one: {id}' in de 'when', of schrijf de tekst voor meer mensen",
    },
    "group.no_small_steps": {
        "en": "every step has 'needs_group: true', so a group smaller than {min_size} gets no "
        "session at all: leave it off at least one step (the opening, the first step)",
        "nl": "elke stap heeft 'needs_group: true', dus een groep kleiner dan {min_size} krijgt "
        "helemaal geen sessie: laat het weg bij minstens één stap (de opening, de eerste stap)",
    },
}
