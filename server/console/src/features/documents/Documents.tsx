import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { relativeTime } from '../../lib/format';
import { can } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import ui from '../../ui/ui.module.css';
import styles from './Documents.module.css';
import { ACCEPT, type DocumentView, formatSize, percent, statusBadge } from './documents-view';
import { createDocumentsStore, type DocumentsStore } from './useDocuments';

/**
 * The knowledge base page: add files (picker or drag and drop) with a
 * progress bar through upload and indexing, and a table of documents with
 * their status, size and chunk count, to re-index or delete.
 */
export function Documents() {
  const store = useMemo(createDocumentsStore, []);
  const [deleting, setDeleting] = useState<DocumentView | null>(null);
  useEffect(() => {
    void store.load();
  }, [store]);
  const editable = can('documents:write');
  const documents = store.documents.value;
  return (
    <>
      <PageHeader
        title="Documents"
        description="What your assistant answers from. Answers cite these documents."
      />
      <ErrorAlert message={store.error.value} />
      {store.notice.value && (
        <output class={`${ui.notice} ${ui.noticeInfo} ${styles.notice}`}>
          {store.notice.value}
        </output>
      )}
      {editable && <UploadCard store={store} />}
      <Card title="Knowledge base">
        {documents === null ? (
          !store.error.value && <p class={ui.empty}>Loading documents…</p>
        ) : documents.length === 0 ? (
          <p class={ui.empty}>No documents yet. Add your handbook, policies or FAQs above.</p>
        ) : (
          <table class={ui.table}>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Status</th>
                <th scope="col">Passages</th>
                <th scope="col">Size</th>
                <th scope="col">Updated</th>
                {editable && (
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {documents.map((document) => (
                <DocumentRow
                  key={document.id}
                  document={document}
                  editable={editable}
                  busy={store.upload.value.phase !== 'idle'}
                  onReindex={() => void store.reindex(document.id)}
                  onDelete={() => setDeleting(document)}
                />
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Dialog
        title="Delete document?"
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        actions={
          <>
            <Button onClick={() => setDeleting(null)}>Cancel</Button>
            <Button
              variant="danger-solid"
              onClick={async () => {
                const target = deleting;
                setDeleting(null);
                if (target) await store.remove(target.id);
              }}
            >
              Delete
            </Button>
          </>
        }
      >
        <p>
          “{deleting?.title}” and its {deleting?.chunkCount ?? 0} passages will be removed. The
          assistant stops citing it immediately.
        </p>
      </Dialog>
    </>
  );
}

function DocumentRow(props: {
  document: DocumentView;
  editable: boolean;
  busy: boolean;
  onReindex(): void;
  onDelete(): void;
}) {
  const { document } = props;
  const badge = statusBadge(document);
  return (
    <tr>
      <td>
        <div class={styles.title}>{document.title}</div>
        <div class={styles.source}>{document.source}</div>
        {document.error && <div class={styles.failure}>{document.error.message}</div>}
      </td>
      <td>
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </td>
      <td>{document.status === 'ready' ? document.chunkCount : '—'}</td>
      <td>{formatSize(document.bytes)}</td>
      <td title={document.updatedAt}>{relativeTime(document.updatedAt)}</td>
      {props.editable && (
        <td>
          <div class={styles.actions}>
            <Button size="small" disabled={props.busy} onClick={props.onReindex}>
              Re-index
            </Button>
            <Button size="small" variant="danger" onClick={props.onDelete}>
              Delete
            </Button>
          </div>
        </td>
      )}
    </tr>
  );
}

function UploadCard({ store }: { store: DocumentsStore }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const state = store.upload.value;
  const outcome = state.phase === 'idle' ? store.outcome.value : null;
  const busy = state.phase !== 'idle';
  const send = (list: FileList | null | undefined) => {
    if (list && list.length > 0 && !busy) void store.add([...list]);
  };
  return (
    <Card
      title="Add documents"
      description="Markdown, plain text, HTML, PDF or Word (.docx), up to 20 MB each."
    >
      <section
        class={styles.drop}
        aria-label="Drop files here to add them"
        data-over={String(over)}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          send(event.dataTransfer?.files);
        }}
      >
        <p class={styles.hint}>Drop files here, or</p>
        <Button variant="primary" busy={busy} onClick={() => input.current?.click()}>
          Choose files
        </Button>
        <input
          ref={input}
          class={styles.hiddenInput}
          type="file"
          multiple
          accept={ACCEPT}
          aria-label="Choose files to add"
          tabIndex={-1}
          onChange={(event) => {
            const target = event.currentTarget;
            send(target.files);
            target.value = '';
          }}
        />
      </section>
      {state.phase !== 'idle' && (
        <div class={styles.progress}>
          <div class={styles.progressText}>
            <span>
              {state.phase === 'uploading'
                ? 'Uploading…'
                : `Indexing ${state.job ? `${state.job.done} of ${state.job.total}` : ''}…`}
            </span>
            <span>{percent(state.progress)}</span>
          </div>
          <progress max={1} value={state.progress} aria-label="Upload and indexing progress" />
        </div>
      )}
      {outcome && (
        <div class={styles.outcome}>
          <ErrorAlert message={outcome.error} />
          {outcome.failed.length > 0 && (
            <ul class={styles.failedFiles} aria-label="Files that could not be added">
              {outcome.failed.map((file, i) => (
                <li key={`${i}:${file.filename}`}>
                  <span class={styles.title}>{file.filename}</span>
                  <div class={styles.failure}>{file.message}</div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
