"""The housing pages speak English to those who choose it, from the app's own catalogue."""

from django.urls import reverse
from django.utils import translation

import pytest

from housing.queue import QUEUE_RULE


@pytest.fixture
def back_to_swedish():
    """The locale middleware leaves the chosen language active in this thread; later tests expect Swedish."""
    yield
    translation.activate("sv")


def test_the_housing_pages_have_an_english_translation(client, housing_handler, back_to_swedish):
    client.force_login(housing_handler)
    client.post(reverse("set_language"), {"language": "en", "next": "/bostad/"})
    body = client.get(reverse("housing:start")).content.decode()
    assert "Decisions due in the next five working days" in body
    assert "Offers awaiting an answer" in body
    with translation.override("en"):
        assert str(QUEUE_RULE).startswith("Households with children come before households without")
