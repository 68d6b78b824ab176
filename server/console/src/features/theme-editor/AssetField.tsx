import { useId, useState } from 'preact/hooks';
import { errorMessage } from '../../lib/api';
import { Button } from '../../ui/Button';
import styles from './ThemeEditor.module.css';
import { uploadAsset } from './theme-api';
import type { SettingPath } from './theme-edits';
import type { ThemeStore } from './theme-store';

/** Props of {@link AssetField}. */
export interface AssetFieldProps {
  store: ThemeStore;
  label: string;
  path: Extract<SettingPath, 'brand.logoUrl' | 'brand.avatarUrl'>;
  value: string | null;
}

/** Uploads a logo or avatar (PNG, JPEG, WebP or SVG, up to 1 MB) and puts its address in the theme. */
export function AssetField({ store, label, path, value }: AssetFieldProps) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  return (
    <div class={styles.assetField}>
      <label class={styles.colorLabel} for={id}>
        {label}
      </label>
      <div class={styles.colorRow}>
        {value && (
          <img class={styles.assetPreview} src={value} alt={`Current ${label.toLowerCase()}`} />
        )}
        <input
          id={id}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/svg+xml"
          disabled={busy}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={async (event) => {
            const file = event.currentTarget.files?.[0];
            if (!file) return;
            setBusy(true);
            setError(null);
            setNote(null);
            try {
              const asset = await uploadAsset(file);
              store.setSetting(path, asset.path);
              if (asset.sanitised)
                setNote('Unsafe parts of the SVG (scripts, external links) were removed.');
            } catch (failure) {
              setError(errorMessage(failure));
            } finally {
              setBusy(false);
            }
          }}
        />
        {value && (
          <Button size="small" variant="ghost" onClick={() => store.setSetting(path, null)}>
            Remove
          </Button>
        )}
      </div>
      {note && <div class={styles.hint}>{note}</div>}
      {error && (
        <div class={styles.error} id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
