/*
 * An item named in a few words where its id alone says nothing to a reader ("Next to answer").
 * Pure, for Node's tests.
 */

// Its practice's title where it has one, else its question cut at a word near `limit`
// characters (with an ellipsis).
export function shortItemText(question, practiceTitle, limit = 70) {
  if (practiceTitle) return practiceTitle;
  const text = String(question || "").replace(/\s+/g, " ").trim();
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit + 1);
  const space = cut.lastIndexOf(" ");
  return (space > limit / 2 ? cut.slice(0, space) : text.slice(0, limit)).replace(/[\s,;:.?!-]+$/, "") + "\u2026";
}
