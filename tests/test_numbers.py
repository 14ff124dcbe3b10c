"""The kept number texts follow the language and the format settings."""

from __future__ import annotations

from django.test import override_settings
from django.utils import translation

from werkstressweek.numbers import decimal_text, signed_text


def test_number_texts_follow_the_language():
    with translation.override("nl"):
        assert (decimal_text(3.456, 2), signed_text(-0.125)) == ("3,46", "−0,13")
    with translation.override("en"):
        assert (decimal_text(3.456, 2), signed_text(-0.125)) == ("3.46", "−0.13")


def test_number_texts_follow_a_changed_thousand_separator_setting():
    with translation.override("en"):
        assert decimal_text(1234.5, 1) == "1234.5"
        with override_settings(USE_THOUSAND_SEPARATOR=True):
            assert decimal_text(1234.5, 1) == "1,234.5"
        assert decimal_text(1234.5, 1) == "1234.5"
