"""Every URL pattern of the project as concrete paths, and every form on the pages they serve.

A pattern whose parameters this module cannot fill makes the suite fail (``Unfilled``), so a page
another engineer adds is either covered or named here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


class Unfilled(Exception):
    """A URL parameter with no sample value: add one to ``Samples``."""


def routes(patterns=None, prefix: str = "") -> list[str]:
    """Every pattern's route, with its resolvers' prefixes."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            found += routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            found.append(prefix + str(pattern.pattern))
    return found


@dataclass
class Samples:
    """An object of each kind the project's URLs name, from the scenario."""

    by_segment: dict[str, object]  # first path segment -> its object ("audits" -> the audit)
    section_key: str
    download_name: str
    # A question's key (``.../questions/<key>/``) and any other parameter by name (a link's
    # ``uidb64`` and ``token``, an action's ``theme``).
    question_key: str = ""
    values: dict[str, str] = field(default_factory=dict)

    def path_for(self, route: str) -> str:
        route = route.lstrip("^").rstrip("$")
        if route.startswith("admin/"):
            return "/" + self._admin(route)
        # The first two segments name the object when the first is a section of the site
        # ("administration/users" -> a user), else the first alone.
        two = "/".join(route.split("/", 2)[:2])
        segment = two if two in self.by_segment else route.split("/", 1)[0]

        def fill(match: re.Match) -> str:
            name = match.group("name")
            if name == "pk" and segment in self.by_segment:
                return str(self.by_segment[segment].pk)  # type: ignore[attr-defined]
            if name == "key" and "/questions/<" in route and self.question_key:
                return self.question_key
            if name == "key":
                return self.section_key
            if name in self.values:
                return self.values[name]
            if name == "name":
                return self.download_name
            raise Unfilled(f"no sample for <{name}> in {route!r}")

        return "/" + PARAMETER.sub(fill, route)

    def _admin(self, route: str) -> str:
        route = route.replace("(?P<app_label>auth|axes|accounts|audits)/", "accounts/")
        route = route.replace("(?P<url>.*)", "no-such-page/")
        parts = route.split("/")
        model = None
        if len(parts) > 3 and not parts[1].startswith("<"):
            try:
                model = apps.get_model(parts[1], parts[2])
            except (LookupError, ValueError):
                model = None

        def fill(match: re.Match) -> str:
            name = match.group("name")
            if name in ("object_id", "id") and model is not None:
                first = model._default_manager.order_by("pk").first()
                return str(first.pk) if first is not None else "1"
            if name == "content_type_id":
                from django.contrib.contenttypes.models import ContentType

                return str(ContentType.objects.get_for_model(self.by_segment["audits"]).pk)
            if name == "object_id":
                return str(self.by_segment["audits"].pk)  # type: ignore[attr-defined]
            raise Unfilled(f"no sample for <{name}> in {route!r}")

        return PARAMETER.sub(fill, route)


@dataclass
class Form:
    action: str
    method: str
    multipart: bool
    fields: list[tuple[str, str]]  # the values the browser would send, in order
    maxlengths: dict[str, int]
    text_fields: list[str]  # inputs and textareas a person types into
    choice_fields: list[str]
    file_fields: list[str]
    checkboxes: list[str] = field(default_factory=list)  # on or off: no value is carried
    roles: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        names = tuple(sorted({n for n, _ in self.fields} | set(self.file_fields)))
        return (self.action, self.method, names)


TYPED = {"text", "search", "email", "url", "tel", "number", "password", "date", None, ""}


def forms_on(page_path: str, html: str) -> list[Form]:
    document = lxml.html.fromstring(html)
    found = []
    for element in document.forms:
        action = urljoin(page_path, element.get("action") or page_path)
        method = (element.get("method") or "get").lower()
        values = list(element.form_values())
        buttons = element.xpath(".//button[@name] | .//input[@type='submit'][@name]")
        if buttons:
            values.append((buttons[0].get("name"), buttons[0].get("value") or ""))
        maxlengths, text, choices, files, boxes = {}, [], [], [], []
        for control in element.inputs:
            name = control.get("name")
            if not name:
                continue
            kind = control.get("type") if control.tag == "input" else control.tag
            if control.get("maxlength"):
                maxlengths[name] = int(control.get("maxlength"))
            if kind == "file":
                files.append(name)
            elif control.tag == "textarea" or (control.tag == "input" and kind in TYPED):
                text.append(name)
            elif kind in ("radio", "checkbox", "select"):
                choices.append(name)
                if kind == "checkbox":
                    boxes.append(name)
        found.append(
            Form(
                action=action,
                method=method,
                multipart=(element.get("enctype") or "").lower() == "multipart/form-data",
                fields=[(n, v or "") for n, v in values],
                maxlengths=maxlengths,
                text_fields=sorted(set(text)),
                choice_fields=sorted(set(choices)),
                file_fields=sorted(set(files)),
                checkboxes=sorted(set(boxes)),
            )
        )
    return found
