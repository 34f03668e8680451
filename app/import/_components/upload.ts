import type { ImportResult } from '@/lib/csv/import-types';

// Send a file to the import API with XMLHttpRequest, which reports upload progress (fetch does not). The server
// reads the body as it arrives, so the upload progress is also the progress of the import.

export type ImportReply = { ok: true; status: number; result: ImportResult } | { ok: false; status: number; message: string };

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
      const body = xhr.response as (ImportResult & { error?: { message: string } }) | null;
      if (body && !body.error && (xhr.status === 200 || xhr.status === 422)) resolve({ ok: true, status: xhr.status, result: body });
      else resolve({ ok: false, status: xhr.status, message: body?.error?.message ?? `HTTP ${xhr.status}` });
    };
    xhr.send(file);
  });
}
