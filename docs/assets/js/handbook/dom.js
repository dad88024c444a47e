/* Small DOM helpers. */

// An element with attributes ("text" sets its text) and children (strings, nodes; null skipped).
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.keys(attributes || {}).forEach((name) => {
    if (name === "text") node.textContent = attributes[name];
    else node.setAttribute(name, attributes[name]);
  });
  children.forEach((child) => {
    if (child == null) return;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return node;
}

export function bar(percent, label) {
  const fill = el("span", { class: "mh-bar-fill" });
  fill.style.width = (percent || 0) + "%";
  return el("div", { class: "mh-bar", role: "img", "aria-label": label }, fill);
}

export function downloadBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: filename });
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => { URL.revokeObjectURL(url); }, 10000);
}

// The score page's container, when this page is the score page.
export function scorePage() {
  return document.getElementById("mh-score");
}
