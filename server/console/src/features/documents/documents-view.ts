/** A document as `GET /api/documents` returns it. */
export interface DocumentView {
  id: string;
  title: string;
  source: string;
  url: string | null;
  format: string | null;
  bytes: number;
  status: 'queued' | 'processing' | 'ready' | 'failed';
  progress: number;
  chunkCount: number;
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** An ingestion job as the API and its progress stream return it. */
export interface JobView {
  id: string;
  kind: 'upload' | 'reindex';
  status: 'queued' | 'running' | 'done';
  total: number;
  done: number;
  failed: number;
  progress: number;
  items: {
    documentId: string | null;
    filename: string;
    status: 'queued' | 'processing' | 'ready' | 'failed' | 'unchanged';
    progress: number;
    error: { code: string; message: string } | null;
  }[];
  /** Why the job ended before its files did (the server doing it went away), else null. */
  error: { code: string; message: string } | null;
}

/** File types the upload accepts (the server checks contents again). */
export const ACCEPT = '.md,.markdown,.txt,.html,.htm,.pdf,.docx';
/** The server's per-file limit. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** The server's per-request limit. */
export const MAX_FILES = 20;

const extensions = new Set(ACCEPT.split(',').map((e) => e.slice(1)));

/** Files the browser can already tell will be refused, with the reason, before uploading anything. */
export function precheck(files: { name: string; size: number }[]): string | null {
  if (files.length === 0) return 'Choose at least one file.';
  if (files.length > MAX_FILES) return `Upload at most ${MAX_FILES} files at a time.`;
  for (const file of files) {
    const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
    if (!extensions.has(extension)) {
      return `${file.name}: only Markdown, text, HTML, PDF and DOCX files can be added.`;
    }
    if (file.size > MAX_FILE_BYTES) return `${file.name} is larger than 20 MB.`;
  }
  return null;
}

/** Badge text and tone of a document's status. */
export function statusBadge(document: Pick<DocumentView, 'status' | 'progress'>): {
  label: string;
  tone: 'success' | 'warning' | 'danger' | 'info' | 'neutral';
} {
  switch (document.status) {
    case 'ready':
      return { label: 'Ready', tone: 'success' };
    case 'failed':
      return { label: 'Failed', tone: 'danger' };
    case 'processing':
      return { label: `Indexing ${percent(document.progress)}`, tone: 'info' };
    default:
      return { label: 'Queued', tone: 'neutral' };
  }
}

/** A 0…1 fraction as a whole percentage. */
export function percent(fraction: number): string {
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

/** "12 KB", "3.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The upload bar's state: sending bytes counts for the first 30 %, indexing
 * (the job's progress) for the rest, so the bar never goes backwards.
 */
export function overallProgress(phase: 'uploading' | 'indexing', fraction: number): number {
  const clamped = Math.min(1, Math.max(0, fraction));
  return phase === 'uploading' ? clamped * 0.3 : 0.3 + clamped * 0.7;
}

/** One sentence about a finished job, for the toast. */
export function jobSummary(job: Pick<JobView, 'total' | 'failed' | 'items'>): string {
  const unchanged = job.items.filter((i) => i.status === 'unchanged').length;
  const added = job.total - job.failed - unchanged;
  const parts = [`${added} ${added === 1 ? 'file' : 'files'} indexed`];
  if (unchanged) parts.push(`${unchanged} unchanged`);
  if (job.failed) parts.push(`${job.failed} failed`);
  return `${parts.join(', ')}.`;
}

/** What the console says, in plain words, about a job that ended early, by its code. */
const JOB_ERRORS: Record<string, string> = {
  PARLEY_INGEST_INTERRUPTED:
    'Indexing stopped before every file was done because the server was restarted or went away; add the files that did not finish again.',
};

/** A readable sentence about why a job ended before its files did, or null if it did not. */
export function jobError(job: Pick<JobView, 'error'>): string | null {
  if (!job.error) return null;
  return (
    JOB_ERRORS[job.error.code] ??
    job.error.message ??
    'Indexing stopped before every file was done; try again.'
  );
}

/** The files of a job that failed, each with the server's reason. */
export function failedFiles(job: Pick<JobView, 'items'>): { filename: string; message: string }[] {
  return job.items
    .filter((item) => item.status === 'failed')
    .map((item) => ({
      filename: item.filename,
      message: item.error?.message ?? 'This file could not be indexed.',
    }));
}

/** What an upload's finished job leaves on screen besides the summary: why it stopped, and the files that failed. */
export interface JobOutcome {
  error: string | null;
  failed: { filename: string; message: string }[];
}

/** The {@link JobOutcome} of a finished job, or null when nothing went wrong. */
export function jobOutcome(job: Pick<JobView, 'error' | 'items'>): JobOutcome | null {
  const outcome = { error: jobError(job), failed: failedFiles(job) };
  return outcome.error || outcome.failed.length ? outcome : null;
}
