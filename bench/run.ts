// `npm run bench`: quality on every development set under its standard protocol (Roundup, our baselines,
// the published anchors), the official DUC 2006 participants re-scored with our ROUGE, and speed.
// Writes bench/RESULTS.md. Reads ../shared in place; copies nothing from it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSummaries } from "../src/apps/cli/eval.ts";
import {
  evaluate,
  METRICS,
  type Protocol,
  type SummarySource,
  type SystemResult,
} from "../src/evaluate/evaluate.ts";
import { median, percentile } from "../src/evaluate/stats.ts";
import type { SystemName } from "../src/evaluate/systems.ts";
import { clusterToArticles, readClusterLines } from "../src/ingest/index.ts";
import type { Article, Cluster } from "../src/model/types.ts";
import { summarize } from "../src/summarize/index.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const shared = join(repo, "..", "shared", "bench");
const BASE = "-n 2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a";
const quick = process.argv.includes("--quick");

interface DataSet {
  title: string;
  file: string;
  protocol: Protocol;
  filter?: (c: Cluster) => boolean;
  focus: boolean;
  anchors: string;
  systems: SystemName[];
}

const SETS: DataSet[] = [
  {
    title: "Multi-News dev",
    file: "multinews-dev.jsonl",
    protocol: {
      name: "F, no cut, 250-word summaries",
      flags: BASE,
      measure: "F",
      words: 250,
      overflow: false,
    },
    focus: false,
    anchors: "## Multi-News dev",
    systems: ["roundup", "lead", "lead-each", "oracle"],
  },
  {
    title: "DUC 2006, query ignored",
    file: "duc2006/test.jsonl",
    protocol: {
      name: "recall, cut at 250 words",
      flags: `${BASE} -l 250`,
      measure: "R",
      words: 250,
      overflow: true,
    },
    focus: false,
    anchors: "## DUC 2006",
    systems: ["roundup", "lead", "lead-each", "oracle"],
  },
  {
    title: "DUC 2006, focus from the query",
    file: "duc2006/test.jsonl",
    protocol: {
      name: "recall, cut at 250 words",
      flags: `${BASE} -l 250`,
      measure: "R",
      words: 250,
      overflow: true,
    },
    focus: true,
    anchors: "## DUC 2006",
    systems: ["roundup"],
  },
  {
    title: "DUC 2007 update, subset A, focus from the query",
    file: "duc2007-update/test.jsonl",
    protocol: {
      name: "recall, cut at 100 words",
      flags: `${BASE} -l 100`,
      measure: "R",
      words: 100,
      overflow: true,
    },
    filter: (c) => c.id.endsWith("-A"),
    focus: true,
    anchors: "## DUC 2007",
    systems: ["roundup", "lead", "lead-each", "oracle"],
  },
];

async function load(file: string, filter?: (c: Cluster) => boolean) {
  const out: Array<{ cluster: Cluster; articles: Article[] }> = [];
  for await (const { line, cluster, error } of readClusterLines(join(shared, file))) {
    if (error) throw error;
    if (cluster && (!filter || filter(cluster)))
      out.push({ cluster, articles: clusterToArticles(cluster, `${file} line ${line}`) });
  }
  return out;
}

/** Rows of the markdown table under a heading of ANCHORS.md: system name → cells by column name. */
function anchorRows(heading: string): Array<{ system: string; cells: Record<string, string> }> {
  const md = readFileSync(join(shared, "ANCHORS.md"), "utf8");
  const start = md.indexOf(heading);
  if (start < 0) return [];
  const lines = md.slice(start).split("\n").slice(1);
  const table = lines.slice(lines.findIndex((l) => l.startsWith("|")));
  const rows: Array<{ system: string; cells: Record<string, string> }> = [];
  let header: string[] = [];
  for (const l of table) {
    if (!l.startsWith("|")) break;
    const cells = l
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    if (header.length === 0) header = cells;
    else if (!/^-+$/.test(cells[0]))
      rows.push({ system: cells[0], cells: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])) });
  }
  return rows;
}

const pct = (x: number) => (100 * x).toFixed(2);

function qualityTable(set: DataSet, results: SystemResult[]): string {
  const head = `| system | R-1 | R-2 | R-SU4 | R-L | R-2 95 % CI | ms/cluster (median) |\n|---|---|---|---|---|---|---|`;
  const ours = results.map(
    (r) =>
      `| **${r.name}** | ${METRICS.map((m) => pct(r.means[m].mean)).join(" | ")} | ${pct(r.means["ROUGE-2"].low)}–${pct(r.means["ROUGE-2"].high)} | ${r.ms.median.toFixed(1)} |`,
  );
  const anchors = anchorRows(set.anchors).map(
    (a) =>
      `| anchor: ${a.system} | ${a.cells["R-1"] ?? ""} | ${a.cells["R-2"] ?? ""} | ${a.cells["R-SU4"] ?? ""} | ${a.cells["R-L"] ?? ""} | ${a.cells["R-2 95 % CI"] ?? ""} | |`,
  );
  return [head, ...ours, ...anchors].join("\n");
}

