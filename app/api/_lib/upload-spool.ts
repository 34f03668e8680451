import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tooLarge } from '@/lib/csv/decode';
import type { SpooledFile } from '@/db/import-job-runner';

// An upload written to a temporary file as it arrives (never held in memory), counted against the upload limit:
// the request is read to its end at the speed of the network, and the import then reads the file at its own pace,
// in the request or in a job after it (docs/decisions/031-import-jobs.md).

const DAY_MS = 24 * 3600 * 1000;

/** Where uploads wait for their import: TMPDIR/atlas-imports (a job deletes its file when it ends). */
export const spoolDir = (): string => path.join(os.tmpdir(), 'atlas-imports');

/** Files left behind by a process that died are deleted a day later, when another upload arrives. */
function sweep(dir: string): void {
  fs.readdir(dir, (error, names) => {
    if (error) return;
    for (const name of names) {
      const file = path.join(dir, name);
      fs.stat(file, (statError, stat) => {
        if (!statError && Date.now() - stat.mtimeMs > DAY_MS) fs.rm(file, { force: true }, () => undefined);
      });
    }
  });
}

export async function spoolUpload(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<SpooledFile> {
  const dir = spoolDir();
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  sweep(dir);
  const file = path.join(dir, `upload-${randomBytes(12).toString('hex')}.csv`);
  const handle = await fs.promises.open(file, 'wx', 0o600);
  const reader = stream.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) throw tooLarge(maxBytes);
      for (let at = 0; at < value.byteLength; ) at += (await handle.write(value, at)).bytesWritten;
    }
    await handle.close();
    return { path: file, bytes };
  } catch (error) {
    reader.cancel().catch(() => undefined);
    await handle.close().catch(() => undefined);
    await fs.promises.rm(file, { force: true });
    throw error;
  }
}
