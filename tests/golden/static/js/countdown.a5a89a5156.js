/* Days left until an application deadline, recounted from the visitor's clock: a page built weeks
   ago still tells the truth. The deadline is 23:59 in the site's time zone; days are counted between
   calendar dates in that zone, as the build does. The messages come from the page. */
(function () {
  "use strict";
  var DAY = 86400000;

  function dateIn(zone, moment) {  // "YYYY-MM-DD" of a moment in a time zone
    var parts = {};
    new Intl.DateTimeFormat("en", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(moment).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }

  function utcDay(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)); }

  Array.prototype.forEach.call(document.querySelectorAll("[data-countdown]"), function (element) {
    var deadline = element.getAttribute("data-countdown"), now = new Date();
    if (now.getTime() > new Date(deadline).getTime()) {
      element.textContent = element.getAttribute("data-passed");
      return;
    }
    var days = Math.round((utcDay(deadline) - utcDay(dateIn(element.getAttribute("data-tz"), now))) / DAY);
    element.textContent = days > 0 ? window.sitegenPlural(element, days) : element.getAttribute("data-today");
  });
})();
