"""Pages and static files go out compressed to browsers that ask (issue 13): HTML through
Django's GZipMiddleware, static files as the .gz and .br copies WhiteNoise's storage makes at
collectstatic, served by WhiteNoise with their Content-Encoding."""

import gzip
import json
import os
import subprocess
import sys
from wsgiref.util import setup_testing_defaults

import pytest
from django.conf import settings
from django.urls import reverse
from whitenoise import WhiteNoise

pytestmark = pytest.mark.django_db


PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def test_a_page_is_gzipped_when_the_browser_asks(client, steering, settings):
    # (Through the settings fixture, so that a storage made earlier in the run is dropped.)
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PLAIN_STATIC}
    client.force_login(steering)
    url = reverse("dashboard:steering")
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.status_code == packed.status_code == 200
    assert not plain.has_header("Content-Encoding")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    page = gzip.decompress(packed.content).decode()
    assert "</html>" in page
    assert len(packed.content) < len(plain.content) / 3
    # Headers the middleware below it sets are still there.
    assert packed.has_header("Content-Security-Policy")


def test_the_compression_sits_outside_every_middleware_that_reads_the_body():
    middleware = settings.MIDDLEWARE
    gzip_at = middleware.index("django.middleware.gzip.GZipMiddleware")
    # Only the security headers, the request size check and WhiteNoise (whose static files
    # carry their own compressed copies) come before it.
    assert middleware[:gzip_at] == [
        "django.middleware.security.SecurityMiddleware",
        "coordination.middleware.RequestSizeLimitMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_static_files_are_served_compressed_with_their_encoding(tmp_path):
    # collectstatic with the production settings (DEBUG off: WhiteNoise's compressed manifest
    # storage), in a process of its own so that this run's storages stay as they are.
    environment = {**os.environ, "SECRET_KEY": "x", "DEBUG": "false", "VAR_DIR": str(tmp_path)}
    environment.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
    )
    root = tmp_path / "staticfiles"
    manifest = json.loads((root / "staticfiles.json").read_text())["paths"]
    hashed = manifest["vendor/bootstrap/bootstrap.rtl.min.css"]
    assert (root / f"{hashed}.gz").exists()
    assert (root / f"{hashed}.br").exists()
    # WhiteNoise as the middleware uses it (the same files, the same rules).
    server = WhiteNoise(None, root=root, prefix="/static/")

    def get(encoding):
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": f"/static/{hashed}"}
        if encoding:
            environ["HTTP_ACCEPT_ENCODING"] = encoding
        setup_testing_defaults(environ)
        answer = {}

        def start_response(status, headers):
            answer["status"], answer["headers"] = status, dict(headers)

        body = b"".join(server(environ, start_response))
        return answer["status"], answer["headers"], body

    status, headers, raw = get("")
    assert status.startswith("200")
    assert "Content-Encoding" not in headers
    assert raw == (root / hashed).read_bytes()
    status, headers, packed = get("gzip")
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed) == raw
    status, headers, packed = get("gzip, deflate, br")
    assert headers["Content-Encoding"] == "br"
    assert len(packed) < len(raw) / 3
    assert "Accept-Encoding" in headers["Vary"]
