/*
 * The project switcher's small form for a name (a new project, or a new name for the one shown):
 * opened by a button, which gets the focus back on Cancel or Escape.
 */
import { el } from "./dom.js";
import { projectLabel } from "./projects.js";

// The form, hidden; `submit(mode, name)` makes the change and says whether it was made.
export function nameForm(submit) {
  const form = el("form", { class: "mh-project-form", id: "mh-project-form", hidden: "" },
    el("label", { for: "mh-project-form-name", id: "mh-project-form-label" }),
    el("input", { id: "mh-project-form-name", type: "text", autocomplete: "off", maxlength: "200" }),
    el("button", { type: "submit", class: "md-button md-button--primary", id: "mh-project-form-save" }),
    el("button", { type: "button", class: "md-button", id: "mh-project-form-cancel", text: "Cancel" }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = form.querySelector("#mh-project-form-name").value.trim();
    if (!submit(form.getAttribute("data-mode"), name)) return;
    form.hidden = true;
    document.getElementById("mh-assessment-choice").focus();
  });
  form.querySelector("#mh-project-form-cancel").addEventListener("click", () => closeForm(form));
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeForm(form);
  });
  return form;
}

// `mode` is "create" or "rename"; `name` the shown project's name (for a rename).
export function openForm(form, mode, opener, name) {
  const creating = mode === "create";
  form.setAttribute("data-mode", mode);
  form.opener = opener;
  form.querySelector("#mh-project-form-label").textContent = creating ? "Name of the new project"
                                                                      : "New name of " + projectLabel(name);
  form.querySelector("#mh-project-form-save").textContent = creating ? "Create project" : "Rename";
  const input = form.querySelector("#mh-project-form-name");
  input.value = creating ? "" : name;
  form.hidden = false;
  input.focus();
  input.select();
}

function closeForm(form) {
  form.hidden = true;
  if (form.opener) form.opener.focus();
}
