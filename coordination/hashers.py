"""How passwords are stored: Argon2id, the memory-hard hasher Django ships, tuned for a
portal server with few cores."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class SingleLaneArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id in one lane over 64 MiB, two passes: above the OWASP Password Storage Cheat
    Sheet's recommended minimum (19 MiB, two passes, one lane). Django's default spreads 100
    MiB over eight lanes, which takes every core of a two-core server for each sign-in
    (~270 ms of processor); this takes one core for ~150 ms, and a morning's sign-ins leave
    the other core to the pages. A hash made with other parameters is made again with these
    at the next sign-in (Argon2PasswordHasher.must_update)."""

    memory_cost = 65536
    parallelism = 1
    time_cost = 2
