import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../lib/api';
import { can } from '../../stores/session';
import { notify } from '../../stores/toasts';
import { Button } from '../../ui/Button';
import { Card, ui } from '../../ui/Card';
import { loadHistory, type RevisionSummary, restoreRevision } from './theme-api';
import type { ThemeStore } from './theme-store';

/** Props of {@link VersionsCard}. */
export interface VersionsCardProps {
  store: ThemeStore;
  /** Called after a restore so the page reloads the theme. */
  onRestored: () => void;
}

/** The last saved versions of the theme, each restorable (a restore is itself a new version). */
export function VersionsCard({ store, onRestored }: VersionsCardProps) {
  const [versions, setVersions] = useState<RevisionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revision = store.saved.value?.revision;
  useEffect(() => {
    loadHistory().then(setVersions, (failure) => setError(errorMessage(failure)));
  }, [revision]);
  const restore = async (from: number) => {
    try {
      await restoreRevision(from, revision ?? 0);
      notify(`Version ${from} restored`);
      onRestored();
    } catch (failure) {
      notify(errorMessage(failure), 'error');
    }
  };
  return (
    <Card
      title="Versions"
      description="Every save is kept. Restoring saves the old version again as the newest."
    >
      {error && <div class={ui.alert}>{error}</div>}
      {versions?.length === 0 && (
        <p class={ui.empty}>No saved versions yet: the neutral preset is in use.</p>
      )}
      {versions && versions.length > 0 && (
        <table class={ui.table}>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.revision}>
                <td>
                  {v.revision}
                  {v.name ? ` · ${v.name}` : ''}
                  {v.restoredFrom ? ` (restored ${v.restoredFrom})` : ''}
                </td>
                <td>{new Date(v.createdAt).toLocaleString()}</td>
                <td>{v.author.label}</td>
                <td>
                  {v.revision !== revision && can('theme:write') && (
                    <Button size="small" onClick={() => restore(v.revision)}>
                      Restore
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
