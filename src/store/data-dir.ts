/** Where the embedded store lives unless told otherwise (its own module: the CLI reads it at start-up). */
export const DEFAULT_DATA_DIR = "./roundup-data";
