/** Canonical short names of outlets, as a Newser-style attribution uses them ("the AP reports"). */

/** Spellings seen in credits and datelines (lower-cased key) → the name to show. */
const CANONICAL: ReadonlyMap<string, string> = new Map([
  ["ap", "AP"],
  ["associated press", "AP"],
  ["the associated press", "AP"],
  ["reuters", "Reuters"],
  ["thomson reuters", "Reuters"],
  ["reuters health", "Reuters"],
  ["xinhua", "Xinhua"],
  ["xinhua news agency", "Xinhua"],
  ["afp", "AFP"],
  ["agence france-presse", "AFP"],
  ["agence france presse", "AFP"],
  ["bloomberg", "Bloomberg"],
  ["bloomberg news", "Bloomberg"],
  ["upi", "UPI"],
  ["united press international", "UPI"],
  ["cnn", "CNN"],
  ["dpa", "dpa"],
  ["efe", "EFE"],
  ["ansa", "ANSA"],
  ["kyodo", "Kyodo"],
  ["kyodo news", "Kyodo"],
  ["yonhap", "Yonhap"],
  ["tass", "TASS"],
  ["itar-tass", "TASS"],
  ["pti", "PTI"],
  ["ians", "IANS"],
  ["nyt", "The New York Times"],
]);

/** Wire services: a credit from one of these names the copy's origin even on another site's page. */
export const WIRE_SERVICES: ReadonlySet<string> = new Set([
  "AP",
  "Reuters",
  "Xinhua",
  "AFP",
  "Bloomberg",
  "UPI",
  "dpa",
  "EFE",
  "ANSA",
  "Kyodo",
  "Yonhap",
  "TASS",
  "PTI",
  "IANS",
]);

/**
 * The spellings of the wire services a credit line writes, as a regex alternation (no groups): for the
 * credit patterns of 07-outlet.ts. Each alternative is a fixed phrase, so matching one is linear.
 */
export const WIRE_NAME_SOURCE =
  "The Associated Press|the Associated Press|Associated Press|AP|Thomson Reuters|Reuters|Agence France-Presse|Agence France Presse|AFP|Xinhua News Agency|Xinhua|Bloomberg News|Bloomberg|United Press International|UPI|dpa|EFE|ANSA|Kyodo News|Kyodo|Yonhap|ITAR-TASS|TASS|PTI|IANS";

/** Whether a credit is one of the outlets named above, in any listed spelling. */
export function isKnownOutlet(name: string): boolean {
  return CANONICAL.has(name.trim().replace(/\s+/g, " ").toLowerCase());
}

/** The canonical name of an outlet ("Associated Press" → "AP"); unknown names come back trimmed, as written. */
export function canonicalOutlet(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, " ");
  return CANONICAL.get(trimmed.toLowerCase()) ?? trimmed;
}
