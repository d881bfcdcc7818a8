/* The catalog's filters and sorting. Without this script the page lists every program and the form
   does nothing harmful; with it, choices filter the server-rendered cards at once, the URL's query
   keeps the state (a filtered view can be shared and is restored on load) and the result count is
   announced to screen readers. Closed and archived programs are hidden until asked for. */
(function () {
  "use strict";
  var form = document.querySelector("[data-catalog-filters]");
  var list = document.getElementById("catalog");
  if (!form || !list) return;
  var cards = Array.prototype.slice.call(list.querySelectorAll(".program-card"));
  var count = document.querySelector("[data-result-count]");
  var noResults = document.querySelector("[data-no-results]");
  var defaultOrder = document.querySelector("[data-default-order]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var closedToggle = form.elements.closed;
  var LISTS = { audience: true, partner: true, lang: true, month: true };
  var HIDDEN_BY_DEFAULT = { closed: true, archived: true };
  var collator = window.Intl ? new Intl.Collator(document.documentElement.lang) : null;

  function state() {
    var filters = {};
    selects.forEach(function (select) { if (select.name !== "sort" && select.value) filters[select.name] = select.value; });
    return { filters: filters, sort: form.elements.sort.value, closed: closedToggle.checked };
  }

  function matches(card, s) {
    for (var name in s.filters) {
      var wanted = s.filters[name], value = card.getAttribute("data-" + name) || "";
      var ok = name === "place" ? value === wanted || value.indexOf(wanted + "/") === 0
        : LISTS[name] ? (" " + value + " ").indexOf(" " + wanted + " ") >= 0 : value === wanted;
      if (!ok) return false;
    }
    return s.closed || Boolean(s.filters.status) || !HIDDEN_BY_DEFAULT[card.getAttribute("data-status")];
  }

  function title(card) { return card.querySelector(".card-title").textContent.trim(); }

  function compare(sort) {
    if (sort === "title") {
      return function (a, b) { return collator ? collator.compare(title(a), title(b)) : title(a) < title(b) ? -1 : 1; };
    }
    var attribute = "data-" + sort, newestFirst = sort === "updated";
    return function (a, b) {  // ISO dates compare as text; programs without one go last
      var x = a.getAttribute(attribute), y = b.getAttribute(attribute);
      if (x === y) return 0;
      if (!x || !y) return x ? -1 : 1;
      return (x < y) === newestFirst ? 1 : -1;
    };
  }

  function sorted(sort) {
    if (!sort) return cards;  // the server's order: open first, then by deadline
    var byKey = compare(sort);
    return cards.slice().sort(function (a, b) { return byKey(a, b) || cards.indexOf(a) - cards.indexOf(b); });
  }

  function render(s) {
    var shown = 0, fragment = document.createDocumentFragment();
    sorted(s.sort).forEach(function (card) {
      card.hidden = !matches(card, s);
      if (!card.hidden) shown += 1;
      fragment.appendChild(card);
    });
    list.appendChild(fragment);
    count.textContent = window.sitegenPlural(count, shown);
    noResults.hidden = shown > 0;
    if (defaultOrder) defaultOrder.hidden = Boolean(s.sort);
  }

  function toQuery(s) {
    var query = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
    if (s.closed) query.set("closed", "1");
    return query.toString();
  }

  function restore(search) {
    var query = new URLSearchParams(search);
    selects.forEach(function (select) {
      var value = query.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
    });
    closedToggle.checked = query.get("closed") === "1";
  }

  function update() {
    var s = state(), query = toQuery(s);
    render(s);
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
    count.scrollIntoView({ block: "start" });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-clear-filters]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      restore("");
      update();
    });
  });

  restore(location.search);
  var panel = form.querySelector("details");
  if (panel && !location.search && window.matchMedia("(max-width: 39.99rem)").matches) panel.open = false;
  render(state());
})();
