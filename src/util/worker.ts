/**
 * Worker threads running one of our modules. Under development the modules are TypeScript run by tsx,
 * whose loader a worker does not inherit, so a `.ts` module is started through a one-line boot that
 * registers tsx first; compiled `.js` modules start directly.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";

export function moduleWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith(".ts")) return new Worker(url, options);
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
