// Two tabs writing the answers at one instant take turns under the answers' lock (save-lock.js),
// and each merges in the other's write (merge.js): nothing either tab gave is lost.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { emptyAnswers, same } from "../../docs/assets/js/handbook/answers-format.js";
import { currentAnswers, mergeAnswers } from "../../docs/assets/js/handbook/merge.js";
import { HOLD_MS, serialised } from "../../docs/assets/js/handbook/save-lock.js";

// A clock of the test's own: timers run in order of their time, however loaded the machine is,
// and the promises they settle run before the next timer.
class Clock {
  constructor() { this.now = 0; this.events = []; this.count = 0; }
  timer = (fn, ms = 0) => { this.events.push({ at: this.now + ms, order: this.count++, fn }); };
  async advance(ms) {
    const end = this.now + ms;
    for (;;) {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => { setImmediate(resolve); });
      this.events.sort((a, b) => a.at - b.at || a.order - b.order);
      if (!this.events.length || this.events[0].at > end) break;
      const next = this.events.shift();
      this.now = next.at;
      next.fn();
    }
    this.now = end;
  }
}

// navigator.locks for one lock name: turns granted in the order asked, each in a task of its own,
// the next once the callback's promise settles.
class Locks {
  constructor(clock) { this.clock = clock; this.queue = []; this.busy = false; }
  request(name, callback) {
    return new Promise((resolve, reject) => {
      this.queue.push(() => Promise.resolve().then(callback).then(resolve, reject));
      this.next();
    });
  }
  next() {
    if (this.busy || !this.queue.length) return;
    this.busy = true;
    const turn = this.queue.shift();
    this.clock.timer(() => turn().finally(() => { this.busy = false; this.next(); }), 0);
  }
}

// A tab as storage.js runs it: its own copy of the stored text, which another tab's write reaches
// `delay` ms later (then its storage event merges it in). A change is written at once and again in
// the tab's turn; until that turn is over, another tab's write is merged against the text read
// before this tab's write (`window: false` merges against this tab's last write, as before).
class Tab {
  constructor(clock, locks, delay, window = true) {
    this.clock = clock;
    this.cache = null;
    this.base = null;
    this.written = null;
    this.settled = null;
    this.unsettled = false;
    this.window = window;
    this.answers = emptyAnswers();
    this.delay = delay;
    this.others = [];
    this.writer = serialised(locks, "answers", () => this.write(), () => { this.unsettled = false; }, 8, clock.timer);
  }
  mergeBase() {
    return this.window && this.unsettled && this.base === this.written ? this.settled : this.base;
  }
  write() {
    if (this.cache !== this.base) {
      mergeAnswers(this.answers, currentAnswers(this.cache), this.mergeBase(), "mine");
      this.base = this.cache;
    }
    const text = JSON.stringify(this.answers);
    if (!this.unsettled || this.base !== this.written) this.settled = this.base;
    this.unsettled = true;
    this.cache = text;
    this.base = text;
    this.written = text;
    this.others.forEach((other) => this.clock.timer(() => other.heard(text), this.delay));
  }
  save() {
    this.write();
    this.writer.request();
  }
  heard(text) {
    this.cache = text;
    if (text === this.base) return;
    mergeAnswers(this.answers, currentAnswers(text), this.mergeBase(), "theirs");
    this.base = text;
    if (!same(currentAnswers(this.cache), this.answers)) this.save();
  }
  give(item) {
    this.answers.answers[item] = true;
    this.save();
    this.answers.notes[item] = "Note of " + item;
    this.save();
  }
}

function twoTabs(clock, locks, delays, window = true) {
  const tabs = delays.map((delay) => new Tab(clock, locks, delay, window));
  tabs[0].others = [tabs[1]];
  tabs[1].others = [tabs[0]];
  return tabs;
}

