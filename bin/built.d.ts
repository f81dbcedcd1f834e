/** True when dist/ exists and no file it was built from has changed since. */
export function builtIsFresh(): boolean;
