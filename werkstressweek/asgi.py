import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkstressweek.settings")

application = get_asgi_application()

# Everything loaded at start-up (settings, apps, models, libraries: some 200 000 objects) lives as
# long as the process. Freezing it keeps it out of the garbage collector's full passes, which
# otherwise scan all of it every few requests: 70-90 ms pauses on a busy page (bench/pages.py).
gc.collect()
gc.freeze()
