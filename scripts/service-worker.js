/*
 * The handbook's service worker (template: scripts/service_worker.py puts the manifest in).
 */
"use strict";

const MANIFEST = __HANDBOOK_MANIFEST__;
