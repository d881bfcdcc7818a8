"""schema.org JSON-LD for the pages where a type fits, built from the same views the templates get."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..plan.urls import Route, Urls
from .head import Head

if TYPE_CHECKING:
    from ..foundation.model import Site
    from ..plan.catalog import Catalog
    from .views import ArticleView, PartnerCard, ProgramCard, ProgramView

_DURATION = {"hours": "PT{}H", "days": "P{}D", "weeks": "P{}W", "months": "P{}M"}
# Inside <script> only "</script" and "<!--" can end or derail the element; escaping every <, > and &
# as JSON \u escapes rules both out and keeps the text valid JSON (and JavaScript).
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


def script_json(data: Any) -> str:
    """JSON that is safe to put between <script> tags, whatever text the data holds."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for character, escaped in _SCRIPT_SAFE:  # str.replace: str.translate with a mapping is ten times slower
        text = text.replace(character, escaped)
    return text


def structured_data(route: Route, context: dict[str, Any], head: Head, catalog: "Catalog", urls: Urls,
                    site_title: str) -> dict | None:
    """The page's data, from its template context and head; site_title is the site's in the page's language."""
    data = None
    if route.kind == "program":
        data = _program(context["program"], head, catalog, urls)
    elif route.kind == "partner":
        data = _organization(context["partner"].card, catalog, urls)
    elif route.kind == "article":
        data = _article(context["article"], head, catalog, urls, site_title)
    elif route.kind == "programs":
        data = _item_list([entry.card for entry in context["catalog"].entries], head, urls, context["catalog"].first)
    return {"@context": "https://schema.org", **data} if data else None


def _lang(site: "Site", code: str) -> str:
    return site.language(code).hreflang


def _program(view: "ProgramView", head: Head, catalog: "Catalog", urls: Urls) -> dict:
    card = view.card
    data: dict[str, Any] = {
        "@type": "EducationalOccupationalProgram", "@id": head.canonical + "#program", "url": head.canonical,
        "name": card.title.value, "description": card.summary.value, "identifier": card.slug,
        "programType": card.type, "provider": [_organization(p, catalog, urls) for p in view.partners],
        "hasCourse": _course(view),
    }
    if card.mode:
        data["educationalProgramMode"] = card.mode
    if card.duration:
        data["timeToComplete"] = _DURATION[card.duration.unit].format(card.duration.value)
    if view.credential:
        data["educationalCredentialAwarded"] = view.credential.value
    if view.funding:
        data["financialAidEligible"] = view.funding.value
    if card.fee:
        data["offers"] = _offer(view, head)
    if head.image:
        data["image"] = head.image
    if card.next_session:
        data.update(_session_dates(card.next_session))
    return data


def _session_dates(session) -> dict[str, Any]:
    dates: dict[str, Any] = {"startDate": session.start.isoformat(), "endDate": session.end.isoformat()}
    if session.application_opens:
        dates["applicationStartDate"] = session.application_opens.isoformat()
    if session.application_deadline:
        dates["applicationDeadline"] = session.application_deadline.isoformat()
    if session.seats:
        dates["maximumEnrollment"] = session.seats
    return dates


def _offer(view: "ProgramView", head: Head) -> dict:
    fee = view.card.fee
    offer: dict[str, Any] = {"@type": "Offer", "url": head.canonical, "category": "Free" if fee.free else "Paid",
                             "price": "0" if fee.free else str(fee.amount)}
    if fee.currency:
        offer["priceCurrency"] = fee.currency
    if view.fee_includes:
        offer["description"] = view.fee_includes.value
    return offer


def _course(view: "ProgramView") -> dict:
    card = view.card
    course: dict[str, Any] = {"@type": "Course", "name": card.title.value, "description": card.summary.value,
                              "about": {"@type": "DefinedTerm", "name": card.field.value}}
    if card.languages:
        course["inLanguage"] = list(card.languages)
    if view.sessions:
        course["hasCourseInstance"] = [_instance(s, card) for s in view.sessions]
    return course


def _instance(session, card: "ProgramCard") -> dict:
    instance: dict[str, Any] = {"@type": "CourseInstance", "startDate": session.start.isoformat(),
                                "endDate": session.end.isoformat()}
    if card.mode:
        instance["courseMode"] = card.mode
    if card.city:
        instance["location"] = {"@type": "Place", "name": card.city.value, "address": {
            "@type": "PostalAddress", "addressLocality": card.city.value, "addressCountry": card.country}}
    elif card.mode == "online":
        instance["location"] = {"@type": "VirtualLocation", "name": "online"}
    return instance


def _organization(card: "PartnerCard", catalog: "Catalog", urls: Urls) -> dict:
    page = urls.absolute_href(card.href)
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": card.country}
    if card.city:
        address["addressLocality"] = card.city.value
    data: dict[str, Any] = {
        "@type": "CollegeOrUniversity" if card.kind == "university" else "Organization",
        "@id": page + "#organization", "name": card.name.value, "url": page, "address": address,
    }
    names = _other_names(card, catalog)
    if names:
        data["alternateName"] = names
    if card.website:
        data["sameAs"] = card.website
    if card.logo:
        data["logo"] = urls.absolute_href(card.logo)
    return data


def _other_names(card: "PartnerCard", catalog: "Catalog") -> list[dict[str, str]]:
    """The organisation's short name and its names in the site's other languages, each tagged with its language."""
    site, names = catalog.content.site, catalog.partners[card.slug].name.values
    tagged = [{"@value": names[code], "@language": _lang(site, code)}
              for code in site.codes if code in names and names[code] != card.name.value]
    if card.short_name:
        tagged.insert(0, {"@value": card.short_name.value, "@language": _lang(site, card.short_name.lang)})
    return tagged


def _article(view: "ArticleView", head: Head, catalog: "Catalog", urls: Urls, site_title: str) -> dict:
    publisher = {"@type": "Organization", "name": site_title, "url": urls.base_url}
    data: dict[str, Any] = {
        "@type": "NewsArticle", "headline": view.title.value, "url": head.canonical,
        "mainEntityOfPage": head.canonical, "inLanguage": _lang(catalog.content.site, view.title.lang),
        "publisher": publisher, "author": publisher,
    }
    if view.date:
        data["datePublished"] = data["dateModified"] = view.date.isoformat()
    if view.summary:
        data["description"] = view.summary.value
    if view.image:
        data["image"] = urls.absolute_href(view.image)
    about = [{"@type": "EducationalOccupationalProgram", "name": p.title.value, "url": urls.absolute_href(p.href)}
             for p in view.programs] + [_organization(p, catalog, urls) for p in view.partners]
    if about:
        data["about"] = about
    return data


def _item_list(cards: "list[ProgramCard]", head: Head, urls: Urls, first: int = 1) -> dict:
    """The page's part of the catalog in catalog order, so search engines can show it as a list of programs."""
    return {
        "@type": "ItemList", "url": head.canonical, "numberOfItems": len(cards),
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "itemListElement": [{"@type": "ListItem", "position": n, "url": urls.absolute_href(card.href),
                             "name": card.title.value} for n, card in enumerate(cards, start=first)],
    }
