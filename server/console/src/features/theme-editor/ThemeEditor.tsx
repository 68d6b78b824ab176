import { listPresets } from '@parley/theme-kit';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { can } from '../../stores/session';
import { notify } from '../../stores/toasts';
import { Button } from '../../ui/Button';
import { PageHeader, ui } from '../../ui/Card';
import { CopyButton } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { inputClass } from '../../ui/Field';
import { ContrastWarning } from './ColorField';
import { PreviewPane } from './PreviewPane';
import { ThemeControls } from './ThemeControls';
import styles from './ThemeEditor.module.css';
import { createThemeStore, type ThemeStore } from './theme-store';
import { useUndoShortcuts } from './useUndoShortcuts';
import { VersionsCard } from './VersionsCard';

/** Props of {@link ThemeEditor} (a store can be passed in for tests). */
export interface ThemeEditorProps {
  store?: ThemeStore;
}

/**
 * The theme editor: grouped controls beside the real widget in live
 * preview frames, contrast warnings with fixes, undo/redo, presets,
 * JSON import/export, "copy CSS" and save (with a warning first when the
 * theme fails WCAG AA somewhere).
 */
export function ThemeEditor({ store: given }: ThemeEditorProps) {
  const store = useMemo(() => given ?? createThemeStore(), [given]);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    void store.load();
  }, [store, reloads]);
  useUndoShortcuts(store);
  const theme = store.draft.value;
  return (
    <>
      <PageHeader
        title="Theme"
        description="Your brand on the widget. Changes show in the preview at once and reach your pages after you save."
      />
      <ErrorAlert message={store.loadError.value} />
      {theme && (
        <>
          <Toolbar store={store} />
          <ContrastSummary store={store} />
          <div class={styles.layout}>
            <fieldset class={styles.editorFields} disabled={!can('theme:write')}>
              <legend class="visually-hidden">Theme settings</legend>
              <ThemeControls store={store} />
            </fieldset>
            <PreviewPane store={store} />
          </div>
          <VersionsCard store={store} onRestored={() => setReloads(reloads + 1)} />
        </>
      )}
    </>
  );
}

function Toolbar({ store }: { store: ThemeStore }) {
  const [preset, setPreset] = useState<string>(store.draft.value?.preset ?? 'neutral');
  const [confirming, setConfirming] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const save = async () => {
    setConfirming(false);
    await store.save();
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([store.exportJson()], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'parley-theme.json';
    link.click();
    URL.revokeObjectURL(url);
  };
  const editable = can('theme:write');
  return (
    <div class={styles.toolbar} role="toolbar" aria-label="Theme actions">
      <label class={styles.inline}>
        <span>Preset</span>
        <select
          class={inputClass}
          value={preset}
          onChange={(event) => setPreset(event.currentTarget.value)}
        >
          {listPresets().map((p) => (
            <option key={p.id} value={p.id} title={p.description}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <Button size="small" disabled={!editable} onClick={() => store.applyPreset(preset)}>
        Apply preset
      </Button>
      <Button size="small" disabled={!editable} onClick={() => store.resetToPreset()}>
        Reset to preset
      </Button>
      <span class={styles.separator} />
      <Button
        size="small"
        disabled={!store.canUndo.value}
        onClick={() => store.undo()}
        aria-keyshortcuts="Control+Z"
      >
        Undo
      </Button>
      <Button
        size="small"
        disabled={!store.canRedo.value}
        onClick={() => store.redo()}
        aria-keyshortcuts="Control+Shift+Z"
      >
        Redo
      </Button>
      <span class={styles.separator} />
      <CopyButton text={store.cssText.value} label="Copy CSS" onCopy={() => notify('CSS copied')} />
      <Button size="small" onClick={download}>
        Export JSON
      </Button>
      <Button size="small" disabled={!editable} onClick={() => fileInput.current?.click()}>
        Import JSON
      </Button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={async (event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file && store.importJson(await file.text()))
            notify('Theme imported: review it, then save');
        }}
      />
      <span class={styles.spacer} />
      {store.dirty.value && <span class={styles.unsaved}>Unsaved changes</span>}
      {editable && (
        <Button
          variant="primary"
          busy={store.saving.value}
          disabled={!store.dirty.value}
          onClick={() => (store.failing.value.length ? setConfirming(true) : save())}
        >
          Save theme
        </Button>
      )}
      <Dialog
        title="Save with contrast problems?"
        open={confirming}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button onClick={() => setConfirming(false)}>Keep editing</Button>
            <Button variant="primary" onClick={save}>
              Save anyway
            </Button>
          </>
        }
      >
        <p>
          {store.failing.value.length} colour pair{store.failing.value.length === 1 ? '' : 's'} fall
          short of WCAG 2.1 AA, so some visitors will struggle to read the widget. The warnings
          beside each colour suggest the nearest shade that passes.
        </p>
      </Dialog>
      {store.importErrors.value.length > 0 && (
        <div class={ui.alert} role="alert">
          The file is not a valid theme:{' '}
          {store.importErrors.value.map((e) => `${e.path || 'file'} ${e.message}`).join('; ')}
        </div>
      )}
    </div>
  );
}

/** A live count of failing contrast pairs, each with its fix. */
function ContrastSummary({ store }: { store: ThemeStore }) {
  const failing = store.failing.value;
  return (
    <div
      class={failing.length ? styles.contrastBad : styles.contrastGood}
      role="status"
      aria-live="polite"
    >
      {failing.length === 0 ? (
        'Every colour pair passes WCAG 2.1 AA in light and dark mode.'
      ) : (
        <details>
          <summary>
            {failing.length} contrast problem{failing.length === 1 ? '' : 's'} (WCAG 2.1 AA)
          </summary>
          {failing.map((check) => (
            <ContrastWarning
              key={`${check.mode}:${check.foreground}/${check.background}`}
              check={check}
              store={store}
            />
          ))}
        </details>
      )}
    </div>
  );
}
