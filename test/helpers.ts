// Helpers several test files share.
import { Writable } from "node:stream";
import type { Io } from "../src/apps/shared/io.ts";

/** Collects what the CLI writes. */
export function captureIo(): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        add(String(chunk));
        done();
      },
    }) as unknown as NodeJS.WriteStream;
  return {
    stdout: sink((s) => {
      out += s;
    }),
    stderr: sink((s) => {
      err += s;
    }),
    stdin: process.stdin,
    out: () => out,
    err: () => err,
  };
}

/** `target` with some methods replaced (the stores keep private fields, so no prototype tricks). */
export function overriding<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop in overrides) return overrides[prop as keyof T];
      const value = Reflect.get(t, prop, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}
