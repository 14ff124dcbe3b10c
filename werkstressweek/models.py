from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """When a background worker last ran beat's heartbeat task; one row per worker name."""

    worker = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker} @ {self.last_seen:%Y-%m-%d %H:%M:%S}"
