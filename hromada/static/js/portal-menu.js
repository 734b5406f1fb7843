// The portal's main menu is a <details> disclosure: closed on a phone (one "Меню" button), always open
// on a wide screen, where the toggle is hidden. Without this script it stays a working disclosure.
(function () {
  "use strict";
  var menu = document.querySelector("details.site-menu");
  if (!menu || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 48em)");
  function apply() {
    menu.classList.toggle("is-wide", wide.matches);
    menu.open = wide.matches;
  }
  apply();
  if (wide.addEventListener) {
    wide.addEventListener("change", apply);
  }
})();
