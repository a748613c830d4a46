"""Read the forms of a page as a browser would send them, with the standard library only
(the load test fills the portal's real forms rather than posting fields it assumes)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    """One <form>: what a browser would send for it if nobody changed anything."""

    action: str | None
    method: str
    enctype: str
    fields: dict[str, str] = field(default_factory=dict)
    # The values a <select> offers, in order, by field name.
    options: dict[str, list[str]] = field(default_factory=dict)
    # Names of the submit buttons (a browser sends the one that was pressed).
    buttons: list[tuple[str, str]] = field(default_factory=list)
    file_inputs: list[str] = field(default_factory=list)

    def has_button(self, name: str) -> bool:
        return any(button == name for button, _value in self.buttons)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._selected_seen = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._form = Form(
                action=attributes.get("action"),
                method=(attributes.get("method") or "get").lower(),
                enctype=attributes.get("enctype") or "application/x-www-form-urlencoded",
            )
            self.forms.append(self._form)
            return
        form, name = self._form, attributes.get("name")
        if form is None:
            return
        if tag == "option" and self._select is not None:
            value = attributes.get("value") or ""
            form.options[self._select].append(value)
            if "selected" in attributes and not self._selected_seen:
                form.fields[self._select] = value
                self._selected_seen = True
            elif self._select not in form.fields:
                form.fields[self._select] = value  # a browser sends the first by default
            return
        if not name or "disabled" in attributes:
            return
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            if kind in ("submit", "image"):
                form.buttons.append((name, attributes.get("value") or ""))
            elif kind == "file":
                form.file_inputs.append(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    form.fields[name] = attributes.get("value") or "on"
            elif kind != "button":
                form.fields[name] = attributes.get("value") or ""
        elif tag == "button":
            if (attributes.get("type") or "submit").lower() == "submit":
                form.buttons.append((name, attributes.get("value") or ""))
        elif tag == "select":
            self._select, self._selected_seen = name, False
            form.options[name] = []
        elif tag == "textarea":
            self._textarea = name
            form.fields[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea is not None:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # HTML drops the newline that follows <textarea> (Django writes one).
            text = self._form.fields[self._textarea]
            if text.startswith("\r\n"):
                text = text[2:]
            elif text.startswith("\n"):
                text = text[1:]
            self._form.fields[self._textarea] = text
            self._textarea = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def form_with_button(html: str, button: str) -> Form | None:
    """The first form on the page with a submit button of that name."""
    return next((form for form in parse_forms(html) if form.has_button(button)), None)


def form_with_field(html: str, name: str) -> Form | None:
    """The first form on the page with a field of that name."""
    return next((form for form in parse_forms(html) if name in form.fields), None)
