/*
 * Notices (unreadable storage, upload problems, reset): lasting ones shown at the top of every
 * page until dismissed, passing ones in the score page's message line.
 *
 * A notice's content is a string or a list of parts: strings, {link: path from the root of the
 * page's language, text} and {button: label, action: function}; parts are drawn afresh on each page.
 */
import { el } from "./dom.js";
import { t } from "./i18n.js";
import { PAGES_ROOT } from "./site.js";

let notices = [];                   // [{id, text, content, kind, topic}], shown until dismissed
let counter = 0;

function plainText(content) {
  return (Array.isArray(content) ? content : [content])
    .map((part) => (typeof part === "string" ? part : part.text || part.button)).join("");
}

function drawParts(content) {
  return (Array.isArray(content) ? content : [content]).map((part) => {
    if (typeof part === "string") return part;
    if (part.link !== undefined) return el("a", { href: PAGES_ROOT + part.link, text: part.text });
    const button = el("button", { type: "button", class: "mh-inline-button", text: part.button });
    button.addEventListener("click", part.action);
    return button;
  });
}

// topic names a lasting notice that a later event withdraws (e.g. "newer" after a reset).
export function notify(content, kind, persistent, topic) {
  const text = plainText(content);
  // The same lasting notice again (another tab saved, say) is not shown twice.
  if (persistent && notices.some((n) => n.text === text)) return;
  const notice = { id: ++counter, text, content, kind: kind || "info", topic: topic || null };
  if (persistent) notices.push(notice);
  else showMessage(notice);
  renderNotices();
}

export function withdraw(topic) {
  notices = notices.filter((notice) => notice.topic !== topic);
  renderNotices();
}

// A passing message goes to the score page's message line; elsewhere it is kept as a notice.
function showMessage(notice) {
  const region = document.getElementById("mh-score-messages");
  if (region) {
    region.replaceChildren(el("p", { class: "mh-message mh-" + notice.kind }, ...drawParts(notice.content)));
  } else {
    notices.push(notice);
  }
}

export function renderNotices() {
  if (!document.body) return;
  const content = document.querySelector(".md-content__inner") || document.body;
  let region = content.querySelector(".mh-notices");
  if (!region) {
    region = el("div", { class: "mh-notices", role: "alert" });
    const heading = content.querySelector("h1");
    if (heading) heading.after(region);
    else content.prepend(region);
  }
  // Only redraw when the notices changed, so that screen readers announce each one once.
  const shown = notices.map((notice) => notice.id).join(" ");
  if (region.getAttribute("data-shown") === shown) return;
  region.setAttribute("data-shown", shown);
  region.replaceChildren(...notices.map((notice) => {
    const dismiss = el("button", { type: "button", class: "mh-dismiss", text: t("Dismiss") });
    dismiss.addEventListener("click", () => {
      notices = notices.filter((n) => n.id !== notice.id);
      renderNotices();
    });
    return el("div", { class: "mh-notice mh-" + notice.kind, "data-topic": notice.topic || "" },
      el("p", {}, ...drawParts(notice.content)), dismiss);
  }));
  region.hidden = notices.length === 0;
}
