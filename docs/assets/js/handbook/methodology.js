/*
 * The methodology (routes, ML task types, where each item is), fetched once scoring starts.
 */
import { SITE_ROOT } from "./site.js";

let promise = null;

export function methodology() {
  if (!promise) {
    promise = fetch(SITE_ROOT + "assets/methodology.json").then((response) => {
      if (!response.ok) throw new Error("assets/methodology.json: HTTP " + response.status);
      return response.json();
    });
    promise.catch(() => { promise = null; });
  }
  return promise;
}

// The methodology's promise if it was asked for already (and has not failed), else null.
export function methodologyRequested() {
  return promise;
}

function allItems(data) {
  const items = [];
  data.stages.forEach((stage) => {
    stage.subphases.forEach((sub) => {
      sub.items.forEach((item) => { items.push({ item, stage: stage.id, subphase: sub.id }); });
    });
  });
  return items;
}

// The item that chooses the route ("route") or the ML task type ("task-type"), with its place.
export function selector(data, selects) {
  return allItems(data).filter((entry) => entry.item.selects === selects)[0] || null;
}

// The routes on which the ML task-type question is asked.
export function taskTypeRoutes(data) {
  const entry = selector(data, "task-type");
  return entry ? entry.item.routes : [];
}
