"""The processes the service tests start: Celery workers, a private Redis, a private PostgreSQL
cluster and the portal under gunicorn. The fixture that starts one also stops it, when the
test fails too; the shared PostgreSQL and Redis are never stopped."""

import contextlib
import glob
import http.client
import http.cookies
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pytest
import redis
from django.conf import settings

from imag.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
# Settings of the portal processes the fault tests start (see the module).
PROCESS_SETTINGS = "tests.services.process_settings"


def require_services() -> None:
    if not settings.REDIS_URL or not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.fail("Service tests need REDIS_URL and a PostgreSQL DATABASE_URL: see .ci/run")


def worker_database_url() -> str:
    """A worker must read and write the test database the tests use."""
    database = settings.DATABASES["default"]
    return (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def free_port(candidates: range) -> int:
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"No free port in {candidates}")


def wait_for(condition, timeout: float, interval: float = 0.1):
    """condition's first true value, or None after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """Terminate a process started in a session of its own, then kill what is left of that
    session (a worker's pool processes, one paused in the middle of a task)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def start_worker(name: str, environment: dict, pool: str = "solo") -> subprocess.Popen:
    """A Celery worker of the portal, answering the app's ping once it consumes the queue."""
    command = [sys.executable, "-m", "celery", "-A", "imag", "worker", f"--pool={pool}"]
    if pool == "prefork":
        command.append("--concurrency=1")
    command += ["--loglevel=WARNING", f"--hostname={name}", "--without-mingle", "--without-gossip"]
    process = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True)
    with stopped_on_error(process):
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(destination=[name], timeout=1.0):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The Celery worker {name} did not start")
    return process


@contextlib.contextmanager
def stopped_on_error(process: subprocess.Popen):
    """A process still starting is stopped if anything fails: no fixture owns it yet."""
    try:
        yield
    except BaseException:
        stop(process, timeout=10)
        raise


class RedisServer:
    """A redis-server of our own on a free port (6390-6399), to kill, freeze and bring back
    on the same port. Nothing is saved: a restart begins empty, as a crashed cache would."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port(range(6390, 6400))
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
            + ["--logfile", str(self.directory / "redis.log")],
            start_new_session=True,
        )
        with stopped_on_error(self.process):
            if not wait_for(self._answers, timeout=10):
                pytest.fail(f"redis-server did not start on port {self.port}")

    def _answers(self) -> bool:
        try:
            return self.client().ping()
        except redis.RedisError:
            return False

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)

    def kill(self) -> None:
        """Gone at once: connections are refused."""
        self.process.kill()
        self.process.wait()

    def freeze(self) -> None:
        """Still accepting connections (the kernel does), never answering."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.thaw()
            self.kill()


class PostgresCluster:
    """A PostgreSQL cluster of our own in a temporary folder, on a free port (5490-5499) with
    its socket in that folder, which a test may stop and restart. initdb refuses to run as
    root, so under root (CI) the server runs as the postgres user."""

    def __init__(self):
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        initdb = binaries[-1] if binaries else shutil.which("initdb")
        if initdb is None:
            pytest.fail("PostgreSQL's initdb was not found (Debian: postgresql-15)")
        self.bin = Path(initdb).parent
        self.directory = Path(tempfile.mkdtemp(prefix="imag-faults-pg-"))
        self.data = self.directory / "data"
        self.port = free_port(range(5490, 5500))
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.directory, "postgres", "postgres")

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, program: str, *arguments: str) -> None:
        command = [str(self.bin / program), *arguments]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode:
            pytest.fail(f"{program} failed: {result.stdout}{result.stderr}")

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()

    def _pg_ctl(self, action: str, *options: str) -> None:
        server_options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        )
        self._run(
            "pg_ctl", action, "-D", str(self.data), "-l", str(self.directory / "postgres.log"),
            "-w", "-t", "60", "-o", server_options, *options,
        )  # fmt: skip

    def start(self) -> None:
        self._pg_ctl("start")

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "fast")

    def restart(self) -> None:
        self._pg_ctl("restart", "-m", "fast")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(BaseException):
                self._pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


class Browser:
    """Just enough of a browser for a portal in another process: cookies (also the Secure
    ones, which http.cookiejar keeps from plain HTTP), forms with their CSRF token."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = http.cookies.SimpleCookie(header)
                self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
            return response.status, response.read().decode()
        finally:
            connection.close()

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def log_in(self, username: str, password: str) -> None:
        _, page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        assert status == 302, f"Could not log in as {username}"


def start_portal(environment: dict, workers: int = 1) -> tuple[subprocess.Popen, int]:
    """The portal as production runs it: gunicorn with sync workers (one by default, so
    every request goes through the same process and its persistent database connection)."""
    port = free_port(range(8790, 8800))
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "imag.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": PROCESS_SETTINGS},
        start_new_session=True,
    )

    def answers() -> bool:
        try:
            return Browser(port).get("/health/")[0] > 0
        except OSError:
            return process.poll() is not None

    with stopped_on_error(process):
        if not wait_for(answers, timeout=60, interval=0.3) or process.poll() is not None:
            pytest.fail("gunicorn did not start")
    return process, port
