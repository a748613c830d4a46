"""The Redis cache of one pytest-xdist worker, when several workers share one Redis database
(`make test-all` with REDIS_URL). Each worker keeps its keys under a prefix of its own (see
tests/conftest.py), so one never serves a page kept by another from another test database;
and clearing the cache, before every test and in some tests, drops that worker's keys only:
Django's RedisCache.clear() empties the whole database, under the other worker's tests."""

from django.core.cache.backends.redis import RedisCache


class WorkerRedisCache(RedisCache):
    def clear(self):
        client = self._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        return True