describe("serialised writes of two tabs", () => {
  it("keep both tabs' answers and notes given at one instant, round after round", async () => {
    const clock = new Clock();
    const [a, b] = twoTabs(clock, new Locks(clock), [3, 4]);
    const given = [];
    for (let round = 0; round < 20; round++) {
      a.give("a" + round);
      b.give("b" + round);
      given.push("a" + round, "b" + round);
      await clock.advance(30);
      assert.deepEqual(JSON.parse(a.cache), JSON.parse(b.cache), "round " + round + ": both tabs hold the same");
      const stored = JSON.parse(a.cache);
      assert.deepEqual(Object.keys(stored.answers).sort(), [...given].sort(), "round " + round);
      assert.deepEqual(Object.keys(stored.notes).sort(), [...given].sort(), "round " + round);
      assert.ok(same(a.answers, stored) && same(b.answers, stored), "round " + round + ": both tabs show it");
    }
  });

  it("lose one of the two when a write is merged against this tab's own last write", async () => {
    const clock = new Clock();
    const [a, b] = twoTabs(clock, new Locks(clock), [3, 3], false);
    a.give("a");
    b.give("b");
    await clock.advance(30);
    const kept = [a, b].map((tab) => Object.keys(tab.answers.answers).sort().join(","));
    assert.ok(kept.some((items) => items !== "a,b"), "without the window: " + kept.join(" / "));
  });

  it("keep both tabs' answers given at one instant where the browser has no Web Locks", async () => {
    const clock = new Clock();
    const [a, b] = twoTabs(clock, null, [3, 4]);
    for (let round = 0; round < 5; round++) {
      a.give("a" + round);
      b.give("b" + round);
      await clock.advance(30);
      assert.deepEqual(JSON.parse(a.cache), JSON.parse(b.cache));
      assert.equal(Object.keys(JSON.parse(a.cache).notes).length, 2 * (round + 1));
    }
  });
});

describe("serialised", () => {
  it("takes its turn after a timer where the browser has no Web Locks", async () => {
    const clock = new Clock();
    let writes = 0;
    let settles = 0;
    const writer = serialised(null, "answers", () => { writes += 1; }, () => { settles += 1; }, 1, clock.timer);
    writer.request();
    writer.request();
    assert.equal(writes, 0);
    await clock.advance(10);
    assert.deepEqual([writes, settles], [1, 1]);
  });

  it("settles the changes made while waiting for the turn once, in that turn, then calls settled", async () => {
    const clock = new Clock();
    let writes = 0;
    let settles = 0;
    const writer = serialised(new Locks(clock), "answers", () => { writes += 1; }, () => { settles += 1; }, 3,
                              clock.timer);
    writer.request();
    writer.request();
    writer.request();
    assert.equal(writer.waiting, true);
    await clock.advance(1);
    assert.deepEqual([writes, settles], [1, 0]);
    assert.equal(writer.waiting, false);
    await clock.advance(10);
    assert.deepEqual([writes, settles], [1, 1]);
  });

  it("is not settled while another request waits", async () => {
    const clock = new Clock();
    let settles = 0;
    const writer = serialised(new Locks(clock), "answers", () => {}, () => { settles += 1; }, 5, clock.timer);
    writer.request();
    await clock.advance(1);
    writer.request();
    await clock.advance(25);
    assert.equal(settles, 1);
  });

  it("keeps the turn for a while after the write, so that the next tab reads it", async () => {
    const clock = new Clock();
    const locks = new Locks(clock);
    const order = [];
    const first = serialised(locks, "answers", () => order.push(["first", clock.now]), () => {}, 20, clock.timer);
    const second = serialised(locks, "answers", () => order.push(["second", clock.now]), () => {}, 20, clock.timer);
    first.request();
    second.request();
    await clock.advance(60);
    assert.deepEqual(order, [["first", 0], ["second", 20]]);
    assert.ok(HOLD_MS >= 10);
  });

  it("takes its turn anyway when the lock is refused", async () => {
    let writes = 0;
    const refusing = { request: () => Promise.reject(new DOMException("no", "SecurityError")) };
    const throwing = { request: () => { throw new TypeError("no"); } };
    serialised(refusing, "answers", () => { writes += 1; }, () => {}, 1).request();
    serialised(throwing, "answers", () => { writes += 1; }, () => {}, 1).request();
    await new Promise((resolve) => { setImmediate(resolve); });
    assert.equal(writes, 2);
  });
});
