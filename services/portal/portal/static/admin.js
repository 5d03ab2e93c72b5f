// The unit field suggests the units of the chosen role's kind: schools for a school account, communes for a
// commune's, provinces for a city department's. Without this script the field still takes any name or code.
(function () {
  "use strict";
  var kinds = {school: "school", commune: "commune", city: "province"};
  var unit = document.querySelector("input[data-unit-for]");
  if (!unit) { return; }
  var role = document.getElementById(unit.getAttribute("data-unit-for"));
  if (!role || role.tagName !== "SELECT") { return; }
  function follow() {
    var kind = kinds[role.value] || "platform";
    unit.setAttribute("list", "units-" + kind);
    unit.disabled = kind === "platform";
  }
  role.addEventListener("change", follow);
  follow();
}());
