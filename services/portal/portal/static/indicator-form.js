// The entry form shows each ratio's percentage as the school types it (numerator / denominator, which may be
// a shared population typed once in another input). Numbers are read the Vietnamese way: 1.234,5.
(function () {
  "use strict";

  function parse(text) {
    var raw = (text || "").replace(/\s/g, "");
    if (!raw) { return null; }
    if (raw.indexOf(",") >= 0) {
      raw = raw.replace(/\./g, "").replace(",", ".");
    } else if (/^\d{1,3}(\.\d{3})+$/.test(raw)) {
      raw = raw.replace(/\./g, "");
    }
    var number = Number(raw);
    return isFinite(number) ? number : null;
  }

  function show(rate) {
    var num = document.getElementById(rate.getAttribute("data-numerator"));
    var den = document.getElementById(rate.getAttribute("data-denominator"));
    var out = rate.querySelector("output");
    var n = num ? parse(num.value) : null;
    var d = den ? parse(den.value) : null;
    if (n === null || d === null || d <= 0) {
      out.textContent = "–";
      return;
    }
    out.textContent = (100 * n / d).toFixed(1).replace(".", ",") + " %" + (n > d ? " (tử số lớn hơn mẫu số)" : "");
  }

  var rates = Array.prototype.slice.call(document.querySelectorAll(".rate[data-numerator]"));
  rates.forEach(function (rate) {
    ["data-numerator", "data-denominator"].forEach(function (attr) {
      var input = document.getElementById(rate.getAttribute(attr));
      if (input) { input.addEventListener("input", function () { show(rate); }); }
    });
    show(rate);
  });
}());
