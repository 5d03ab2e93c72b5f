// The dashboard's live block: replaced whenever the server pushes re-rendered figures (Server-Sent Events).
// Without EventSource (or JavaScript) the page still works; it just needs a reload.
(function () {
  "use strict";
  var box = document.getElementById("so-lieu");
  var status = document.getElementById("trang-thai-truc-tiep");
  if (!box || !box.dataset.stream || !window.EventSource) { return; }
  var source = new EventSource(box.dataset.stream);
  source.addEventListener("figures", function (event) {
    box.innerHTML = event.data;
    if (status) {
      var now = new Date();
      var two = function (n) { return (n < 10 ? "0" : "") + n; };
      status.textContent = "Cập nhật lúc " + two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds()) + ".";
    }
  });
  source.onerror = function () {
    if (status) { status.textContent = "Mất kết nối tạm thời, đang kết nối lại…"; }
  };
}());
