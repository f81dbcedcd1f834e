/** Default seconds between polling cycles (its own module: the CLI reads it at start-up). */
export const DEFAULT_INTERVAL_SECONDS = 60;
