"""The built-in PDF reports; importing this package registers them."""

from . import campaign_plan  # noqa: F401
from . import action_plan  # noqa: F401
from . import evaluation  # noqa: F401
from . import anonymity  # noqa: F401
