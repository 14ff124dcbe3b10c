// Behaviour for pulse pages (no inline scripts under the Content-Security-Policy).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
  });
})();
