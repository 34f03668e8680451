// What a CSV benchmark contender reports: wall and CPU time of the measured part, rows, bytes; the child
// process running it adds its peak RSS.

export interface Measured {
  rows: number;
  /** Wall time of the measured part. */
  ms: number;
  /** CPU time (user + system) of the measured part: steadier than wall time on a busy machine. */
  cpuMs: number;
  bytes?: number;
  /** Anything else the contender reports (the batch id of an import, the edits sent during it, …). */
  detail?: Record<string, number | string | number[]>;
}

/** Start a clock; calling the result gives wall and CPU milliseconds since. */
export function clock(): () => { ms: number; cpuMs: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
}

/** In a child process: run the contender named on the command line and print its figures as the last line. */
export function runChild(contenders: Record<string, (db: string, file: string) => Promise<Measured>>): void {
  const [name, db, file] = process.argv.slice(2);
  // Peak RSS from here on: what the process needed before the contender started counts too (it is the process).
  const contender = contenders[name];
  if (!contender) throw new Error(`unknown contender ${name}`);
  contender(db, file).then(
    (measured) => process.stdout.write(`\n${JSON.stringify({ ...measured, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
