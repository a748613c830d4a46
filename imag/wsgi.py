import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imag.settings")
application = get_wsgi_application()

# Python's cycle collector walks every object the process holds. Once the portal is loaded
# (its URLconf imports every view), those objects live as long as the worker: frozen, they
# are left out of every collection. A request makes tens of thousands of short-lived objects,
# and at the default threshold (700) a focal point's dashboard paid for ~100 collections per
# request, ~4 ms of its time; they are run less often instead.
get_resolver().url_patterns  # noqa: B018 - imports the views now, before the freeze
gc.collect()
gc.freeze()
gc.set_threshold(20_000, 20, 20)
