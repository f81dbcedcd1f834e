/**
 * Dateline: the "LONDON -" / "PINE RIDGE, S.D. (AP) -- " / "BRUSSELS, January 22 (Xinhua) -- " that
 * opens a wire story. It tells where the story was filed (and often by whom) but is not part of the
 * first sentence, so it is stripped and kept as `dateline`.
 *
 * Shapes recognised, at the very start of a sentence:
 * - an ALL-CAPS place, optional ", Region" ("S.D.", "Ukraine"), optional ", Month Day", optional
 *   "(Outlet)", then a dash ("--", "-", "—", "–", or the AP wire's "_");
 * - a Title-case place with an "(Outlet)" credit, dash optional ("Seoul (CNN) North and South …").
 * Without an outlet credit a dateline must be followed by a capital (or quote/digit), its place must
 * have at least `MIN_PLACE_LETTERS` letters and not be a common acronym or label, so "NATO said…",
 * "US officials - who…" and "BREAKING - …" are left alone.
 */
import { canonicalOutlet, isKnownOutlet } from "./outlets.ts";

export interface Dateline {
  /** The place, properly cased: "London", "Pine Ridge, S.D.", "Kyiv, Ukraine". */
  place: string;
  /** The credited outlet, canonical ("AP", "Reuters", "Xinhua", "AFP"), when the dateline names one. */
  outlet?: string;
  /** How many chars of the sentence the dateline takes, separator and following spaces included. */
  length: number;
}

/** Fewest letters in an uncredited all-caps place: "ROME" yes, "US" no. */
export const MIN_PLACE_LETTERS = 3;

/** An outlet credit that names a site or a newsroom: "(CBSLA.com)", "(CNNMoney)", "(Fox News)". */
const SITE_NAME =
  /\.(?:com|net|org|co\.uk)$|^CNN|\b(?:News|Press|Times|Post|Herald|Journal|Gazette|Tribune|Chronicle|Agency|Wire|Radio|Television|Daily|Ledger|Telegraph|Observer|Courier|Dispatch)\b|[a-z]wire$/;
/** Broadcasters' call letters and network initials after an ALL-CAPS place: "BOSTON (CBS) –", "(WFAA)". */
const CALL_LETTERS = /^[A-Z]{2,6}$/;

/** All-caps words that open sentences without being places. */
const NOT_PLACES: ReadonlySet<string> = new Set(
  (
    "NATO US U.S. UN U.N. EU E.U. UK U.K. FBI CIA NSA NASA WHO OPEC IMF ISIS IS AP CDC FDA EPA GOP DNC RNC " +
    "BREAKING UPDATE UPDATED EXCLUSIVE WATCH VIDEO PHOTOS PHOTO OPINION ANALYSIS EDITORIAL LIVE URGENT FLASH " +
    "BULLETIN COMMENTARY REVIEW NOTE WARNING CORRECTION CLARIFICATION NEW OK TV CEO OMG LOL FILE"
  ).split(" "),
);

const CAPS_WORD = "(?:Mc|Mac)?[A-Z][A-Z.'’-]*";
const REGION = "[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,2}";
const MONTH_DAY =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.? \\d{1,2}";
/** "(AP)"; also the wire's occasional "(AP --" with the parenthesis never closed. */
const OUTLET = "\\(([A-Za-z][\\w.&' -]{0,30}?)(?:\\)|(?= --))";
const DASH = "(?:--|—|–|-|_)";

/**
 * ALL-CAPS place: groups 1 place, 2 region, 3 outlet; the match ends after the dash and its spaces.
 * Linear: anchored, at most 5 words split by single spaces (no word class holds a space), outlet bounded.
 */
const CAPS_DATELINE = new RegExp(
  `^(${CAPS_WORD}(?: ${CAPS_WORD}){0,4})(?:, (${REGION}))?(?:,? ${MONTH_DAY})?(?: ?${OUTLET})? ?${DASH} +`,
);
/** Title-case place with an outlet credit: groups 1 place, 2 region, 3 outlet. */
const CREDITED_DATELINE = new RegExp(
  `^([A-Z][a-z]+(?: [A-Z][a-z]+){0,3})(?:, (${REGION}))?(?:,? ${MONTH_DAY})? ${OUTLET}(?: ?${DASH})? +(?=["'A-Z0-9])`,
);
const STARTS_LIKE_A_SENTENCE = /^["'A-Z0-9]/;
/** Particles that stay lower-case inside a place name: "Dar es Salaam", "Rio de Janeiro". */
const PLACE_PARTICLES: ReadonlySet<string> = new Set(
  "de del da das do dos du des di es el la le les al y of upon on am an der den van von".split(" "),
);

/** Recognise a dateline at the start of a sentence; undefined if there is none. */
export function detectDateline(sentenceText: string): Dateline | undefined {
  const caps = CAPS_DATELINE.exec(sentenceText);
  if (caps !== null) {
    const [whole, place, region, outlet] = caps;
    const rest = sentenceText.slice(whole.length);
    const letters = place.replace(/[^A-Z]/g, "").length;
    const credited = outlet !== undefined;
    const plausible =
      credited ||
      (letters >= MIN_PLACE_LETTERS &&
        !NOT_PLACES.has(place.split(" ")[0]) &&
        STARTS_LIKE_A_SENTENCE.test(rest));
    // A parenthesis that names no outlet ("MONUMENT (Phoenix) _" in a wire budget) leaves the dateline uncredited.
    const credit = credited && (isKnownOutlet(outlet) || SITE_NAME.test(outlet) || CALL_LETTERS.test(outlet));
    if (plausible && rest.length > 0)
      return build(placeCase(place), region, credit ? outlet : undefined, whole.length);
  }
  const titled = CREDITED_DATELINE.exec(sentenceText);
  if (titled !== null) {
    const [whole, place, region, outlet] = titled;
    // Without caps and a dash the credit must name a news outlet: "Administration (TSA) Administrator" is not one.
    if (isKnownOutlet(outlet) || SITE_NAME.test(outlet)) return build(place, region, outlet, whole.length);
  }
  return undefined;
}

function build(
  place: string,
  region: string | undefined,
  outlet: string | undefined,
  length: number,
): Dateline {
  const dateline: Dateline = { place: region === undefined ? place : `${place}, ${region}`, length };
  if (outlet !== undefined) dateline.outlet = canonicalOutlet(outlet);
  return dateline;
}

/** "PINE RIDGE" → "Pine Ridge", "DAR ES SALAAM" → "Dar es Salaam", "O'HARE" → "O'Hare"; "U.N." and "McALLEN" kept. */
export function placeCase(place: string): string {
  return place
    .split(" ")
    .map((word, index) => {
      if (/[a-z]/.test(word) || /^(?:[A-Z]\.)+$/.test(word)) return word;
      return word
        .split(/(?=[-'’])/)
        .map((part, partIndex) => {
          const lead = /^[-'’]/.test(part) ? part[0] : "";
          const body = part.slice(lead.length).toLowerCase();
          const isParticle = (index > 0 || partIndex > 0) && lead !== "'" && PLACE_PARTICLES.has(body);
          return lead + (isParticle ? body : body.charAt(0).toUpperCase() + body.slice(1));
        })
        .join("");
    })
    .join(" ");
}
