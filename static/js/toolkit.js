// Communication toolkit: copy buttons for the ready-to-post messages and the public agenda link.
// No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  function fallbackCopy(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  // <button data-copy-target="id"> copies the text (or value) of the element with that id.
  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("[data-copy-target]");
    if (!button) { return; }
    const source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source) { return; }
    const text = "value" in source && source.tagName !== "PRE" ? source.value : source.textContent;
    const label = button.querySelector("[data-copy-label]") || button;
    const original = label.getAttribute("data-original") || label.textContent;
    label.setAttribute("data-original", original);
    copy(text).then(function () {
      label.textContent = button.getAttribute("data-copied") || "Copied";
    }, function () {
      label.textContent = button.getAttribute("data-failed") || "Select the text and copy it";
    }).then(function () {
      window.setTimeout(function () { label.textContent = original; }, 2500);
    });
  });
})();
