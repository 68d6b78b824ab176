import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  failedFiles,
  formatSize,
  jobError,
  jobOutcome,
  jobSummary,
  MAX_FILE_BYTES,
  overallProgress,
  percent,
  precheck,
  statusBadge,
} from '../../../../console/src/features/documents/documents-view';

test('precheck refuses what the server would refuse, before any bytes are sent', () => {
  assert.equal(precheck([]), 'Choose at least one file.');
  assert.equal(
    precheck([
      { name: 'a.md', size: 10 },
      { name: 'B.PDF', size: MAX_FILE_BYTES },
    ]),
    null,
  );
  assert.match(precheck([{ name: 'logo.png', size: 10 }])!, /logo\.png: only Markdown/);
  assert.match(precheck([{ name: 'noext', size: 10 }])!, /only Markdown/);
  assert.match(precheck([{ name: 'big.pdf', size: MAX_FILE_BYTES + 1 }])!, /larger than 20 MB/);
  assert.match(
    precheck(Array.from({ length: 21 }, (_, i) => ({ name: `${i}.md`, size: 1 })))!,
    /at most 20/,
  );
});

test('status badges and sizes read well', () => {
  assert.deepEqual(statusBadge({ status: 'ready', progress: 1 }), {
    label: 'Ready',
    tone: 'success',
  });
  assert.deepEqual(statusBadge({ status: 'processing', progress: 0.426 }), {
    label: 'Indexing 43%',
    tone: 'info',
  });
  assert.deepEqual(statusBadge({ status: 'failed', progress: 0 }), {
    label: 'Failed',
    tone: 'danger',
  });
  assert.deepEqual(statusBadge({ status: 'queued', progress: 0 }), {
    label: 'Queued',
    tone: 'neutral',
  });
  assert.equal(percent(1.7), '100%');
  assert.equal(formatSize(512), '512 B');
  assert.equal(formatSize(12_345), '12 KB');
  assert.equal(formatSize(3_500_000), '3.3 MB');
});

test('the progress bar moves forward through upload then indexing', () => {
  const steps = [
    overallProgress('uploading', 0),
    overallProgress('uploading', 0.5),
    overallProgress('uploading', 1),
    overallProgress('indexing', 0),
    overallProgress('indexing', 0.5),
    overallProgress('indexing', 1),
  ];
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i]! >= steps[i - 1]!);
  assert.equal(steps[0], 0);
  assert.equal(steps.at(-1), 1);
});

test('a finished job is summarised in one sentence', () => {
  const item = (status: 'ready' | 'failed' | 'unchanged') => ({
    documentId: null,
    filename: 'f',
    status,
    progress: 1,
    error: null,
  });
  assert.equal(jobSummary({ total: 1, failed: 0, items: [item('ready')] }), '1 file indexed.');
  assert.equal(
    jobSummary({
      total: 4,
      failed: 1,
      items: [item('ready'), item('ready'), item('unchanged'), item('failed')],
    }),
    '2 files indexed, 1 unchanged, 1 failed.',
  );
});

test('a job that ended early says why in plain words, and lists the files that failed', () => {
  const interrupted = {
    code: 'PARLEY_INGEST_INTERRUPTED',
    message: 'Indexing stopped because the server doing it went away; upload the file again.',
  };
  const job = {
    error: interrupted,
    items: [
      { documentId: 'd1', filename: 'a.md', status: 'ready' as const, progress: 1, error: null },
      {
        documentId: 'd2',
        filename: 'b.pdf',
        status: 'failed' as const,
        progress: 1,
        error: interrupted,
      },
    ],
  };
  const sentence = jobError(job)!;
  assert.match(sentence, /server was restarted or went away/);
  assert.doesNotMatch(sentence, /PARLEY_/, 'never the raw code');
  assert.deepEqual(failedFiles(job), [{ filename: 'b.pdf', message: interrupted.message }]);
  assert.deepEqual(jobOutcome(job), { error: sentence, failed: failedFiles(job) });

  // A code the console has no words of its own for: the server's message.
  assert.equal(jobError({ error: { code: 'PARLEY_LATER', message: 'Stopped.' } }), 'Stopped.');
  assert.equal(jobError({ error: null }), null);
  // A job that went well leaves nothing on screen besides its summary.
  assert.equal(jobOutcome({ error: null, items: [job.items[0]!] }), null);
  // A failed new version of a ready document is only on its job's item: it is listed.
  assert.deepEqual(
    jobOutcome({
      error: null,
      items: [
        {
          documentId: 'd3',
          filename: 'policy.pdf',
          status: 'failed',
          progress: 1,
          error: {
            code: 'PARLEY_DOCUMENT_CORRUPT',
            message: 'The file could not be read; it may be damaged.',
          },
        },
      ],
    }),
    {
      error: null,
      failed: [
        { filename: 'policy.pdf', message: 'The file could not be read; it may be damaged.' },
      ],
    },
  );
});
