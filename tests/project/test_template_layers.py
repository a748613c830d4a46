"""Templates keep the apps' layers: a template of an app loads tag libraries, links to pages and
includes templates of its own app, of apps below it, or of third parties, never of an app above
it (a lower page that needs a higher app's panel exposes a hook the higher app fills, as
strategy.panels does). The shared layout (templates/ outside an app's folder) may use them all."""

import configparser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, engines
from django.template.base import Lexer, TokenType
from django.urls import URLPattern, URLResolver, get_resolver


def layers_of_the_import_contract() -> list[set[str]]:
    """The layers contract of .importlinter, lowest first (the file lists the highest first;
    apps on one level, "a | b", may not use each other either)."""
    contracts = configparser.ConfigParser()
    contracts.read(Path(settings.BASE_DIR) / ".importlinter")
    lines = contracts["importlinter:contract:layers"]["layers"].split("\n")
    return [{app.strip() for app in line.split("|")} for line in reversed(lines) if line.strip()]


LAYERS = layers_of_the_import_contract()
LEVEL = {label: level for level, labels in enumerate(LAYERS) for label in labels}
ENGINE = engines["django"].engine
LAYOUT_DIRS = [Path(folder) for folder in ENGINE.dirs]


def app_of_module(module: str) -> str | None:
    """The layered app a Python module belongs to; None for Django and third parties."""
    config = apps.get_containing_app_config(module)
    return config.label if config is not None and config.label in LEVEL else None


def template_folders(label: str) -> list[Path]:
    # An app's own templates, and any the layout folder still holds under the app's name.
    return [Path(apps.get_app_config(label).path) / "templates", *(d / label for d in LAYOUT_DIRS)]


def app_of_template(path: Path) -> str | None:
    return next(
        (
            label
            for label in LEVEL
            for folder in template_folders(label)
            if path.is_relative_to(folder)
        ),
        None,
    )


def view_apps_by_url_name(patterns, namespaces=("",)):
    """{"namespace:name": apps of the views it resolves to}, from the URL resolver."""
    owners = {}
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespaces
            if entry.namespace:
                aliases = {entry.namespace, entry.app_name} - {None}
                inner = tuple(f"{outer}{alias}:" for outer in namespaces for alias in aliases)
            for name, labels in view_apps_by_url_name(entry.url_patterns, inner).items():
                owners.setdefault(name, set()).update(labels)
        elif isinstance(entry, URLPattern) and entry.name:
            view = getattr(entry.callback, "view_class", entry.callback)
            for namespace in namespaces:
                owners.setdefault(f"{namespace}{entry.name}", set()).add(
                    app_of_module(view.__module__)
                )
    return owners


URL_OWNERS = view_apps_by_url_name(get_resolver().url_patterns)


def literal(bit: str) -> str | None:
    """A quoted template argument's text; None for a variable."""
    if len(bit) > 1 and bit[0] == bit[-1] and bit[0] in "'\"":
        return bit[1:-1]
    return None


def used_apps(source: str):
    """(what the template uses, the apps it belongs to) for each load, url, include, extends."""
    for token in Lexer(source).tokenize():
        if token.token_type != TokenType.BLOCK:
            continue
        tag, *arguments = token.split_contents()
        if tag == "load":
            libraries = arguments[-1:] if "from" in arguments else arguments
            for library in libraries:
                yield f"{{% load {library} %}}", {app_of_module(ENGINE.libraries[library])}
        elif tag == "url" and (name := literal(arguments[0])) is not None:
            yield f"{{% url '{name}' %}}", URL_OWNERS.get(name, {f"no URL pattern ({name})"})
        elif tag in ("include", "extends") and (name := literal(arguments[0])) is not None:
            try:
                origin = Path(ENGINE.find_template(name)[1].name)
            except TemplateDoesNotExist:
                yield f"{{% {tag} '{name}' %}}", {"no template"}
                continue
            yield f"{{% {tag} '{name}' %}}", {app_of_template(origin)}


def violations(label: str, source: str) -> list[str]:
    return sorted(
        f"{used} belongs to {owner}"
        for used, owners in used_apps(source)
        for owner in owners
        if owner is not None and owner != label and LEVEL.get(owner, len(LAYERS)) >= LEVEL[label]
    )


def templates_of(label: str) -> list[Path]:
    return sorted(path for folder in template_folders(label) for path in folder.rglob("*.*"))


def test_every_app_of_the_project_has_a_layer():
    project = Path(settings.BASE_DIR)
    ours = {c.label for c in apps.get_app_configs() if Path(c.path).parent == project}
    assert ours == set(LEVEL)


def test_it_catches_a_template_using_a_higher_apps_tags_pages_or_templates():
    source = (
        "{% load i18n portal %}{% url 'meetings:meeting_detail' pk %}{% url 'home' %}"
        "{% include 'meetings/_agenda_items.html' %}{% url 'people:account_list' %}"
    )
    assert violations("coordination", source) == [
        "{% include 'meetings/_agenda_items.html' %} belongs to meetings",
        "{% load portal %} belongs to strategy",
        "{% url 'home' %} belongs to reporting",
        "{% url 'meetings:meeting_detail' %} belongs to meetings",
    ]
    assert violations("reporting", source) == []


def test_the_scan_reads_each_apps_templates():
    for label in ("coordination", "strategy", "meetings", "reporting"):
        assert any(path.suffix == ".html" for path in templates_of(label)), label


@pytest.mark.parametrize("label", sorted(LEVEL))
def test_templates_use_only_their_app_and_the_apps_below(label):
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {problem}"
        for path in templates_of(label)
        for problem in violations(label, path.read_text())
    ]
    assert found == []
