from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from coordination import access
from ops import health as health_checks


@never_cache
@login_not_required
def health(request):
    """For the load balancer: 200 when the database answers, 503 otherwise. Each check says
    ok or down; an administrator who has passed the second factor also reads why."""
    checks = health_checks.overall()
    status = 200 if checks["database"] == health_checks.OK else 503
    user = request.user
    if not (access.administers(user) and user.is_verified()):
        checks = health_checks.public(checks)
    return JsonResponse(checks, status=status)
