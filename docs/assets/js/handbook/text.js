/* Small wording helpers shared by the messages and the score views. Pure: no DOM. */

export function sentence(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : "";
}

export function percentText(value) {
  return value === null || value === undefined ? "n/a" : value.toFixed(1) + "%";
}

// A YYYY-MM-DD date in the reader's language with the month in words ("6 Dec 2026", "Dec 6,
// 2026"), never all digits, whose order differs between readers. Anything else is returned as is.
export function dateText(iso, locale) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match) return iso || "";
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  try {
    return new Intl.DateTimeFormat(locale || undefined, { year: "numeric", month: "short", day: "numeric",
                                                          timeZone: "UTC" }).format(date);
  } catch (error) {
    return iso;
  }
}
