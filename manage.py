#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imag.settings")
    if "SECRET_KEY" not in os.environ:
        # A developer's checkout runs management commands without any configuration;
        # a deployment sets SECRET_KEY, and then DEBUG stays whatever it sets.
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
