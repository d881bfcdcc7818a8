"""schema.org JSON-LD for the pages where a type fits, built from the same views the templates get."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .urls import Route

if TYPE_CHECKING:
    from .render import Head, Renderer

_MODES = {"onsite": "onsite", "online": "online", "blended": "blended"}
_DURATION = {"hours": "PT{}H", "days": "P{}D", "weeks": "P{}W", "months": "P{}M"}


def structured_data(route: Route, context: dict[str, Any], head: "Head", renderer: "Renderer") -> dict | None:
    if route.kind == "program":
        return _program(context["program"], head, renderer)
    if route.kind == "partner":
        return _organization(context["partner"].card, head, renderer)
    if route.kind == "article":
        return _article(context["article"], head, renderer)
    return None


def _lang(renderer: "Renderer", code: str) -> str:
    return renderer.site.language(code).hreflang


def _program(view, head: "Head", renderer: "Renderer") -> dict:
    card = view.card
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "EducationalOccupationalProgram",
        "name": card.title.value, "description": card.summary.value, "url": head.canonical,
        "inLanguage": _lang(renderer, card.title.lang), "programType": card.type,
        "dateModified": card.updated.isoformat(),
        "provider": [_organization(p, head, renderer, nested=True) for p in view.partners],
    }
    if card.mode:
        data["educationalProgramMode"] = _MODES[card.mode]
    if card.duration:
        data["timeToComplete"] = _DURATION[card.duration.unit].format(card.duration.value)
    if view.credential:
        data["educationalCredentialAwarded"] = view.credential.value
    if card.fee:
        offer = {"@type": "Offer", "category": "Free" if card.fee.free else "Paid",
                 "price": "0" if card.fee.free else str(card.fee.amount)}
        if card.fee.currency:
            offer["priceCurrency"] = card.fee.currency
        data["offers"] = offer
    if card.next_session:
        session = card.next_session
        data["startDate"], data["endDate"] = session.start.isoformat(), session.end.isoformat()
        if session.application_opens:
            data["applicationStartDate"] = session.application_opens.isoformat()
        if session.application_deadline:
            data["applicationDeadline"] = session.application_deadline.isoformat()
        if session.seats:
            data["maximumEnrollment"] = session.seats
    if card.languages:
        course: dict[str, Any] = {"@type": "Course", "name": card.title.value, "inLanguage": list(card.languages)}
        if view.sessions:
            course["hasCourseInstance"] = [_instance(s, card) for s in view.sessions]
        data["hasCourse"] = course
    return data


def _instance(session, card) -> dict:
    instance: dict[str, Any] = {"@type": "CourseInstance", "startDate": session.start.isoformat(),
                                "endDate": session.end.isoformat()}
    if card.mode:
        instance["courseMode"] = card.mode
    if card.city:
        instance["location"] = {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": card.city.value, "addressCountry": card.country}}
    return instance


def _organization(card, head: "Head", renderer: "Renderer", nested: bool = False) -> dict:
    data: dict[str, Any] = {
        "@type": "CollegeOrUniversity" if card.kind == "university" else "Organization",
        "name": card.name.value, "url": renderer.urls.absolute(card.href.removeprefix(renderer.urls.base_path)),
        "address": {"@type": "PostalAddress", "addressCountry": card.country},
    }
    if card.website:
        data["sameAs"] = card.website
    if not nested:
        data = {"@context": "https://schema.org", **data}
    return data


def _article(view, head: "Head", renderer: "Renderer") -> dict:
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": view.title.value,
        "url": head.canonical, "mainEntityOfPage": head.canonical, "inLanguage": _lang(renderer, view.title.lang),
        "publisher": {"@type": "Organization", "name": renderer.localizer.text(renderer.site.title).value,
                      "url": renderer.urls.base_url},
    }
    if view.date:
        data["datePublished"] = data["dateModified"] = view.date.isoformat()
    if view.summary:
        data["description"] = view.summary.value
    if view.image:
        data["image"] = renderer.urls.absolute(view.image.removeprefix(renderer.urls.base_path))
    return data
