// zonewatch pages: small progressive enhancements. Every page works without this file;
// it lives in a static file because the Content-Security-Policy forbids inline scripts.
"use strict";

function reviewShortcuts() {
  const rows = Array.from(document.querySelectorAll("tr[data-review-row]"));
  if (!rows.length) return;
  let current = 0;
  const select = (i) => {
    rows.forEach((r) => r.classList.remove("selected"));
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows[current].classList.add("selected");
    rows[current].scrollIntoView({ block: "nearest" });
  };
  select(0);
  rows.forEach((row, i) => row.addEventListener("click", () => select(i)));
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
      if (event.key === "Escape") target.blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const row = rows[current];
    const click = (selector) => {
      const button = row.querySelector(selector);
      if (button) button.click();
    };
    switch (event.key) {
      case "j": case "ArrowDown": select(current + 1); event.preventDefault(); break;
      case "k": case "ArrowUp": select(current - 1); event.preventDefault(); break;
      case "c": click("button[data-action=confirm]"); break;
      case "r": click("button[data-action=reject]"); break;
      case "e": {
        const form = row.querySelector(".edit-form");
        if (form) {
          form.classList.add("open");
          const input = form.querySelector("input[name=value]");
          if (input) input.focus();
          event.preventDefault();
        }
        break;
      }
      default: break;
    }
  });
  document.querySelectorAll("button[data-edit-toggle]").forEach((button) => {
    button.addEventListener("click", () => {
      const form = button.closest("tr").querySelector(".edit-form");
      if (form) form.classList.toggle("open");
    });
  });
}

function autoSubmitFilters() {
  document.querySelectorAll("form.filters select").forEach((el) => {
    el.addEventListener("change", () => el.form.submit());
  });
}

document.addEventListener("DOMContentLoaded", () => {
  reviewShortcuts();
  autoSubmitFilters();
});
