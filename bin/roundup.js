#!/usr/bin/env node
// Launcher. Runs the compiled CLI in dist/ (`npm run build`, which `npm ci` runs), or, when dist/ is
// missing or a file it was built from has changed since (a checkout being edited), the TypeScript
// sources through tsx: the same output either way, never stale code (see built.js).
import { builtIsFresh } from "./built.js";

// Stack traces point into the sources with ROUNDUP_DEBUG (reading the source maps costs start-up time).
if (process.env.ROUNDUP_DEBUG) process.setSourceMapsEnabled(true);
if (builtIsFresh()) {
  await import("../dist/bin.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/apps/bin.ts");
}