async function quality(): Promise<string[]> {
  const out: string[] = ["## Quality on the development sets", ""];
  out.push(
    "Our ROUGE reproduces ROUGE-1.5.5 on all 440 conformance vectors. Scores ×100. **Bold** rows are measured here;",
    "`anchor:` rows are copied from `../shared/bench/ANCHORS.md` (official scorer). Roundup runs with its defaults",
    "(attribution on); the DUC protocols use `--overflow` (the last sentence may run past the budget, the scorer cuts).",
    "",
  );
  for (const set of SETS) {
    const data = await load(set.file, set.filter);
    const sources: SummarySource[] = set.systems.map((system) => ({ system }));
    const t = performance.now();
    const results = evaluate(data, sources, {
      protocol: set.protocol,
      focusFromQuery: set.focus,
      now: () => performance.now(),
    });
    process.stderr.write(`${set.title}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    out.push(`### ${set.title} — ${set.protocol.name} (${data.length} clusters)`, "");
    out.push(
      `Flags: \`${set.protocol.flags}\`; summaries: ${set.protocol.overflow ? "overflow mode" : "whole sentences within the budget"}.`,
      "",
    );
    out.push(qualityTable(set, results), "");
  }
  return out;
}

/** The official DUC 2006 participants and the Multi-News peer outputs, re-scored with our ROUGE. */
async function rescore(): Promise<string[]> {
  const out = ["## Re-scoring published outputs with our ROUGE", ""];
  out.push(
    "End-to-end check that our protocol matches the published one: the same summaries, our scorer, the anchor beside it.",
    "",
  );
  const duc = await load("duc2006/test.jsonl");
  const protocol: Protocol = {
    name: "recall, cut at 250",
    flags: `${BASE} -l 250`,
    measure: "R",
    words: 250,
    overflow: true,
  };
  const peersDir = join(shared, "duc2006", "peers");
  const anchors = new Map(anchorRows("## DUC 2006").map((a) => [a.system, a.cells]));
  const files = readdirSync(peersDir).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const external = await Promise.all(files.map((f) => readSummaries(join(peersDir, f))));
  const results = evaluate(duc, external, { protocol });
  out.push("### DUC 2006 participants (recall, cut at 250 words)", "");
  out.push(
    "| peer | R-1 ours | R-1 anchor | R-2 ours | R-2 anchor | R-SU4 ours | R-SU4 anchor |",
    "|---|---|---|---|---|---|---|",
  );
  for (const r of results) {
    const id = r.name.replace(/^duc2006-/, "");
    const a =
      anchors.get(`NIST peer ${id}`) ??
      anchors.get(`NIST peer ${id} (best participant)`) ??
      (id === "1" ? anchors.get("NIST lead baseline (peer 1)") : undefined);
    if (!a) continue;
    out.push(
      `| ${id} | ${pct(r.means["ROUGE-1"].mean)} | ${a["R-1"]} | ${pct(r.means["ROUGE-2"].mean)} | ${a["R-2"]} | ${pct(r.means["ROUGE-SU4"].mean)} | ${a["R-SU4"]} |`,
    );
  }
  const best = [...results].sort((x, y) => y.means["ROUGE-2"].mean - x.means["ROUGE-2"].mean).slice(0, 3);
  out.push(
    "",
    `Best three participants by our R-2: ${best.map((r) => `${r.name} ${pct(r.means["ROUGE-2"].mean)}`).join(", ")}.`,
    "",
  );

  const mn = await load("multinews-dev.jsonl");
  const mnProtocol: Protocol = { name: "F, no cut", flags: BASE, measure: "F", words: 250, overflow: false };
  const base = join(shared, "baselines");
  const mnAnchors = new Map(anchorRows("## Multi-News dev").map((a) => [a.system, a.cells]));
  const mnFiles = [
    ["multinews-dev-lead.jsonl", "lead (`baselines/multinews-dev-lead.jsonl`)"],
    ["multinews-dev-lead-each.jsonl", "lead-each (`baselines/multinews-dev-lead-each.jsonl`)"],
    ["multinews-dev-sumy-lexrank.jsonl", "sumy LexRank"],
    ["multinews-dev-npm-lexrank.jsonl", "npm lexrank"],
  ];
  const ext = await Promise.all(mnFiles.map(([f]) => readSummaries(join(base, f))));
  const mnResults = evaluate(mn, ext, { protocol: mnProtocol });
  out.push("### Multi-News dev peer outputs (F, no cut)", "");
  out.push(
    "| output | R-1 ours | R-1 anchor | R-2 ours | R-2 anchor | R-SU4 ours | R-SU4 anchor | R-L ours | R-L anchor |",
    "|---|---|---|---|---|---|---|---|---|",
  );
  mnResults.forEach((r, i) => {
    const a = mnAnchors.get(mnFiles[i][1]) ?? {};
    out.push(
      `| ${mnFiles[i][0]} | ${pct(r.means["ROUGE-1"].mean)} | ${a["R-1"] ?? ""} | ${pct(r.means["ROUGE-2"].mean)} | ${a["R-2"] ?? ""} | ${pct(r.means["ROUGE-SU4"].mean)} | ${a["R-SU4"] ?? ""} | ${pct(r.means["ROUGE-L"].mean)} | ${a["R-L"] ?? ""} |`,
    );
  });
  out.push(
    "",
    "R-1, R-2 and R-SU4 do not depend on how a summary is cut into sentences and agree within 0.03. R-L (summary-level",
    "union LCS) does: we split references with our sentence splitter, the anchors with another, hence ~0.3–0.5 apart.",
    "",
  );
  return out;
}

function cliBatch(): string[] {
  const out = ["### Batch CLI over Multi-News dev (100 clusters, one process, start-up included)", ""];
  const tmp = mkdtempSync(join(tmpdir(), "roundup-bench-"));
  const outFile = join(tmp, "out.jsonl");
  const probe =
    "process.on('exit',()=>process.stderr.write('\\nmaxrss '+process.resourceUsage().maxRSS+'\\n'));process.argv.splice(1,0,'roundup');await import('./src/apps/cli/bin.ts')";
  const times: number[] = [];
  let rss = 0;
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        probe,
        "summarize",
        "--jsonl",
        join(shared, "multinews-dev.jsonl"),
        "--out",
        outFile,
      ],
      { cwd: repo, encoding: "utf8" },
    );
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`batch CLI failed: ${r.stderr}`);
    rss = Math.max(rss, Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? 0));
  }
  const lines = readFileSync(outFile, "utf8").trim().split("\n").length;
  out.push(
    `\`roundup summarize --jsonl multinews-dev.jsonl --out OUT\`: ${lines} roundups; wall time ${(median(times) / 1000).toFixed(2)} s (median of 3), peak RSS ${(rss / 1024).toFixed(0)} MB.`,
    "",
  );
  return out;
}

