/* Programs a visitor saves to compare: a list of slugs in localStorage (no account, nothing sent),
   shared by every language of the site. Adds a "Save to compare" toggle to program cards and to the
   program page, and keeps the links to the compare page counting. */
(function () {
  "use strict";
  var KEY = "sitegen.saved-programs";

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(saved) ? saved.filter(function (slug) { return typeof slug === "string"; }) : [];
    } catch (error) {
      return [];  // storage blocked (private mode, policy): the page still works, nothing is remembered
    }
  }

  function store(slugs) {
    try { localStorage.setItem(KEY, JSON.stringify(slugs)); } catch (error) { /* see load() */ }
    refresh();
  }

  function toggle(slug) {
    var slugs = load(), at = slugs.indexOf(slug);
    if (at >= 0) slugs.splice(at, 1); else slugs.push(slug);
    store(slugs);
  }

  function refresh() {
    var slugs = load();
    Array.prototype.forEach.call(document.querySelectorAll(".save-toggle"), function (button) {
      button.setAttribute("aria-pressed", String(slugs.indexOf(button.getAttribute("data-slug")) >= 0));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-compare-link]"), function (link) {
      link.hidden = slugs.length === 0;
      link.querySelector("[data-saved-count]").textContent = String(slugs.length);
    });
  }

  function addToggle(container, slug, template) {
    var button = template.content.firstElementChild.cloneNode(true);
    button.setAttribute("data-slug", slug);
    button.addEventListener("click", function () { toggle(slug); });
    container.appendChild(button);
  }

  var template = document.getElementById("save-toggle-template");
  if (template) {
    Array.prototype.forEach.call(document.querySelectorAll(".program-card[data-slug], [data-save-slot]"), function (element) {
      addToggle(element, element.getAttribute("data-slug"), template);
    });
  }
  window.addEventListener("storage", function (event) { if (event.key === KEY) refresh(); });
  function attach(card) {  // a card the catalog's script drew after the page loaded
    if (!template) return;
    addToggle(card, card.getAttribute("data-slug"), template);
    refresh();
  }
  window.sitegenSaved = { load: load, store: store, attach: attach };
  refresh();
})();
