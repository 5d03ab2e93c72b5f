// Move keyboard and screen-reader focus to a form's error summary, so the errors are announced first.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
}());

// A table wider than the screen scrolls sideways inside its .table-wrap: while it does, the wrapper is a
// named region keyboard users can reach with Tab and scroll with the arrow keys (WCAG 2.1.1). Wrappers
// the templates made focusable themselves are left as they are.
(function () {
  "use strict";
  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap:not([data-static-focus])"), function (w) {
      if (w.hasAttribute("tabindex") && !w.hasAttribute("data-scroll-focus")) {
        w.setAttribute("data-static-focus", "");
        return;
      }
      if (w.scrollWidth > w.clientWidth + 1) {
        var caption = w.querySelector("caption");
        if (w.hasAttribute("data-scroll-focus")) { return; }
        var named = w.hasAttribute("aria-label") || w.hasAttribute("aria-labelledby");
        w.setAttribute("tabindex", "0");
        w.setAttribute("data-scroll-focus", named ? "" : "label");
        w.setAttribute("role", "region");
        if (!named) {
          w.setAttribute("aria-label", caption ? caption.textContent.trim() : "Bảng (cuộn ngang để xem hết)");
        }
      } else if (w.hasAttribute("data-scroll-focus")) {
        if (w.getAttribute("data-scroll-focus") === "label") { w.removeAttribute("aria-label"); }
        w.removeAttribute("tabindex");
        w.removeAttribute("data-scroll-focus");
        w.removeAttribute("role");
      }
    });
  }
  mark();
  window.addEventListener("resize", mark);
}());
