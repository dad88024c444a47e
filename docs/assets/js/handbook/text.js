/* Small wording helpers shared by the messages and the score views. Pure: no DOM. */

export function sentence(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "";
}

export function percentText(value) {
  return value === null || value === undefined ? "n/a" : value.toFixed(1) + "%";
}
