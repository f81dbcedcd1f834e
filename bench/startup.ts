// `npm run bench:startup [-- --runs 10] [--json FILE] [--before FILE]`: start-up time and memory of the
// `roundup` command as a user runs it (`node bin/roundup.js …`, whole processes), written to
// bench/STARTUP.md and to its section of bench/RESULTS.md (the other sections are kept as they are).
// `--json FILE` keeps the figures, which `--before FILE` shows beside this run's (to compare commits);
// `--no-write` only prints. It runs `npm run build` first (`--no-build`: not), and says so if dist/ went
// stale while it ran (then bin/roundup.js ran the sources for some of the runs).
//
// Rows: `--help`; `summarize` of the example folder; `stories` on an existing store; `ingest` of the
// example's four articles into a new store; `serve` idle (resident memory once it listens and has
// settled); `summarize` of 1,000 copies of one topic (the example's articles republished 250 times each
// under other outlet names, each copy with one sentence of its own: near-copies, not exact ones; made
// here from our fictional example, nothing read from ../shared). Each process runs under /usr/bin/time
// for its CPU time and peak RSS (wall time is measured here); the median of the runs is reported.
// Benchmark figures, not a timed test: the machine is shared, so load average is recorded beside them.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtIsFresh } from "../bin/built.js";
import { readArticles } from "../src/ingest/index.ts";
import { mergeIntoResults } from "./carried.ts";

const repo = fileURLToPath(new URL("../", import.meta.url));
const BIN = join(repo, "bin", "roundup.js");
const EXAMPLE = join(repo, "examples", "harlow-bay-ferry");
const TIME = "/usr/bin/time";
const COPIES = 1_000;

interface Run {
  wallMs: number;
  cpuMs?: number;
  peakMb?: number;
}
/** One row: the median of its runs (each figure's median taken on its own). */
interface Row {
  key: string;
  measure: string;
  target: string;
  runs: number;
  wallMs: number;
  cpuMs?: number;
  peakMb?: number;
  /** serve only: resident memory once idle. */
  idleMb?: number;
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `node bin/roundup.js ...args` once (under /usr/bin/time when present); fails on a non-zero exit. */
function roundup(args: string[]): Promise<Run> {
  const timed = existsSync(TIME);
  const timeFile = join(scratch, `time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const [cmd, argv] = timed
    ? [TIME, ["-o", timeFile, "-f", "%U %S %M", process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: repo, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`roundup ${args.join(" ")}: exit ${code}\n${stderr}`));
      if (!timed) return resolve({ wallMs });
      const [user, sys, kb] = readFileSync(timeFile, "utf8")
        .trim()
        .split("\n")
        .at(-1)!
        .split(" ")
        .map(Number);
      rmSync(timeFile, { force: true });
      resolve({ wallMs, cpuMs: (user + sys) * 1000, peakMb: kb / 1024 });
    });
  });
}

async function repeat(runs: number, once: (i: number) => Promise<Run>): Promise<Run[]> {
  const out: Run[] = [];
  for (let i = 0; i < runs; i++) out.push(await once(i));
  return out;
}

function row(key: string, measure: string, target: string, runs: Run[]): Row {
  const pick = (f: (r: Run) => number | undefined) => {
    const xs = runs.map(f).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : undefined;
  };
  return {
    key,
    measure,
    target,
    runs: runs.length,
    wallMs: pick((r) => r.wallMs)!,
    cpuMs: pick((r) => r.cpuMs),
    peakMb: pick((r) => r.peakMb),
  };
}

/** Resident memory of `roundup serve` once it listens and has been idle for `settleMs`. */
function serveIdle(dataDir: string, settleMs: number): Promise<Run & { idleMb: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--data", dataDir], {
      cwd: repo,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let listening = false;
    child.on("error", reject);
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
      if (listening || !/serving http/.test(stderr)) return;
      listening = true;
      const wallMs = performance.now() - started;
      setTimeout(() => {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
        child.once("exit", () => resolve({ wallMs, idleMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 }));
        child.kill("SIGTERM");
      }, settleMs);
    });
    child.on("exit", (code) => {
      if (!listening) reject(new Error(`roundup serve exited (${code}) before listening\n${stderr}`));
    });
  });
}

/** The example's articles republished `copies` times under other names, each copy with a line of its own. */
async function copiesCluster(file: string, copies: number): Promise<void> {
  const { articles } = await readArticles([EXAMPLE]);
  const documents = Array.from({ length: copies }, (_, k) => {
    const a = articles[k % articles.length];
    return {
      text: `${a.text}\n\nCopy ${k + 1} of this report ran on page ${(k % 40) + 2} of the Outlet ${k + 1} evening edition.`,
      ...(a.title ? { title: a.title } : {}),
      source: `Outlet ${k + 1}`,
    };
  });
  writeFileSync(file, JSON.stringify({ id: "copies", documents }));
}

const scratch = mkdtempSync(join(tmpdir(), "roundup-startup-"));

async function measure(runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  const step = (s: string) => process.stderr.write(`bench:startup: ${s}\n`);
  step("--help");
  rows.push(
    row(
      "help",
      "`roundup --help` (whole process)",
      "≤ 0.25 s",
      await repeat(runs, () => roundup(["--help"])),
    ),
  );
  step("summarize");
  rows.push(
    row(
      "summarize",
      "`roundup summarize examples/harlow-bay-ferry`",
      "≤ 0.5 s",
      await repeat(runs, () => roundup(["summarize", EXAMPLE])),
    ),
  );
  step("ingest");
  const heavy = Math.max(3, Math.ceil(runs / 3));
  rows.push(
    row(
      "ingest",
      "`roundup ingest` of the 4 example articles into a new store",
      "≤ 3 s, ≤ 300 MB",
      await repeat(heavy, (i) => roundup(["ingest", EXAMPLE, "--data", join(scratch, `new-${i}`)])),
    ),
  );
  const existing = join(scratch, "new-0");
  step("stories");
  rows.push(
    row(
      "stories",
      "`roundup stories` on an existing store",
      "≤ 1 s",
      await repeat(runs, () => roundup(["stories", "--data", existing])),
    ),
  );
  step("serve");
  const serves = await repeat(heavy, () => serveIdle(existing, 3_000));
  rows.push({
    ...row("serve", "`roundup serve` idle (resident memory)", "≤ 250 MB", serves),
    idleMb: median(serves.map((s) => (s as Run & { idleMb: number }).idleMb)),
  });
  step(`summarize ${COPIES} copies`);
  const copies = join(scratch, "copies.json");
  await copiesCluster(copies, COPIES);
  // A quarter as many, to show how the time grows.
  const quarter = join(scratch, "copies-quarter.json");
  await copiesCluster(quarter, COPIES / 4);
  rows.push(
    row(
      "copies-quarter",
      `\`roundup summarize\`, ${(COPIES / 4).toLocaleString("en")} copies (growth)`,
      "–",
      await repeat(heavy, () => roundup(["summarize", quarter])),
    ),
  );
  rows.push(
    row(
      "copies",
      `\`roundup summarize\`, ${COPIES.toLocaleString("en")} copies of one topic`,
      "≤ 2 s, linear",
      await repeat(heavy, () => roundup(["summarize", copies])),
    ),
  );
  return rows;
}

