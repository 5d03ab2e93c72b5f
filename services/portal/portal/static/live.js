// The dashboard's live block: replaced whenever the server pushes re-rendered figures (Server-Sent Events).
// The block itself is not a live region (a screen reader would re-read all of it on every push): only the
// one-sentence summary the server puts in #tom-tat-so-lieu is announced, and only when it changed.
// Without EventSource (or JavaScript) the page still works; it just needs a reload.
(function () {
  "use strict";
  var box = document.getElementById("so-lieu");
  var status = document.getElementById("trang-thai-truc-tiep");
  var announcer = document.getElementById("thong-bao-cap-nhat");
  if (!box || !box.dataset.stream || !window.EventSource) { return; }
  var summaryOf = function () {
    var node = document.getElementById("tom-tat-so-lieu");
    return node ? node.getAttribute("data-summary") : "";
  };
  var last = summaryOf();
  var source = new EventSource(box.dataset.stream);
  source.addEventListener("figures", function (event) {
    // keep the reader where they were: the open/closed state of the lists and the scroll of the tables
    var open = Array.prototype.map.call(box.querySelectorAll("details"), function (d) { return d.open; });
    var scrolled = Array.prototype.map.call(box.querySelectorAll(".table-wrap"), function (w) {
      return [w.scrollLeft, w.scrollTop];
    });
    box.innerHTML = event.data;
    Array.prototype.forEach.call(box.querySelectorAll("details"), function (d, i) {
      if (i < open.length) { d.open = open[i]; }
    });
    Array.prototype.forEach.call(box.querySelectorAll(".table-wrap"), function (w, i) {
      if (i < scrolled.length) { w.scrollLeft = scrolled[i][0]; w.scrollTop = scrolled[i][1]; }
    });
    var now = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    var at = two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
    if (status) { status.textContent = "Cập nhật lúc " + at + "."; }
    var summary = summaryOf();
    if (announcer && summary && summary !== last) {
      announcer.textContent = "Số liệu mới lúc " + at + ": " + summary;
    }
    last = summary;
  });
  source.onerror = function () {
    if (status) { status.textContent = "Mất kết nối tạm thời, đang kết nối lại…"; }
  };
}());
