// ISO-HCC web UI: progressive enhancement only; every page works without this file.
// The XLSX import uploads with a progress bar and shows the registry's row errors without leaving the page.
"use strict";

function importForm() {
  const form = document.getElementById("import-form");
  const bar = document.getElementById("import-progress");
  const result = document.getElementById("import-result");
  const labels = document.getElementById("import-labels");
  if (!form || !bar || !result || !labels) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 90);
    });
    request.addEventListener("load", () => {
      bar.value = 100;
      let body = {};
      try { body = JSON.parse(request.responseText); } catch (_) { body = { detail: request.statusText }; }
      showOutcome(result, labels.dataset, body);
    });
    request.send(new FormData(form));
  });
}

function showOutcome(target, text, body) {
  target.replaceChildren();
  const line = (css, content) => {
    const p = document.createElement("p");
    p.className = "flash " + css;
    p.textContent = content;
    target.append(p);
  };
  if (body.imported !== undefined) line("flash-ok", text.imported + ": " + body.imported);
  if (body.detail) line("flash-error", body.detail);
  const errors = Array.isArray(body.errors) ? body.errors : [];
  if (!errors.length) return;
  const table = document.createElement("table");
  table.createCaption().textContent = text.caption;
  const head = table.createTHead().insertRow();
  for (const name of [text.row, text.column, text.error]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    head.append(th);
  }
  const rows = table.createTBody();
  for (const error of errors) {
    const row = rows.insertRow();
    for (const value of [error.row, error.column, error.message]) row.insertCell().textContent = value ?? "";
  }
  target.append(table);
}

document.addEventListener("DOMContentLoaded", importForm);
