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

// Each re-score redraws the page's figures; what it leaves as it was is not written again, so that
// the browser has no style, layout and paint to redo for it (a click's reply waits for those).

// The element's children become `nodes`, unless they are equal to them already.
export function replaceChildrenIfChanged(element, nodes) {
  const current = element.childNodes;
  const same = current.length === nodes.length
    && nodes.every((node, index) => (typeof node === "string" ? current[index].nodeType === Node.TEXT_NODE
      && current[index].data === node : current[index].isEqualNode(node)));
  if (!same) element.replaceChildren(...nodes);
}

export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function setAttribute(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
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
