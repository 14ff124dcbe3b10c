"""The log filter moved to werkstressweek.logfilters (one filter for the whole project)."""

from werkstressweek.logfilters import RedactAnswerPaths, RedactSecrets, install, redact

__all__ = ["RedactAnswerPaths", "RedactSecrets", "install", "redact"]
