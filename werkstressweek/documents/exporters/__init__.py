"""The built-in PDF reports; importing this package registers them."""

from . import (
    action_plan,  # noqa: F401
    anonymity,  # noqa: F401
    campaign_plan,  # noqa: F401
    evaluation,  # noqa: F401
)
