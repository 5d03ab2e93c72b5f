// Move keyboard and screen-reader focus to a form's error summary, so the errors are announced first.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
}());
