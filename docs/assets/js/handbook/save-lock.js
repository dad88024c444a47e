/*
 * Two tabs writing the answers in the same instant. Each tab writes at once, then settles its write
 * in its turn of the answers' Web Lock, which every tab of the site asks for by the same name:
 * it reads the stored answers again, merges in what another tab wrote meanwhile, and writes. Until
 * some milliseconds after that turn (by then the browser has shown the other tabs' writes of the
 * same instant), another tab's write is merged against what this tab had read before its own
 * write, not against its own write, which the other tab may not have seen: so neither loses the
 * other's answer. Changes made while a tab waits for its turn are settled together. Where the
 * browser has no Web Locks (a page served over plain HTTP) the turn comes after a timer. Pure: no
 * DOM, no storage (the caller's `write` reads, merges and writes).
 */

export const HOLD_MS = 25;   // how long a tab keeps its turn after writing

// A writer whose `request()` runs `write` in the next turn of the lock `name` of `locks`
// (navigator.locks, or null for a timer), then `settled()` `hold` ms later unless another request
// is waiting by then. `timer`: setTimeout, or a test's clock.
export function serialised(locks, name, write, settled, hold = HOLD_MS, timer = setTimeout) {
  let waiting = false;
  function turn() {
    waiting = false;
    write();
    return new Promise((resolve) => {
      timer(() => {
        if (!waiting) settled();
        resolve();
      }, hold);
    });
  }
  return {
    request() {
      if (waiting) return;
      waiting = true;
      if (!locks || typeof locks.request !== "function") {
        timer(turn, 0);
        return;
      }
      let granted;
      try {
        granted = locks.request(name, turn);
      } catch (error) {
        granted = Promise.reject(error);
      }
      Promise.resolve(granted).catch(() => { if (waiting) turn(); });
    },
    get waiting() {
      return waiting;
    },
  };
}
