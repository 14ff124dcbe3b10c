// Small behaviour for all pages. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  function init(root) {
    // Submit a form when a select marked data-autosubmit changes (language switch).
    root.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
      const button = select.form.querySelector(".js-hide");
      if (button) { button.hidden = true; }
    });
  }

  // Ask before destructive actions: <form data-confirm="Are you sure?">.
  document.addEventListener("submit", function (event) {
    const message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
    // A form came back with errors: move to its summary, which links to each field.
    const summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
