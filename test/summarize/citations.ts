// Shared by the roundup tests: does a rendered sentence say what its cited source text says?

/** Words only: quotes straightened, punctuation to spaces, lower case. */
export const normalize = (s: string): string =>
  s
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .toLowerCase();

/**
 * True when `rendered` is its cited source text apart from the render step's documented edits
 * (src/summarize/06-render.ts): an attribution appended (", the AP reports."), an opening connective
 * dropped (the rest is still a stretch of the source), and a person named in full on first mention —
 * "Mr."/"Ms." gone from the source, and first names inserted that the source does not have but the
 * cluster writes right before the next word ("António" before "Guterres").
 */
export function saysWhatSourceSays(rendered: string, cited: string, clusterText: string): boolean {
  const said = normalize(rendered.replace(/, (the )?[\w ]+ reports\.$/, "."));
  const source = normalize(cited);
  if (source.includes(said) || said.includes(source)) return true;
  const plain = ` ${source.replace(/\b(?:mr|mrs|ms|miss|mx) /g, "")} `;
  const cluster = ` ${normalize(clusterText)} `;
  const words = said.split(" ");
  const kept = words.filter(
    (w, k) =>
      plain.includes(` ${w} `) || !(k + 1 < words.length && cluster.includes(` ${w} ${words[k + 1]} `)),
  );
  return plain.includes(` ${kept.join(" ")} `);
}
