/*
 * The project switcher's small form for a name (a new project, a new name for the one shown, or
 * the shown assessment's own name): opened by a button, which gets the focus back on Cancel or
 * Escape.
 */
import { projectLabel } from "./assessment-labels.js";
import { el } from "./dom.js";
import { t } from "./i18n.js";

const TEXTS = {
  create: { label: () => t("Name of the new project"), save: () => t("Create project") },
  rename: { label: (name) => t("New name of {project}", { project: projectLabel(name) }), save: () => t("Rename") },
  label: { label: () => t("Name of this assessment (optional, for example \u201cBefore release\u201d)"),
           save: () => t("Save name") },
};

// The form, hidden; `submit(mode, name)` makes the change and says whether it was made.
export function nameForm(submit) {
  const form = el("form", { class: "mh-project-form", id: "mh-project-form", hidden: "" },
    el("label", { for: "mh-project-form-name", id: "mh-project-form-label" }),
    el("input", { id: "mh-project-form-name", type: "text", autocomplete: "off", maxlength: "200" }),
    el("button", { type: "submit", class: "md-button md-button--primary", id: "mh-project-form-save" }),
    el("button", { type: "button", class: "md-button", id: "mh-project-form-cancel", text: t("Cancel") }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = form.querySelector("#mh-project-form-name").value.trim();
    if (!submit(form.getAttribute("data-mode"), name)) return;
    form.hidden = true;
    const shown = document.querySelector("#mh-assessment-list .mh-assessment-shown .mh-assessment-label");
    if (shown) shown.focus();
  });
  form.querySelector("#mh-project-form-cancel").addEventListener("click", () => closeForm(form));
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeForm(form);
  });
  return form;
}

// `mode` is "create", "rename" or "label"; `name` the name it starts from.
export function openForm(form, mode, opener, name) {
  form.setAttribute("data-mode", mode);
  form.opener = opener;
  form.querySelector("#mh-project-form-label").textContent = TEXTS[mode].label(name);
  form.querySelector("#mh-project-form-save").textContent = TEXTS[mode].save();
  const input = form.querySelector("#mh-project-form-name");
  input.value = mode === "create" ? "" : name;
  form.hidden = false;
  input.focus();
  input.select();
}

function closeForm(form) {
  form.hidden = true;
  if (form.opener) form.opener.focus();
}
