/* Small wording helpers shared by the messages and the score views. Pure: no DOM. */
import { formatPercent } from "./i18n.js";

export function sentence(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "";
}

// A percentage the package computed, in the page's language ("77.8%", "77,8 %"; "n/a" for none).
export function percentText(value) {
  return formatPercent(value);
}
