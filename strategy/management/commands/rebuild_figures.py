"""Make the dashboards' figures again from the records (strategy/figures.py):

    python manage.py rebuild_figures           rebuild every table
    python manage.py rebuild_figures --check   only say whether the kept figures are right

Every write keeps them up to date; this is for after a bulk load that sent no signals, or to
check that nothing has drifted.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from strategy import figures


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Rebuild the dashboards' figures from the records, or check them (--check)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare the kept figures with a rebuild, change nothing, fail on a difference.",
        )

    def handle(self, *args, **options):
        if not options["check"]:
            for table, rows in figures.rebuild().items():
                self.stdout.write(f"{table}: {rows:,} rows")
            return
        kept = figures.dump()
        try:
            with transaction.atomic():
                figures.rebuild()
                rebuilt = figures.dump()
                raise Rollback
        except Rollback:
            pass
        differing = [table for table in kept if kept[table] != rebuilt[table]]
        if differing:
            raise CommandError(f"The kept figures differ from a rebuild in: {', '.join(differing)}")
        self.stdout.write("The kept figures are those of a rebuild.")