const s = (ms: number | undefined) => (ms === undefined ? "–" : `${(ms / 1000).toFixed(2)} s`);
const mb = (x: number | undefined) => (x === undefined ? "–" : `${Math.round(x)} MB`);

/** The main figure of a row, as the issue's table gives it. */
function headline(r: Row | undefined): string {
  if (!r) return "–";
  if (r.key === "serve") return mb(r.idleMb);
  if (r.key === "ingest") return `${s(r.wallMs)}, ${mb(r.peakMb)} peak`;
  return s(r.wallMs);
}

/** What `--json` writes and `--before` reads. */
interface Figures {
  load: number[];
  rows: Row[];
}

function report(rows: Row[], before: Figures | undefined, load: number[], builtNote: string): string {
  const prior = (key: string) => before?.rows.find((r) => r.key === key);
  const beforeCell = (r: Row | undefined) =>
    r ? `${headline(r)}${r.cpuMs === undefined ? "" : ` (CPU ${s(r.cpuMs)})`}` : "–";
  const lines = rows.map(
    (r) =>
      `| ${r.measure} | ${before ? `${beforeCell(prior(r.key))} | ` : ""}**${headline(r)}** | ${r.target} | ${s(r.cpuMs)} | ${mb(r.peakMb)} | ${r.runs} |`,
  );
  const beforeNote = before
    ? ` "Before" is the same benchmark on the checkout before this work (TypeScript through tsx), load average then ${before.load.map((x) => x.toFixed(1)).join(" / ")}: compare CPU times rather than wall times.`
    : "";
  return `# Start-up and footprint (\`npm run bench:startup\`)

\`node bin/roundup.js …\` as a user runs it, whole processes, ${builtNote}. Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}); load average at start ${load.map((x) => x.toFixed(1)).join(" / ")} (the machine is shared: wall times are inflated by other jobs, CPU times less so). Median of the runs; CPU is user + system time of the process, peak is its maximum resident set (/usr/bin/time). \`serve\` idle: resident memory 3 s after it listens on an existing store (one summary worker, the default on 2 cores). The 1,000 copies: the example's four articles republished 250 times each under other outlet names, each copy with one sentence of its own.${beforeNote}

| measure | ${before ? "before | " : ""}now | target | CPU | peak RSS | runs |
|---|${before ? "---:|" : ""}---:|---|---:|---:|---:|
${lines.join("\n")}
`;
}

try {
  const runs = Number(argValue("--runs") ?? 10);
  if (!process.argv.includes("--no-build")) {
    const build = spawnSync(process.execPath, [join(repo, "scripts", "build.mjs")], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  const load = loadavg();
  const freshBefore = builtIsFresh();
  const rows = await measure(runs);
  const freshAfter = builtIsFresh();
  const built = freshBefore
    ? freshAfter
      ? "compiled JavaScript from dist/"
      : "compiled JavaScript from dist/ until a source changed during the run (later runs: TypeScript through tsx)"
    : "TypeScript through tsx (no fresh dist/)";
  const jsonOut = argValue("--json");
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ load, rows } satisfies Figures, null, 2)}\n`);
  const beforeFile = argValue("--before");
  const before = beforeFile ? (JSON.parse(readFileSync(beforeFile, "utf8")) as Figures) : undefined;
  const md = report(rows, before, load, built);
  if (!process.argv.includes("--no-write")) {
    writeFileSync(join(repo, "bench", "STARTUP.md"), md);
    mergeIntoResults(repo, "STARTUP.md", "npm run bench:startup", md, true);
  }
  process.stdout.write(md);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
