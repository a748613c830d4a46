"""`python -m ops.healthcheck`: the container's own health check of the running portal.

It asks /health/ on this machine as the load balancer would: with an allowed host name and
the proxy's HTTPS header, so production settings (ALLOWED_HOSTS, SSL redirect) answer it.
"""

import os
import sys
import urllib.error
import urllib.request


def host_to_ask(allowed_hosts: str) -> str:
    for host in (h.strip() for h in allowed_hosts.split(",")):
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def health_request(port: int = 8000) -> urllib.request.Request:
    return urllib.request.Request(
        f"http://127.0.0.1:{port}/health/",
        headers={
            "Host": host_to_ask(os.environ.get("ALLOWED_HOSTS", "")),
            "X-Forwarded-Proto": "https",
        },
    )


def main() -> int:
    try:
        with urllib.request.urlopen(health_request(), timeout=5) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
