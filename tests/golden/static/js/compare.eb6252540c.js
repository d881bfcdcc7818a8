/* The compare page: the programs saved in this browser (saved.js), two to four side by side. The page
   carries no program's facts: each saved program's are fetched from its own small file (data-entry-url,
   already written in the page's language), so the page stays small however large the catalog. A saved
   program the catalog no longer has is named, with a way to forget it. */
(function () {
  "use strict";
  var root = document.querySelector("[data-compare]");
  if (!root || !window.sitegenSaved || !window.fetch) return;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var limit = Number(root.getAttribute("data-limit"));
  var entryUrl = root.getAttribute("data-entry-url");
  var list = root.querySelector("[data-compare-list]");
  var status = root.querySelector("[data-compare-status]");
  var table = root.querySelector("[data-compare-table]");
  var missingNote = root.querySelector("[data-compare-missing]");
  var removeTemplate = document.getElementById("compare-remove-template");
  var entries = {};  // slug: the program's entry (a link and a <dl>), once fetched
  var missing = {};  // slug: true when the catalog no longer has it
  var failed = {};  // slug: true when its file could not be fetched (offline, server error)
  var pending = {};  // slug: a fetch under way
  var chosen = null;  // slugs ticked for comparison; the first ones saved until the visitor chooses

  function fetchEntry(slug) {
    if (!SLUG.test(slug)) { missing[slug] = true; return Promise.resolve(); }
    pending[slug] = true;
    return fetch(entryUrl.replace("{slug}", slug)).then(function (response) {
      if (response.status === 404 || response.status === 410) { missing[slug] = true; return null; }
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (data) {
      if (!data) return;
      var holder = document.createElement("template");
      holder.innerHTML = data.html;  // written by the site's own templates, escaped there
      entries[slug] = holder.content.firstElementChild;
      delete failed[slug];
    }).catch(function () {
      failed[slug] = true;
    }).then(function () {
      delete pending[slug];
    });
  }

  function load() {
    var wanted = window.sitegenSaved.load().filter(function (slug) {
      return !entries[slug] && !missing[slug] && !pending[slug];
    });
    if (wanted.length) Promise.all(wanted.map(fetchEntry)).then(draw);
    draw();
  }

  function saved() { return window.sitegenSaved.load().filter(function (slug) { return entries[slug]; }); }

  function cell(tag, content, scope) {
    var element = document.createElement(tag);
    if (scope) element.scope = scope;
    Array.prototype.forEach.call(content, function (node) { element.appendChild(node.cloneNode(true)); });
    return element;
  }

  function drawTable(slugs) {
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody"), function (part) { part.remove(); });
    var head = table.createTHead().insertRow();
    head.appendChild(document.createElement("td"));
    slugs.forEach(function (slug) { head.appendChild(cell("th", [entries[slug].querySelector("a")], "col")); });
    var body = table.createTBody();
    var labels = entries[slugs[0]].querySelectorAll("dt");
    Array.prototype.forEach.call(labels, function (label, index) {
      var row = body.insertRow();
      row.appendChild(cell("th", label.childNodes, "row"));
      slugs.forEach(function (slug) { row.appendChild(cell("td", entries[slug].querySelectorAll("dd")[index].childNodes)); });
    });
  }

  function forget(slugs) {
    chosen = (chosen || []).filter(function (s) { return slugs.indexOf(s) < 0; });
    window.sitegenSaved.store(window.sitegenSaved.load().filter(function (s) { return slugs.indexOf(s) < 0; }));
    draw();
  }

  function drawChoices(slugs) {
    list.textContent = "";
    slugs.forEach(function (slug) {
      var item = document.createElement("li"), label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = slug;
      box.checked = (chosen || []).indexOf(slug) >= 0;
      box.disabled = !box.checked && (chosen || []).length >= limit;
      box.addEventListener("change", function () {
        chosen = box.checked ? (chosen || []).concat(slug) : (chosen || []).filter(function (s) { return s !== slug; });
        draw();
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + entries[slug].querySelector("a").textContent.trim()));
      var remove = removeTemplate.content.firstElementChild.cloneNode(true);
      remove.addEventListener("click", function () { forget([slug]); });
      item.appendChild(label);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  function drawProblems(all) {
    var gone = all.filter(function (slug) { return missing[slug]; });
    missingNote.hidden = gone.length === 0;
    missingNote.querySelector("[data-compare-missing-list]").textContent = gone.join(", ");
    root.querySelector("[data-compare-failed]").hidden = !all.some(function (slug) { return failed[slug]; });
  }

  function draw() {
    var all = window.sitegenSaved.load(), slugs = saved();
    var loading = all.some(function (slug) { return pending[slug]; });
    if (chosen !== null || !loading) {  // the first choice waits for the saved programs' files
      chosen = (chosen || slugs.slice(0, limit)).filter(function (slug) { return slugs.indexOf(slug) >= 0; });
    }
    root.setAttribute("aria-busy", String(loading));
    root.querySelector("[data-compare-empty]").hidden = all.length > 0;
    root.querySelector("[data-compare-choice]").hidden = slugs.length === 0;
    drawProblems(all);
    drawChoices(slugs);
    var comparing = chosen !== null && chosen.length >= 2;
    root.querySelector("[data-compare-table-wrap]").hidden = !comparing;
    status.textContent = comparing ? window.sitegenPlural(status, chosen.length) : "";
    if (comparing) drawTable(chosen);
  }

  missingNote.querySelector("[data-compare-forget]").addEventListener("click", function () {
    forget(window.sitegenSaved.load().filter(function (slug) { return missing[slug]; }));
  });
  root.hidden = false;
  window.addEventListener("storage", load);
  load();
})();
