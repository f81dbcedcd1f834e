export * from "./errors.ts";
export * from "./ids.ts";
export type * from "./types.ts";
