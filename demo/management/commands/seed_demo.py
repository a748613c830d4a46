"""Load the demo: ministries, the strategy, actions, meetings, reports and the demo users.

The loading is demo/seeding.py; like it, this command can run again and changes nothing then.
"""

from django.core.management.base import BaseCommand, CommandError

from demo.seeding import load_demo


class Command(BaseCommand):
    help = "Load the demo data and demo users (admin, secretariat, steering, fp-<ministry>)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password of every demo user. Required: the demo never invents passwords.",
        )

    def handle(self, *args, password=None, **options):
        if not password:
            raise CommandError(
                "Give --password: the demo creates sign-in accounts (admin, secretariat, "
                "steering, fp-<ministry>) and will not create them without a password you chose."
            )
        ministries = load_demo(password=password)
        self._print_logins(ministries)

    def _print_logins(self, ministries):
        codes = ", ".join(f"fp-{code.lower()}" for code in ministries)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Sign in as:"))
        self.stdout.write("  admin        administrator (also /admin/)")
        self.stdout.write("  secretariat  secretariat: manages every record")
        self.stdout.write("  steering     steering body: reads every record")
        self.stdout.write(f"  focal points, one per ministry: {codes}")
        self.stdout.write("  all with the password given to seed_demo.")
