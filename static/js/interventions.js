// Micro-intervention page: the 2-minute breathing guide and reflection answers kept in this
// browser only (localStorage). Nothing here talks to the server.
(function () {
  "use strict";

  function formatTime(seconds) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function breathing(section) {
    const breathIn = Number(section.dataset.in);
    const breathOut = Number(section.dataset.out);
    const total = Number(section.dataset.total);
    const cue = section.querySelector("[data-cue]");
    const timer = section.querySelector("[data-timer]");
    const toggle = section.querySelector("[data-toggle]");
    let interval = null;
    let elapsed = 0;

    function phase() {
      const inCycle = elapsed % (breathIn + breathOut);
      return inCycle < breathIn ? section.dataset.labelIn : section.dataset.labelOut;
    }

    function stop(done) {
      window.clearInterval(interval);
      interval = null;
      section.classList.remove("running");
      toggle.textContent = section.dataset.labelStart;
      if (done) { cue.textContent = section.dataset.labelDone; }
    }

    function tick() {
      elapsed += 1;
      timer.textContent = formatTime(Math.max(total - elapsed, 0));
      if (elapsed >= total) { stop(true); return; }
      const next = phase();
      if (cue.textContent !== next) { cue.textContent = next; }
    }

    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      if (interval) { stop(false); return; }
      elapsed = 0;
      timer.textContent = formatTime(total);
      cue.textContent = phase();
      section.classList.add("running");
      toggle.textContent = section.dataset.labelStop;
      interval = window.setInterval(tick, 1000);
    });
  }

  function reflection(section) {
    const prefix = "wsw-reflection:" + section.dataset.reflection + ":";
    const fields = section.querySelectorAll("[data-reflection-key]");
    const clear = section.querySelector("[data-reflection-clear]");
    let storage = null;
    try { storage = window.localStorage; } catch (error) { return; }
    fields.forEach(function (field) {
      const key = prefix + field.dataset.reflectionKey;
      field.value = storage.getItem(key) || "";
      field.addEventListener("input", function () { storage.setItem(key, field.value); });
    });
    clear.hidden = false;
    clear.addEventListener("click", function () {
      fields.forEach(function (field) {
        storage.removeItem(prefix + field.dataset.reflectionKey);
        field.value = "";
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#breathing").forEach(breathing);
    document.querySelectorAll("[data-reflection]").forEach(reflection);
  });
})();
