/* Riwayat: filter the history by period and unit.
 *
 * Progressive enhancement: without this script the filter form stays hidden and every event is
 * shown, grouped by period and by pengajuan. The event lines (li) and table rows (tr) carry
 * data-periode / data-unit; this script only toggles the `hidden` attribute of those lines, of
 * the pengajuan entries (article) and of the period sections that end up empty, and rewrites
 * the page's one count line (#kj-riwayat-jumlah, a live region: "N kejadian dalam M pengajuan
 * ditampilkan") to what is shown. No outside requests, no inline code. ?periode=...&unit=...
 * in the address preselects the filter.
 */
(function () {
  "use strict";

  var form = document.getElementById("kj-riwayat-filter");
  if (!form) {
    return;
  }
  var periode = document.getElementById("kj-filter-periode");
  var unit = document.getElementById("kj-filter-unit");
  var count = document.getElementById("kj-riwayat-jumlah");
  var rows = Array.prototype.slice.call(
    document.querySelectorAll("tr[data-periode], li[data-periode]")
  );
  var entries = Array.prototype.slice.call(document.querySelectorAll("article[data-pengajuan]"));
  var sections = Array.prototype.slice.call(
    document.querySelectorAll("[data-riwayat-bagian]")
  );

  /* 1234 -> "1.234", as the page writes its numbers. */
  function figure(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
  }

  function apply() {
    var p = periode.value;
    var u = unit.value;
    var shown = 0;
    var problems = 0;
    rows.forEach(function (row) {
      var match =
        (!p || row.getAttribute("data-periode") === p) &&
        (!u || row.getAttribute("data-unit") === u);
      row.hidden = !match;
      if (match) {
        shown += 1;
        if (row.classList.contains("kj-problem-row")) {
          problems += 1;
        }
      }
    });
    var landings = {};
    entries.forEach(function (entry) {
      var visible = entry.querySelector("li[data-periode]:not([hidden])") !== null;
      entry.hidden = !visible;
      if (visible) {
        landings[entry.getAttribute("data-pengajuan")] = true;
      }
    });
    sections.forEach(function (section) {
      var visible =
        section.querySelector("tr[data-periode]:not([hidden]), li[data-periode]:not([hidden])") !==
        null;
      section.hidden = !visible;
      var heading = document.getElementById(section.getAttribute("data-riwayat-bagian"));
      if (heading) {
        heading.hidden = !visible;
        var next = heading.nextElementSibling;
        if (next && next !== section && next.tagName === "P") {
          next.hidden = !visible; /* the "Halaman periode" link under the heading */
        }
      }
    });
    if (count) {
      count.textContent =
        figure(shown) + " kejadian dalam " + figure(Object.keys(landings).length) +
        " pengajuan ditampilkan" + (p || u ? " (disaring dari " + figure(rows.length) + ")" : "") +
        ", " + figure(problems) + " di antaranya bermasalah.";
    }
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("periode") && hasOption(periode, params.get("periode"))) {
    periode.value = params.get("periode");
  } else if (!params.get("unit") && periode.options.length > 3) {
    /* A long history opens on its newest period (one page per period); "Semua periode" or
       the reset button shows everything. */
    periode.value = periode.options[1].value;
  }
  if (params.get("unit") && hasOption(unit, params.get("unit"))) {
    unit.value = params.get("unit");
  }
  periode.addEventListener("change", apply);
  unit.addEventListener("change", apply);
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0); /* after the browser has reset the selects */
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault(); /* Enter in a select must not reload the page */
    apply();
  });
  form.hidden = false;
  apply();
})();
