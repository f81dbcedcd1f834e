import { escapeHtml } from "../util/escape-html.ts";
import { METRICS, type Metric, type Protocol, type SystemResult } from "./evaluate.ts";

const pct = (x: number) => (100 * x).toFixed(2);

/** The comparison table as aligned plain text: mean ×100 with the 95 % interval, and ms per cluster. */
export function formatTable(results: readonly SystemResult[], protocol: Protocol): string {
  const head = ["system", ...METRICS.map((m) => m.replace("ROUGE-", "R-")), "ms/cluster (median, p95)", "n"];
  const rows = results.map((r) => [
    r.name,
    ...METRICS.map((m) => `${pct(r.means[m].mean)} (${pct(r.means[m].low)}–${pct(r.means[m].high)})`),
    `${r.ms.median.toFixed(1)}, ${r.ms.p95.toFixed(1)}`,
    String(r.clusters.length),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const measure = protocol.measure === "R" ? "recall" : "F-measure";
  const out = [
    `ROUGE ${measure} ×100, mean (95 % bootstrap CI) — ${protocol.name}; flags: ${protocol.flags}`,
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ];
  for (const r of results)
    if (r.missing.length)
      out.push(
        `${r.name}: no summary for ${r.missing.length} clusters (${r.missing.slice(0, 5).join(", ")}…)`,
      );
  return `${out.join("\n")}\n`;
}

/** Machine-readable results (`roundup eval --json`). */
export function resultsJson(results: readonly SystemResult[], protocol: Protocol): string {
  return `${JSON.stringify({ protocol, systems: results }, null, 2)}\n`;
}

/** One strip-and-box plot per metric: each dot a cluster, box = quartiles, line = mean (inline SVG, no network). */
function plot(results: readonly SystemResult[], metric: Metric): string {
  const width = 720;
  const rowH = 34;
  const left = 150;
  const height = results.length * rowH + 40;
  const all = results.flatMap((r) => r.clusters.map((c) => c.scores[metric]));
  const max = Math.max(0.05, ...all);
  const x = (v: number) => left + (v / max) * (width - left - 20);
  const parts: string[] = [];
  results.forEach((r, i) => {
    const y = 20 + i * rowH + rowH / 2;
    const vals = r.clusters.map((c) => c.scores[metric]).sort((a, b) => a - b);
    parts.push(`<text x="${left - 8}" y="${y + 4}" text-anchor="end">${escapeHtml(r.name)}</text>`);
    if (vals.length) {
      const q = (p: number) => vals[Math.min(vals.length - 1, Math.floor(p * (vals.length - 1)))];
      parts.push(
        `<rect x="${x(q(0.25))}" y="${y - 10}" width="${Math.max(1, x(q(0.75)) - x(q(0.25)))}" height="20" fill="#dbe7f5" stroke="#5b7fa8"/>`,
      );
      r.clusters.forEach((c, j) => {
        const jitter = ((j * 7919) % 13) - 6;
        parts.push(
          `<circle cx="${x(c.scores[metric]).toFixed(1)}" cy="${y + jitter}" r="2.2" fill="#1f4e79" fill-opacity="0.55"><title>${escapeHtml(c.id)}: ${pct(c.scores[metric])}</title></circle>`,
        );
      });
      const m = r.means[metric].mean;
      parts.push(
        `<line x1="${x(m)}" x2="${x(m)}" y1="${y - 13}" y2="${y + 13}" stroke="#c0392b" stroke-width="2"/>`,
      );
    }
  });
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    parts.push(
      `<line x1="${x(v)}" x2="${x(v)}" y1="10" y2="${height - 20}" stroke="#eee"/><text x="${x(v)}" y="${height - 5}" text-anchor="middle">${pct(v)}</text>`,
    );
  }
  return `<figure><figcaption>${metric} per cluster (dots), quartiles (box), mean (red)</figcaption><svg role="img" aria-label="${metric} distribution per system" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="12">${parts.join("")}</svg></figure>`;
}

/** A self-contained HTML page: the comparison table and per-cluster score distributions. */
export function htmlReport(results: readonly SystemResult[], protocol: Protocol, title: string): string {
  const rows = results
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.name)}</th>${METRICS.map((m) => `<td>${pct(r.means[m].mean)} <small>(${pct(r.means[m].low)}–${pct(r.means[m].high)})</small></td>`).join("")}<td>${r.ms.median.toFixed(1)} / ${r.ms.p95.toFixed(1)}</td><td>${r.clusters.length}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:right}th[scope=row]{text-align:left}small{color:#666}figure{margin:1.5rem 0}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p>ROUGE ${protocol.measure === "R" ? "recall" : "F-measure"} ×100, mean with 95 % bootstrap interval. ${escapeHtml(protocol.name)}; flags <code>${escapeHtml(protocol.flags)}</code>.</p>
<table><thead><tr><th>system</th>${METRICS.map((m) => `<th>${m}</th>`).join("")}<th>ms/cluster (median / p95)</th><th>clusters</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${METRICS.map((m) => plot(results, m)).join("\n")}
</body></html>
`;
}
