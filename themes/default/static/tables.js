// planvev default theme: the only script, and the pages work without it.
/* A table's box is a named, focusable region (so a keyboard can scroll it)
   only while the table is wider than its box; without this script every
   box stays one, which is accessible but adds tab stops and landmarks. */
(function () {
  var boxes = document.querySelectorAll(".table-scroll");
  if (!boxes.length || !window.ResizeObserver) return;
  function fit(el) {
    var name = el.getAttribute("aria-labelledby") || el.getAttribute("data-labelledby");
    el.setAttribute("data-labelledby", name);
    if (el.scrollWidth > el.clientWidth + 1) {
      el.setAttribute("role", "region"); el.setAttribute("tabindex", "0"); el.setAttribute("aria-labelledby", name);
    } else {
      el.removeAttribute("role"); el.removeAttribute("tabindex"); el.removeAttribute("aria-labelledby");
    }
  }
  var ro = new ResizeObserver(function (list) {
    list.forEach(function (e) { fit(e.target.closest(".table-scroll")); });
  });
  boxes.forEach(function (el) { fit(el); ro.observe(el); if (el.firstElementChild) ro.observe(el.firstElementChild); });
})();
