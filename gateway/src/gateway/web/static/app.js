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
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 20);
    });
    request.addEventListener("load", () => {
      let body = {};
      try { body = JSON.parse(request.responseText); } catch (_) { body = { detail: request.statusText }; }
      if (request.status === 202 && body.poll) return followJob(body.poll, bar, result, labels.dataset);
      bar.value = 100;
      showOutcome(result, labels.dataset, body);
    });
    request.send(new FormData(form));
  });
}

// The import runs as a job (ADR 25): read it every half second; the bar shows its rows done, then its result.
function followJob(url, bar, result, text) {
  fetch(url, { headers: { Accept: "application/json" } })
    .then((answer) => answer.json())
    .then((job) => {
      bar.value = 20 + Math.round(80 * (job.total_rows ? job.rows_done / job.total_rows : 1));
      if (job.status === "queued" || job.status === "running") {
        setTimeout(() => followJob(url, bar, result, text), 500);
        return;
      }
      bar.value = 100;
      showOutcome(result, text, job.result || {});
    })
    .catch(() => { window.location = url; });  // the page of the job refreshes itself
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

// A refused form: open the folded sections that hold its fields, then move to the summary at the top (GOV.UK's
// pattern), whose links lead to each field.
function refusedForm() {
  const summary = document.getElementById("error-summary");
  if (!summary) return;
  for (const field of document.querySelectorAll("[aria-invalid='true']")) {
    for (let folded = field.closest("details"); folded; folded = folded.parentElement.closest("details")) {
      folded.open = true;
    }
  }
  summary.focus();
}

document.addEventListener("DOMContentLoaded", refusedForm);

// A link of the summary moves to its field and into it (a link to an id only scrolls).
function summaryLinks() {
  const summary = document.getElementById("error-summary");
  if (!summary) return;
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });
}

document.addEventListener("DOMContentLoaded", summaryLinks);

// A search above a form (the parent agency's, before registering one) reloads the page: what was typed in the form
// is kept in the tab's storage when the search is sent and put back once the page is back, unless the page shows
// the form refused (it then shows what was typed itself). Hidden fields (the token, the record's version) stay
// the page's own.
function searchesKeepTheForm() {
  for (const search of document.querySelectorAll("form[data-keeps]")) {
    const form = document.querySelector(`form[data-form="${search.dataset.keeps}"]`);
    const key = `typed ${location.pathname} ${search.dataset.keeps}`;
    const saved = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    if (!form) continue;
    if (saved && !document.getElementById("error-summary")) putBack(form, JSON.parse(saved));
    search.addEventListener("submit", () => sessionStorage.setItem(key, JSON.stringify(typedIn(form))));
  }
}

function kept(field) {
  return field.name && !["hidden", "submit", "button", "password", "file"].includes(field.type);
}

function typedIn(form) {
  const typed = {};
  for (const field of form.elements) {
    if (!kept(field)) continue;
    if (field.type === "radio") { if (field.checked) typed[field.name] = field.value; }
    else typed[field.name] = field.type === "checkbox" ? field.checked : field.value;
  }
  return typed;
}

function putBack(form, typed) {
  for (const field of form.elements) {
    if (!kept(field) || !(field.name in typed)) continue;
    if (field.type === "checkbox") field.checked = typed[field.name];
    else if (field.type === "radio") field.checked = field.value === typed[field.name];
    else if (field.tagName !== "SELECT" || [...field.options].some((o) => o.value === typed[field.name])) {
      field.value = typed[field.name];
    }
  }
}

document.addEventListener("DOMContentLoaded", searchesKeepTheForm);
