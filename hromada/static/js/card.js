/* The resolution offers only the chosen lead department's executors: the lead-department select
   (data-executors="<id of the executor select>") hides the other departments' options and clears a
   choice that no longer fits. Without this script every executor is offered and the server refuses
   one of another department. Delegated from the document, so it survives htmx swapping the card. */
(function () {
  "use strict";
  function narrow(select) {
    var target = document.getElementById(select.getAttribute("data-executors"));
    if (!target) { return; }
    var chosen = select.value;
    target.querySelectorAll("optgroup").forEach(function (group) {
      var shown = false;
      group.querySelectorAll("option").forEach(function (option) {
        var fits = !chosen || option.getAttribute("data-department") === chosen;
        option.hidden = !fits;
        option.disabled = !fits;
        shown = shown || fits;
        if (!fits && option.selected) { target.value = ""; }
      });
      group.hidden = !shown;
    });
  }
  function narrowAll(root) {
    root.querySelectorAll("select[data-executors]").forEach(narrow);
  }
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select instanceof HTMLSelectElement && select.hasAttribute("data-executors")) { narrow(select); }
  });
  document.addEventListener("htmx:afterSwap", function () { narrowAll(document); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { narrowAll(document); });
  } else {
    narrowAll(document);
  }
})();
