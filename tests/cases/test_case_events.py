"""Each app brings its own timeline steps; the core lists only its own and refuses a step spelled twice."""

from django.core.exceptions import ImproperlyConfigured
from django.db import models

import pytest

from cases.events import CaseAction, action_choices, register_actions
from cases.models import CaseEvent
from cases.relocation.events import RelocationAction
from evictions.events import EvictionAction
from housing.events import HousingAction


def test_the_timeline_offers_the_steps_of_the_core_and_of_every_app_that_registered_some():
    values = dict(action_choices())

    assert values[CaseAction.OPENED] == "Ärendet öppnades"
    assert values[HousingAction.DECISION_MADE] == "Beslut fattades"
    assert values[EvictionAction.NOTICE_REGISTERED] == "Underrättelse registrerades"
    assert values[RelocationAction.AVOID_AREAS_MAPPED] == "Områden att undvika kartlades"
    assert len(values) == len(CaseAction) + len(HousingAction) + len(EvictionAction) + len(RelocationAction)


def test_the_core_lists_none_of_the_housing_units_or_eviction_preventions_steps():
    assert not set(CaseAction.values) & (
        set(HousingAction.values) | set(EvictionAction.values) | set(RelocationAction.values)
    )


def test_a_step_another_app_already_uses_is_refused():
    class Clash(models.TextChoices):
        OPENED = "opened", "Öppnad igen"

    with pytest.raises(ImproperlyConfigured, match="'opened'"):
        register_actions(Clash)

    assert dict(action_choices())["opened"] == "Ärendet öppnades"


def test_an_event_shows_the_label_of_its_apps_step():
    event = CaseEvent(action=HousingAction.OFFER_MADE)

    assert event.get_action_display() == "Erbjudande lämnades"
