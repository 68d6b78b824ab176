import {
  type ColorMode,
  checkContrast,
  exportTheme,
  importTheme,
  type Theme,
  type ThemeFieldError,
  themeToCssText,
  themeToTokens,
} from '@parley/theme-kit';
import { computed, signal } from '@preact/signals';
import { ApiError, errorMessage } from '../../lib/api';
import { notify } from '../../stores/toasts';
import { createHistory, type History, record, redo, undo } from './history';
import { loadTheme, type SavedTheme, saveTheme } from './theme-api';
import {
  applyPreset,
  type SettingPath,
  sameTheme,
  type TokenScope,
  withSetting,
  withToken,
} from './theme-edits';

/** The three preview frames. */
export type PreviewFrame = 'bubble' | 'inline' | 'mobile';

/**
 * The editor's state: the draft theme with undo/redo, the saved revision,
 * and what derives from the draft (tokens, contrast checks, CSS). The draft
 * is always a valid theme: controls commit only values they parsed.
 */
export function createThemeStore(options: { now?: () => number; initial?: SavedTheme } = {}) {
  const now = options.now ?? (() => Date.now());
  const history = signal<History<Theme> | null>(
    options.initial ? createHistory(options.initial.theme) : null,
  );
  const saved = signal<SavedTheme | null>(options.initial ?? null);
  const loadError = signal<string | null>(null);
  const saving = signal(false);
  const importErrors = signal<ThemeFieldError[]>([]);
  const previewMode = signal<ColorMode>('light');
  const frame = signal<PreviewFrame>('bubble');

  const draft = computed(() => history.value?.present ?? null);
  const tokens = computed(() => (draft.value ? themeToTokens(draft.value) : null));
  const checks = computed(() => (tokens.value ? checkContrast(tokens.value) : []));
  const failing = computed(() => checks.value.filter((check) => !check.passes));
  const dirty = computed(() =>
    Boolean(draft.value && saved.value && !sameTheme(draft.value, saved.value.theme)),
  );

  const edit = (next: Theme, key?: string) => {
    if (!history.value) return;
    history.value = record(history.value, next, { key, now: now(), equal: sameTheme });
  };
  const current = () => history.value!.present;

  return {
    draft,
    tokens,
    checks,
    failing,
    dirty,
    saved,
    loadError,
    saving,
    importErrors,
    previewMode,
    frame,
    canUndo: computed(() => (history.value?.past.length ?? 0) > 0),
    canRedo: computed(() => (history.value?.future.length ?? 0) > 0),
    cssText: computed(() => (draft.value ? themeToCssText(draft.value) : '')),

    async load() {
      try {
        const loaded = await loadTheme();
        saved.value = loaded;
        history.value = createHistory(loaded.theme);
      } catch (error) {
        loadError.value = errorMessage(error);
      }
    },
    /**
     * Sets or clears a token. `continuous` marks a stream of edits from one
     * gesture (a picker or slider being dragged), which undo treats as one step.
     */
    setToken(scope: TokenScope, key: string, value: string | null, continuous = false) {
      edit(withToken(current(), scope, key, value), continuous ? `${scope}.${key}` : undefined);
    },
    setSetting(path: SettingPath, value: string | null) {
      edit(withSetting(current(), path, value));
    },
    applyPreset(id: string) {
      edit(applyPreset(current(), id));
    },
    /** Back to the preset the theme started from (neutral when none). */
    resetToPreset() {
      edit(applyPreset(current(), current().preset ?? 'neutral'));
    },
    undo() {
      if (history.value) history.value = undo(history.value);
    },
    redo() {
      if (history.value) history.value = redo(history.value);
    },
    exportJson: () => (draft.value ? exportTheme(draft.value) : ''),
    importJson(text: string): boolean {
      const result = importTheme(text);
      importErrors.value = result.ok ? [] : result.errors;
      if (result.ok) edit(result.theme);
      return result.ok;
    },
    async save(): Promise<boolean> {
      if (!draft.value || !saved.value) return false;
      saving.value = true;
      try {
        saved.value = await saveTheme(draft.value, saved.value.revision);
        notify('Theme saved: pages with the widget show it within a minute');
        return true;
      } catch (error) {
        const conflict = error instanceof ApiError && error.code === 'PARLEY_THEME_CONFLICT';
        notify(
          conflict
            ? 'Someone else saved the theme meanwhile. Reload to see their version.'
            : errorMessage(error),
          'error',
        );
        return false;
      } finally {
        saving.value = false;
      }
    },
  };
}

/** The theme editor store's type. */
export type ThemeStore = ReturnType<typeof createThemeStore>;
