// Plan of action pages. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // <button data-print> opens the browser's print dialog (team agreements).
  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
  });
})();
