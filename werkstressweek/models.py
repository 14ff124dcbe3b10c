from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """When a background worker last ran beat's heartbeat task; one row per worker name."""

    worker = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"


class Throttle(models.Model):
    """How often something was asked for in one fixed time window, per scope and key.

    The key is a keyed hash (of an e-mail address or a client address): usable for counting,
    useless for finding the person. Rows of past windows are deleted as new ones are made.
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    window = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window"], name="throttle_unique_scope_key_window"
            )
        ]
        indexes = [models.Index(fields=["window"], name="throttle_window_idx")]

    def __str__(self) -> str:
        return f"{self.scope} {self.window:%Y-%m-%d %H:%M} {self.hits}"
