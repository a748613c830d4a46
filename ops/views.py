from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from ops import health as health_checks


@never_cache
@login_not_required
def health(request):
    """For the load balancer: 200 when the database answers, 503 otherwise."""
    checks = health_checks.overall()
    status = 200 if checks["database"] == health_checks.OK else 503
    return JsonResponse(checks, status=status)
