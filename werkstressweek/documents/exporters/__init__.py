"""The built-in PDF reports; importing this package registers them."""

from . import campaign_plan, feedback, measurement  # noqa: F401
