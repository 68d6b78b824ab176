import { signal } from '@preact/signals';
import { errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
import { csrfToken } from '../../stores/session-state';
import {
  type DocumentView,
  type JobOutcome,
  type JobView,
  jobOutcome,
  jobSummary,
  overallProgress,
  precheck,
} from './documents-view';
import { followJob, uploadFiles } from './upload';

/** Where an upload is: idle, sending bytes, or waiting for indexing. */
export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading' | 'indexing'; progress: number; job: JobView | null };

/** The documents store: the list, the current upload and the last message. */
export function createDocumentsStore() {
  const documents = signal<DocumentView[] | null>(null);
  const error = signal<string | null>(null);
  const notice = signal<string | null>(null);
  const upload = signal<UploadState>({ phase: 'idle' });
  /** Why the last job stopped early and which of its files failed, until the next one starts. */
  const outcome = signal<JobOutcome | null>(null);

  const load = async () => {
    try {
      documents.value = (await api<{ items: DocumentView[] }>('GET', '/api/documents')).items;
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    }
  };

  const watch = async (job: JobView) => {
    outcome.value = null;
    upload.value = { phase: 'indexing', progress: overallProgress('indexing', job.progress), job };
    const finished = await followJob(job.id, (update) => {
      upload.value = {
        phase: 'indexing',
        progress: overallProgress('indexing', update.progress),
        job: update,
      };
      void load();
    });
    notice.value = jobSummary(finished);
    outcome.value = jobOutcome(finished);
    return finished;
  };

  return {
    documents,
    error,
    notice,
    upload,
    outcome,
    load,
    /** Uploads files and follows their indexing to the end. */
    async add(files: File[]) {
      const problem = precheck(files);
      if (problem) {
        error.value = problem;
        return;
      }
      error.value = null;
      notice.value = null;
      outcome.value = null;
      upload.value = { phase: 'uploading', progress: 0, job: null };
      try {
        const job = await uploadFiles(files, {
          csrfToken: csrfToken.value,
          onProgress: (fraction) => {
            upload.value = {
              phase: 'uploading',
              progress: overallProgress('uploading', fraction),
              job: null,
            };
          },
        });
        await watch(job);
      } catch (e) {
        error.value = errorMessage(e);
      } finally {
        upload.value = { phase: 'idle' };
        await load();
      }
    },
    /** Deletes a document and its vectors. */
    async remove(id: string) {
      try {
        await api('DELETE', `/api/documents/${encodeURIComponent(id)}`);
        documents.value = (documents.value ?? []).filter((d) => d.id !== id);
        error.value = null;
      } catch (e) {
        error.value = errorMessage(e);
      }
    },
    /** Re-indexes a document from its stored original. */
    async reindex(id: string) {
      try {
        const { job } = await api<{ job: JobView }>(
          'POST',
          `/api/documents/${encodeURIComponent(id)}/reindex`,
        );
        await watch(job);
      } catch (e) {
        error.value = errorMessage(e);
      } finally {
        upload.value = { phase: 'idle' };
        await load();
      }
    },
  };
}

/** The documents store's type. */
export type DocumentsStore = ReturnType<typeof createDocumentsStore>;
