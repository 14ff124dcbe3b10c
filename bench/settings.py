"""The production settings plus one extra URL: the minimal view the answer endpoint is compared with."""

from werkstressweek.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
