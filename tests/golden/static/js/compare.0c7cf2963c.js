/* The compare page: the programs saved in this browser (saved.js), two to four side by side. Their
   facts come from a <template> on this page, already written in its language, so the comparison works
   from the browser's cache without a network. */
(function () {
  "use strict";
  var root = document.querySelector("[data-compare]");
  var source = document.getElementById("compare-programs");
  if (!root || !source || !window.sitegenSaved) return;
  var limit = Number(root.getAttribute("data-limit"));
  var list = root.querySelector("[data-compare-list]");
  var status = root.querySelector("[data-compare-status]");
  var table = root.querySelector("[data-compare-table]");
  var removeTemplate = document.getElementById("compare-remove-template");
  var entries = {};
  Array.prototype.forEach.call(source.content.querySelectorAll("[data-slug]"), function (entry) {
    entries[entry.getAttribute("data-slug")] = entry;
  });
  var chosen = null;  // slugs ticked for comparison; the first ones saved until the visitor chooses

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

  function drawChoices(slugs) {
    list.textContent = "";
    slugs.forEach(function (slug) {
      var item = document.createElement("li"), label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = slug;
      box.checked = chosen.indexOf(slug) >= 0;
      box.disabled = !box.checked && chosen.length >= limit;
      box.addEventListener("change", function () {
        chosen = box.checked ? chosen.concat(slug) : chosen.filter(function (s) { return s !== slug; });
        draw();
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + entries[slug].querySelector("a").textContent.trim()));
      var remove = removeTemplate.content.firstElementChild.cloneNode(true);
      remove.addEventListener("click", function () {
        chosen = chosen.filter(function (s) { return s !== slug; });
        window.sitegenSaved.store(window.sitegenSaved.load().filter(function (s) { return s !== slug; }));
        draw();
      });
      item.appendChild(label);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  function draw() {
    var slugs = saved();
    chosen = (chosen || slugs.slice(0, limit)).filter(function (slug) { return slugs.indexOf(slug) >= 0; });
    root.querySelector("[data-compare-empty]").hidden = slugs.length > 0;
    root.querySelector("[data-compare-choice]").hidden = slugs.length === 0;
    drawChoices(slugs);
    var comparing = chosen.length >= 2;
    root.querySelector("[data-compare-table-wrap]").hidden = !comparing;
    status.textContent = comparing ? window.sitegenPlural(status, chosen.length) : "";
    if (comparing) drawTable(chosen);
  }

  root.hidden = false;
  window.addEventListener("storage", draw);
  draw();
})();
