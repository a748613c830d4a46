from celery import shared_task

from actionplan import services


@shared_task(acks_late=True)
def check_plan_import(plan_import_id: int) -> str:
    return services.check(plan_import_id)


@shared_task(acks_late=True)
def run_plan_import(plan_import_id: int) -> str:
    return services.run(plan_import_id)
