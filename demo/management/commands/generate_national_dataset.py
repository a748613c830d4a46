"""Generate a national-scale dataset for the performance benchmark (see benchmark_pages).

What the dataset holds, and how it is written, is told in demo/national_dataset.py; this
command reads the options and reports the progress. The same --seed gives the same data;
--as-of describes another day than the strategy's last. It refuses a database that already
holds actions.
"""

import contextlib
import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.national_dataset import (
    DatabaseNotEmpty,
    DatasetSize,
    NationalDataset,
    refuse_unless_empty,
)


class Command(BaseCommand):
    help = (
        "Generate a national-scale dataset (ministries, strategy, actions, five years of "
        "quarterly reports, meetings, decisions, users) into an empty database, for "
        "benchmark_pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ministries", type=int, default=40)
        parser.add_argument("--pillars", type=int, default=25)
        parser.add_argument("--actions", type=int, default=5000)
        parser.add_argument("--years", type=int, default=5, help="Strategy length, ending 2030.")
        parser.add_argument("--meetings", type=int, default=600)
        parser.add_argument("--decisions", type=int, default=3000)
        parser.add_argument(
            "--users",
            type=int,
            default=200,
            help="All users: secretariat-bench, steering-bench and focal points fp-bench-NNN.",
        )
        parser.add_argument(
            "--password",
            help="Password of every generated user. Required: accounts are never created "
            "without a password you chose.",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            default=None,
            help="The day the data describes (YYYY-MM-DD): reports exist up to the last quarter "
            "ended by then, meetings before it were held. Default: the strategy's last day, so "
            "that every quarter of the strategy has its reports.",
        )

    def handle(self, *args, **options):
        self._check(options)
        dataset = NationalDataset(
            size=DatasetSize(
                ministries=options["ministries"],
                pillars=options["pillars"],
                actions=options["actions"],
                years=options["years"],
                meetings=options["meetings"],
                decisions=options["decisions"],
                users=options["users"],
            ),
            password=options["password"],
            seed=options["seed"],
            as_of=options["as_of"],
            progress=self,
        )
        began = time.perf_counter()
        self.stdout.write(
            f"Generating into {connection.vendor} database {connection.settings_dict['NAME']!s} "
            f"(strategy {dataset.start} to {dataset.end}, data as of {dataset.as_of}, seed "
            f"{options['seed']})"
        )
        dataset.generate()
        self._print_counts(dataset.counts, time.perf_counter() - began)

    def _check(self, options):
        if not options["password"]:
            raise CommandError(
                "Give --password: the dataset creates sign-in accounts (secretariat-bench, "
                "steering-bench, fp-bench-NNN) and will not create them without a password "
                "you chose."
            )
        for name in ("ministries", "pillars", "actions", "years", "meetings"):
            if options[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        if options["decisions"] < 0:
            raise CommandError("--decisions cannot be negative.")
        if options["users"] < 3:
            raise CommandError("--users must be at least 3 (secretariat, steering, a focal point).")
        if options["ministries"] > 999:
            raise CommandError("--ministries must be at most 999.")
        try:
            refuse_unless_empty()
        except DatabaseNotEmpty as error:
            raise CommandError(str(error)) from error

    # The dataset's progress (demo.national_dataset.Progress) ---------------------------------

    @contextlib.contextmanager
    def phase(self, label):
        self.stdout.write(f"  {label} ...", ending="")
        self.stdout.flush()
        began = time.perf_counter()
        yield
        self.stdout.write(f" {time.perf_counter() - began:.1f} s")

    def note(self, text):
        self.stdout.write(f" ({text})", ending="")

    def _print_counts(self, counts, elapsed):
        self.stdout.write(self.style.SUCCESS(f"Dataset generated in {elapsed:.1f} s:"))
        for label, count in counts.items():
            self.stdout.write(f"  {count:>9,}  {label}")
