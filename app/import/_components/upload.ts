import type { ImportJob, ImportResult } from '@/lib/csv/import-types';

// Send a file to the import API with XMLHttpRequest, which reports upload progress (fetch does not). The server
// writes the upload to a file as it arrives, then imports it: a short import answers with its summary (200, or
// 422), a longer one with a job to follow (202; docs/decisions/031-import-jobs.md).

export type ImportReply =
  | { ok: true; status: 200 | 422; result: ImportResult }
  | { ok: true; status: 202; job: ImportJob }
  | { ok: false; status: number; message: string };

export function uploadCsv(url: string, file: File, onProgress: (fraction: number | null) => void): Promise<ImportReply> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress(event.lengthComputable ? event.loaded / event.total : null);
    xhr.upload.onload = () => onProgress(null);
    xhr.onerror = () => resolve({ ok: false, status: 0, message: '' });
    xhr.onload = () => {
      const body = xhr.response as (ImportResult & ImportJob & { error?: { message: string } }) | null;
      if (body && xhr.status === 202) resolve({ ok: true, status: 202, job: body });
      else if (body && !body.error && (xhr.status === 200 || xhr.status === 422)) resolve({ ok: true, status: xhr.status, result: body });
      else resolve({ ok: false, status: xhr.status, message: body?.error?.message ?? `HTTP ${xhr.status}` });
    };
    xhr.send(file);
  });
}

export const jobUrl = (id: string) => `/api/v1/import-jobs/${encodeURIComponent(id)}`;

export type JobReply = { ok: true; job: ImportJob } | { ok: false; status: number; message: string };

/** GET (or DELETE: cancel) an import job. */
export async function callJob(id: string, method: 'GET' | 'DELETE' = 'GET'): Promise<JobReply> {
  try {
    const response = await fetch(jobUrl(id), { method, cache: 'no-store' });
    const body = (await response.json().catch(() => null)) as (ImportJob & { error?: { message: string } }) | null;
    if (body && (response.status === 200 || response.status === 202)) return { ok: true, job: body };
    const message = body?.error && 'message' in body.error ? body.error.message : `HTTP ${response.status}`;
    return { ok: false, status: response.status, message };
  } catch {
    return { ok: false, status: 0, message: '' };
  }
}