async function speed(): Promise<string[]> {
  const out = [
    "## Speed",
    "",
    `Machine: ${process.arch}, Node ${process.version}, 2 cores. Times are wall-clock in one long-lived process after a warm-up, start-up excluded unless said.`,
    "",
  ];
  out.push(...cliBatch());
  out.push(
    "### Per cluster, in process",
    "",
    "| set | clusters | median ms | p95 ms | clusters/s |",
    "|---|---|---|---|---|",
  );
  for (const [name, file, words, filter] of [
    ["Multi-News dev", "multinews-dev.jsonl", 250, undefined],
    ["DUC 2006 (25 docs)", "duc2006/test.jsonl", 250, undefined],
    ["DUC 2007 A (~10 docs)", "duc2007-update/test.jsonl", 100, (c: Cluster) => c.id.endsWith("-A")],
  ] as const) {
    const data = await load(file, filter);
    for (const d of data.slice(0, 5)) summarize(d.articles, { words }); // warm-up
    const times: number[] = [];
    const t0 = performance.now();
    for (const d of data) {
      const t = performance.now();
      summarize(d.articles, { words });
      times.push(performance.now() - t);
    }
    const total = performance.now() - t0;
    out.push(
      `| ${name} | ${data.length} | ${median(times).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${((data.length / total) * 1000).toFixed(1)} |`,
    );
  }
  out.push(
    "",
    "### Growth with cluster size",
    "",
    "Synthetic clusters: the documents of the Multi-News dev and DUC 2006 clusters concatenated in file order.",
    "",
  );
  out.push("| articles | sentences | ms (median of 3) | ms per article |", "|---|---|---|---|");
  const pool = [...(await load("multinews-dev.jsonl")), ...(await load("duc2006/test.jsonl"))].flatMap(
    (d) => d.articles,
  );
  for (const n of quick ? [1, 10, 50] : [1, 10, 50, 200, 1000]) {
    const articles = pool.slice(0, n);
    const times: number[] = [];
    let sentences = 0;
    for (let rep = 0; rep < 3; rep++) {
      const t = performance.now();
      const r = summarize(articles, { words: 250 });
      times.push(performance.now() - t);
      sentences = r.sentences.length;
    }
    void sentences;
    const total = articles.reduce((k, a) => k + a.text.split(/[.!?]\s/).length, 0);
    out.push(`| ${n} | ~${total} | ${median(times).toFixed(1)} | ${(median(times) / n).toFixed(2)} |`);
  }
  out.push(
    "",
    `Peak RSS of the bench process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`,
    "",
  );
  return out;
}

if (!existsSync(shared)) {
  process.stderr.write(
    `bench: ${shared} not found: the development sets live in ../shared beside the repository\n`,
  );
  process.exit(1);
}
const started = performance.now();
const sections = [
  "# Benchmark results",
  "",
  `Written by \`npm run bench\` (bench/run.ts). Data: \`../shared/bench\`, read in place.`,
  "",
  ...(await quality()),
  ...(await rescore()),
  ...(await speed()),
];
sections.push(`Benchmark run time: ${((performance.now() - started) / 1000).toFixed(0)} s.`, "");
writeFileSync(join(repo, "bench", "RESULTS.md"), sections.join("\n"));
process.stderr.write(
  `bench: wrote bench/RESULTS.md in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
