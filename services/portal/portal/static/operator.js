// The operator's page reads the services again every 15 seconds. Only the one-sentence summary sits in a
// live region, and it is changed only when its words change: a screen reader is not read the whole page again.
(function () {
  "use strict";
  var live = document.getElementById("ops-live");
  var summary = document.getElementById("ops-summary");
  if (!live || !summary || !window.fetch || !window.DOMParser) { return; }
  var every = 15000;
  function refresh() {
    fetch(live.getAttribute("data-src"), {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (response) {
        if (!response.ok || response.redirected) { throw new Error("signed out or unavailable"); }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var detail = doc.getElementById("ops-detail");
        if (!detail) { throw new Error("unexpected answer"); }
        var current = document.getElementById("ops-detail");
        current.replaceWith(document.importNode(detail, true));
        var text = detail.getAttribute("data-summary");
        if (text && summary.textContent !== text) { summary.textContent = text; }
        window.setTimeout(refresh, every);
      })
      .catch(function () {
        summary.textContent = "Không cập nhật được trang giám sát; hãy tải lại trang.";
      });
  }
  window.setTimeout(refresh, every);
}());
