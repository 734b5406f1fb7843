/* A "Print" button (data-print) that works under a CSP with no inline handlers; hidden until this
   script runs, since without it the button would do nothing (Ctrl+P still prints the page). */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
