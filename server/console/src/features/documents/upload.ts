import { ApiError } from '../../lib/api';
import type { JobView } from './documents-view';

/**
 * Sends files to `POST /api/documents` with XMLHttpRequest: unlike fetch,
 * it reports upload progress, which a large PDF needs for an honest bar.
 */
export function uploadFiles(
  files: File[],
  options: { csrfToken: string | null; onProgress(fraction: number): void },
): Promise<JobView> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    for (const file of files) body.append('files', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/documents');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (options.csrfToken) xhr.setRequestHeader('x-csrf-token', options.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total);
    };
    xhr.onerror = () =>
      reject(
        new ApiError(
          0,
          'NETWORK',
          'The server could not be reached. Check your connection and try again.',
        ),
      );
    xhr.onload = () => {
      let data: { job?: JobView; error?: { code?: string; message?: string } } | null = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status === 202 && data?.job) return resolve(data.job);
      reject(
        new ApiError(
          xhr.status,
          data?.error?.code ?? 'HTTP_ERROR',
          data?.error?.message ?? `The server answered ${xhr.status}.`,
        ),
      );
    };
    xhr.send(body);
  });
}

/**
 * Follows a job's progress stream (`…/jobs/:id/events`); calls `onUpdate`
 * on every change and resolves with the finished job. EventSource
 * reconnects by itself if the connection drops.
 */
export function followJob(jobId: string, onUpdate: (job: JobView) => void): Promise<JobView> {
  return new Promise((resolve, reject) => {
    const source = new EventSource(`/api/documents/jobs/${encodeURIComponent(jobId)}/events`, {
      withCredentials: true,
    });
    let last: JobView | undefined;
    source.addEventListener('progress', (event) => {
      last = JSON.parse((event as MessageEvent<string>).data) as JobView;
      onUpdate(last);
    });
    source.addEventListener('done', (event) => {
      source.close();
      resolve(JSON.parse((event as MessageEvent<string>).data) as JobView);
    });
    source.onerror = () => {
      // A closed stream after the last update is the server ending it; anything else retries.
      if (source.readyState === EventSource.CLOSED) {
        if (last?.status === 'done') resolve(last);
        else
          reject(
            new ApiError(0, 'NETWORK', 'Lost the progress stream; refresh to see the result.'),
          );
      }
    };
  });
}
