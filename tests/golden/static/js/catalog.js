/* The catalog's filters and sorting. The server renders the catalog page by page, so without this script
   every program is reachable through the page links. The first time a visitor touches a filter or the
   sort (or opens an address carrying filters), the script fetches the language's facet index: every
   program's facet values as small numbers into value tables, its dates as day numbers, its title and
   slug. Filtering and sorting then run on those columns over the whole catalog, the matching programs
   are drawn as cards a page at a time, the URL's query keeps the state (same parameters as the form, so
   a filtered view can be shared) and the result count is announced. Closed and archived programs are
   hidden until asked for. A filter whose form lists only its most used options (data-more-options: a
   catalog with thousands of partners) gets the others from the index. */
(function () {
  "use strict";
  var form = document.querySelector("[data-catalog-filters]");
  var list = document.getElementById("catalog");
  if (!form || !list) return;
  var count = document.querySelector("[data-result-count]");
  var noResults = document.querySelector("[data-no-results]");
  var more = document.querySelector("[data-more-results]");
  var pages = document.querySelector("[data-catalog-pages]");
  var defaultOrder = document.querySelector("[data-default-order]");
  var labels = JSON.parse(document.querySelector("[data-catalog-labels]").textContent);
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var closedToggle = form.elements.closed;
  var serverCards = Array.prototype.slice.call(list.children);
  var serverCount = count.textContent;
  var serverPath = location.pathname;
  var lang = document.documentElement.lang || "en";
  var DAY = 86400000, LAST = 4e6;  // LAST: past every day number; sort keys stay positive, undated ones last
  var dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
  var rangeFormat = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  var MULTIPLE = { audience: true, partner: true, lang: true, month: true };
  var index = null, loading = null, orders = {}, matches = [], shown = 0;

  function load() {  // the facet index, fetched once
    if (!loading) {
      loading = fetch(form.getAttribute("data-catalog-index"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("catalog index: HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          index = prepare(data);
          listEveryOption();
          return index;
        });
    }
    return loading;
  }

  function prepare(data) {  // single-valued columns as typed arrays: the filter loop reads them fastest
    Object.keys(data.columns).forEach(function (name) {
      if (!MULTIPLE[name] && name in data.values) data.columns[name] = Int32Array.from(data.columns[name]);
    });
    data.size = data.slugs.length;
    return data;
  }

  function listEveryOption() {  // a facet whose form lists only its most used options gets the others from the index
    Array.prototype.forEach.call(form.querySelectorAll("select[data-more-options]"), function (select) {
      var names = index.labels && index.labels[select.name];
      if (!names) return;
      var chosen = select.value, langs = index.labelLangs[select.name] || {}, fragment = document.createDocumentFragment();
      index.values[select.name].forEach(function (value, code) {
        var option = new Option(names[code], value);
        if (langs[String(code)]) option.lang = langs[String(code)];
        fragment.appendChild(option);
      });
      select.length = 1;  // "Any" stays first
      select.appendChild(fragment);
      select.value = chosen;
      select.removeAttribute("data-more-options");
    });
  }

  function unlisted(search) {  // a shared address may name an option the form lists only once the index is here
    var query = new URLSearchParams(search);
    return Array.prototype.some.call(form.querySelectorAll("select[data-more-options]"), function (select) {
      var wanted = query.get(select.name);
      return Boolean(wanted) && !Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
    });
  }

  function state() {
    var filters = {};
    selects.forEach(function (select) { if (select.name !== "sort" && select.value) filters[select.name] = select.value; });
    return { filters: filters, sort: form.elements.sort.value, closed: closedToggle.checked };
  }

  function active(s) { return Boolean(s.sort || s.closed || Object.keys(s.filters).length); }

  function order(sort) {  // program positions in the sort's order, computed once per sort
    if (!sort || !(sort === "title" || sort in index.columns)) sort = "";
    if (orders[sort]) return orders[sort];
    var size = index.size, positions = new Int32Array(size), i;
    if (sort === "title") {
      positions = Int32Array.from(index.titleOrder);  // replaced by collated() once the browser is idle
      (window.requestIdleCallback || setTimeout)(collated);
    } else if (sort) {  // day number and position in one number: a typed array sorts those natively
      var days = index.columns[sort], sign = sort === "updated" ? -1 : 1, keys = new Float64Array(size);
      for (i = 0; i < size; i += 1) keys[i] = (days[i] === null ? 2 * LAST : LAST + sign * days[i]) * 1048576 + i;
      keys.sort();
      for (i = 0; i < size; i += 1) positions[i] = keys[i] % 1048576;
    } else {
      for (i = 0; i < size; i += 1) positions[i] = i;
    }
    orders[sort] = positions;
    return positions;
  }

  function collated() {  // titles in the language's alphabet (pinyin for Chinese): slow, so done when idle
    var collator = new Intl.Collator(lang), titles = index.titles, positions = Array.from(index.titleOrder);
    positions.sort(function (a, b) { return collator.compare(titles[a], titles[b]) || a - b; });
    orders.title = Int32Array.from(positions);
    if (state().sort === "title") render(state());
  }

  function tests(s) {  // one check per chosen filter, on the facet's value numbers
    var checks = [], values = index.values, columns = index.columns;
    Object.keys(s.filters).forEach(function (name) {
      var wanted = s.filters[name], table = values[name] || [], column = columns[name];
      if (name === "place") {
        var places = new Uint8Array(table.length);
        table.forEach(function (value, code) { places[code] = value === wanted || value.indexOf(wanted + "/") === 0 ? 1 : 0; });
        checks.push(function (i) { return column[i] >= 0 && places[column[i]] === 1; });
        return;
      }
      var code = table.indexOf(wanted);
      if (MULTIPLE[name]) checks.push(function (i) { return column[i].indexOf(code) >= 0; });
      else checks.push(function (i) { return column[i] === code; });
    });
    if (!s.closed && !s.filters.status) {
      var status = columns.status, hidden = new Uint8Array(values.status.length);
      values.status.forEach(function (value, code) { hidden[code] = value === "closed" || value === "archived" ? 1 : 0; });
      checks.push(function (i) { return hidden[status[i]] === 0; });
    }
    return checks;
  }

  function filter(s) {
    var positions = order(s.sort), checks = tests(s), found = [];
    outer: for (var n = 0; n < positions.length; n += 1) {
      var i = positions[n];
      for (var c = 0; c < checks.length; c += 1) if (!checks[c](i)) continue outer;
      found.push(i);
    }
    return found;
  }

  function escape(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function optionText(name, value) {
    var select = form.elements[name];
    if (!select || value === undefined) return "";
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
    if (!option) return value;
    return name === "place" && option.parentNode.tagName === "OPTGROUP" && option.value.indexOf("/") < 0
      ? option.parentNode.label : option.textContent;
  }

  function place(value) {  // "CN/Shanghai" → "Shanghai, China"; "CN" → "China"
    if (!value) return "";
    var country = optionText("place", value.split("/")[0]);
    return value.indexOf("/") < 0 ? country : labels.place.replace("{city}", optionText("place", value)).replace("{country}", country);
  }

  function day(number) { return new Date(number * DAY); }

  function dates(i) {
    var start = index.cards.sessionStart[i], end = index.cards.sessionEnd[i];
    if (start === null) return '<span class="tba">' + escape(labels.tba) + "</span>";
    if (start === end || !rangeFormat.formatRange) return escape(dateFormat.format(day(start)));
    return escape(rangeFormat.formatRange(day(start), day(end)));
  }

  function value(name, i) { var code = index.columns[name][i]; return code >= 0 ? index.values[name][code] : ""; }

  function card(i) {  // the server's card (program_card in _macros.html) but its summary
    var status = value("status", i), mode = value("mode", i), where = place(value("place", i)), fee = value("fee", i);
    var titleLang = index.titleLang[String(i)], tba = '<span class="tba">' + escape(labels.tba) + "</span>";
    var deadline = index.cards.deadline[i], amount = index.cards.amount[i];
    var title = escape(index.titles[i]);
    if (titleLang) title = '<span lang="' + escape(titleLang) + '">' + title + '</span> <small class="untranslated">(' + escape(labels.untranslated) + ")</small>";
    var html = '<h2 class="card-title"><a href="' + escape(index.prefix + index.slugs[i]) + '/">' + title + "</a></h2>" +
      '<p class="card-meta"><span class="badge status-' + escape(status) + '">' + escape(labels.statuses[status] || status) + "</span> " +
      '<span class="badge">' + escape(labels.types[value("type", i)] || "") + "</span></p>" +
      '<dl class="facts facts-compact"><dt>' + escape(labels.field) + "</dt><dd>" + escape(optionText("field", value("field", i))) + "</dd>" +
      "<dt>" + escape(labels.format) + "</dt><dd>" + (mode ? escape(labels.modes[mode]) + (where ? " · " + escape(where) : "") : tba) + "</dd>" +
      "<dt>" + escape(labels.dates) + "</dt><dd>" + dates(i) + "</dd>" +
      (deadline !== null ? "<dt>" + escape(labels.deadline) + '</dt><dd><time datetime="' + day(deadline).toISOString().slice(0, 10) + '">' +
        escape(dateFormat.format(day(deadline))) + "</time></dd>" : "") +
      "<dt>" + escape(labels.fee) + "</dt><dd>" + (fee === "free" ? escape(labels.free) : amount !== null ? escape(index.cards.amounts[amount]) : tba) + "</dd></dl>";
    var element = document.createElement("article");
    element.className = "card program-card";
    element.setAttribute("data-slug", index.slugs[i]);
    element.innerHTML = html;
    if (window.sitegenSaved && window.sitegenSaved.attach) window.sitegenSaved.attach(element);
    return element;
  }

  function showMore() {
    var fragment = document.createDocumentFragment(), until = Math.min(matches.length, shown + index.pageSize);
    for (; shown < until; shown += 1) fragment.appendChild(card(matches[shown]));
    list.appendChild(fragment);
    more.hidden = shown >= matches.length;
  }

  function render(s) {
    performance.mark("catalog-filter-start");
    var filtered = active(s);
    if (pages) pages.hidden = filtered;
    if (defaultOrder) defaultOrder.hidden = Boolean(s.sort);
    list.textContent = "";
    if (!filtered) {
      serverCards.forEach(function (element) { list.appendChild(element); });
      count.textContent = serverCount;
      noResults.hidden = true;
      more.hidden = true;
    } else {
      matches = filter(s);
      shown = 0;
      showMore();
      count.textContent = window.sitegenPlural(count, matches.length);
      noResults.hidden = matches.length > 0;
    }
    list.removeAttribute("aria-busy");
    performance.mark("catalog-filter-end");
    performance.measure("catalog-filter", "catalog-filter-start", "catalog-filter-end");
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
      var wanted = query.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
    });
    closedToggle.checked = query.get("closed") === "1";
  }

  function update() {
    var s = state(), query = toQuery(s);
    // A filtered view is the whole catalog's, so its address is the catalog's first page with the query.
    var path = query ? form.getAttribute("action") : serverPath;
    history.replaceState(null, "", path + (query ? "?" + query : "") + location.hash);
    if (!active(s)) { render(s); return Promise.resolve(); }
    list.setAttribute("aria-busy", "true");
    return load().then(function () { render(state()); }, function (error) {
      loading = null;  // the next change tries again; meanwhile the server's page stays as it is
      list.removeAttribute("aria-busy");
      throw error;
    });
  }

  form.addEventListener("focusin", function () { load().catch(function () {}); }, { once: true });
  form.addEventListener("pointerdown", function () { load().catch(function () {}); }, { once: true });
  form.addEventListener("change", update);
  more.querySelector("button").addEventListener("click", showMore);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update().then(function () { count.scrollIntoView({ block: "start" }); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-clear-filters]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      restore("");
      update();
    });
  });
  window.sitegenCatalog = { load: load, update: update, ready: function () { return loading || Promise.resolve(null); } };

  restore(location.search);
  if (unlisted(location.search)) {
    load().then(function () { restore(location.search); update(); }).catch(function () {});
  } else if (active(state())) {
    update();
  }
})();
