import cliProgress from "cli-progress";

/** Progress for long work: a bar on a terminal, a plain line every 10 % otherwise (logs stay readable). */
export interface Progress {
  tick(): void;
  stop(): void;
}

export function createProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta}s`, stream, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { tick: () => bar.increment(), stop: () => bar.stop() };
  }
  let done = 0;
  let lastReported = 0;
  return {
    tick() {
      done++;
      const step = Math.max(1, Math.ceil(total / 10));
      if (done - lastReported >= step || done === total) {
        lastReported = done;
        stream.write(`${label}: ${done}/${total}\n`);
      }
    },
    stop() {},
  };
}
