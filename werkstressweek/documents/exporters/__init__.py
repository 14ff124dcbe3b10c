"""The built-in PDF reports; importing this package registers them."""

from . import campaign_plan  # noqa: F401
from . import measurement  # noqa: F401
from . import feedback  # noqa: F401
