/*
 * What lives as long as the visit (instant navigation keeps it): this tab's answers and what the
 * storage, the uploads and "not applicable" remember about them.
 */

export const visit = {
  answers: null,        // the answers file as a plain object
  base: null,           // the stored text as this tab last read or wrote it (for merges)
  saving: true,         // false while an unreadable stored value could not be moved aside
  storageWorks: true,   // false while this browser refuses to store the answers
  downloaded: null,     // the answers as last downloaded (canonical JSON), for a reset without room
  undoUpload: null,     // {previous, key}: the answers an upload replaced
  // "Not applicable" during the visit: the answer an item had before it was marked (restored when
  // the box is unticked), the reason as typed, and the items ticked whose reason is still empty
  // or refused by the rule (those are stored as unanswered, not as not applicable).
  naPrevious: {},
  naDraft: {},
  naPending: {},
  // The package's message for a reason it refused, by item (the item counts as unanswered).
  naRefused: {},
};

// A new set of answers (upload, undo, reset) starts with no "not applicable" memory.
export function forgetVisitState() {
  visit.naPrevious = {};
  visit.naDraft = {};
  visit.naPending = {};
  visit.naRefused = {};
}
