/* Shared by the site's scripts: a count in the page's language. The messages are in the HTML,
   one data attribute per CLDR plural category ("{n}" marks the number), so nothing here is translated. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var numbers = window.Intl ? new Intl.NumberFormat(lang) : null;

  window.sitegenPlural = function (element, count) {
    var category = rules ? rules.select(count) : (count === 1 ? "one" : "other");
    var message = element.getAttribute("data-" + category) || element.getAttribute("data-other") ||
      element.getAttribute("data-many") || "{n}";
    return message.replace("{n}", numbers ? numbers.format(count) : String(count));
  };
})();
