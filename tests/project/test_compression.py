"""Pages and static files go out compressed to browsers that ask (issue 13): HTML through
Django's GZipMiddleware, static files as the .gz and .br copies WhiteNoise's storage makes at
collectstatic, served by WhiteNoise with their Content-Encoding."""

import gzip

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import reverse

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
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES=storages,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        DEBUG=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = staticfiles_storage.url("vendor/bootstrap/bootstrap.rtl.min.css")
        assert url != "/static/vendor/bootstrap/bootstrap.rtl.min.css"  # hashed
        from whitenoise.middleware import WhiteNoiseMiddleware

        whitenoise = WhiteNoiseMiddleware(lambda request: pytest.fail("not served as static"))
        answers = {
            encoding: whitenoise(RequestFactory().get(url, HTTP_ACCEPT_ENCODING=encoding))
            for encoding in ("", "gzip", "gzip, deflate, br")
        }
    raw = b"".join(answers[""].streaming_content)
    assert raw.startswith(b"@charset") or b"bootstrap" in raw[:200].lower()
    assert not answers[""].has_header("Content-Encoding")
    assert answers["gzip"]["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(answers["gzip"].streaming_content)) == raw
    assert answers["gzip, deflate, br"]["Content-Encoding"] == "br"
    for answer in answers.values():
        assert "Accept-Encoding" in answer["Vary"]
