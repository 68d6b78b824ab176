import {
  type ColorMode,
  type ContrastCheck,
  parseColor,
  type TokenKey,
  tokenSpec,
} from '@parley/theme-kit';
import { useEffect, useId, useState } from 'preact/hooks';
import { Button } from '../../ui/Button';
import { inputClass } from '../../ui/Field';
import styles from './ThemeEditor.module.css';
import { checksForToken, type TokenScope } from './theme-edits';
import type { ThemeStore } from './theme-store';

/** Props of {@link ColorField}. */
export interface ColorFieldProps {
  store: ThemeStore;
  label: string;
  tokenKey: string;
  /** `tokens` edits the light value, `dark` the dark-mode override. */
  scope?: TokenScope;
  hint?: string;
}

/**
 * A colour control: the native picker and a text box taking any CSS colour
 * (committed once it parses), an "automatic" state for derived colours,
 * and the contrast problems this colour is part of, each with a one-click fix.
 */
export function ColorField({ store, label, tokenKey, scope = 'tokens', hint }: ColorFieldProps) {
  const id = useId();
  const mode: ColorMode = scope === 'dark' ? 'dark' : 'light';
  const theme = store.draft.value!;
  const explicit = (theme[scope] as Record<string, string | undefined>)[tokenKey];
  const resolved = store.tokens.value![mode][tokenKey as TokenKey]?.value ?? '#000000';
  const [text, setText] = useState(explicit ?? resolved);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(explicit ?? resolved);
    setError(null);
  }, [explicit, resolved]);
  const allowAlpha = tokenSpec(tokenKey)?.alpha === true;
  const commit = (value: string) => {
    const parsed = parseColor(value, { allowAlpha });
    if (parsed.ok) {
      setError(null);
      store.setToken(scope, tokenKey, parsed.value);
    } else setError(parsed.reason);
  };
  const problems = checksForToken(store.checks.value, mode, tokenKey);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div class={styles.colorField} data-token={tokenKey} data-scope={scope}>
      <label class={styles.colorLabel} for={`${id}-text`}>
        {label}
        {!explicit && <span class={styles.auto}> (automatic)</span>}
      </label>
      <div class={styles.colorRow}>
        <input
          type="color"
          class={styles.swatch}
          aria-label={`${label}: colour picker`}
          value={resolved.slice(0, 7)}
          onInput={(event) => store.setToken(scope, tokenKey, event.currentTarget.value, true)}
        />
        <input
          id={`${id}-text`}
          class={inputClass}
          value={text}
          spellcheck={false}
          autoComplete="off"
          aria-invalid={Boolean(error)}
          aria-describedby={
            [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined
          }
          onInput={(event) => {
            setText(event.currentTarget.value);
            if (parseColor(event.currentTarget.value, { allowAlpha }).ok)
              commit(event.currentTarget.value);
          }}
          onBlur={(event) => commit(event.currentTarget.value)}
        />
        {explicit !== undefined && (
          <Button
            size="small"
            variant="ghost"
            onClick={() => store.setToken(scope, tokenKey, null)}
          >
            Automatic
          </Button>
        )}
      </div>
      {hint && (
        <div class={styles.hint} id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <div class={styles.error} id={errorId} role="alert">
          {error}
        </div>
      )}
      {problems.map((check) => (
        <ContrastWarning
          key={`${check.foreground}/${check.background}`}
          check={check}
          store={store}
        />
      ))}
    </div>
  );
}

/** One failing contrast pair, with the suggested shade as a button. */
export function ContrastWarning({ check, store }: { check: ContrastCheck; store: ThemeStore }) {
  const suggestion = check.suggestion;
  return (
    <div class={styles.warning} data-contrast-warning>
      <span>
        {check.label}
        {check.mode === 'dark' ? ' (dark mode)' : ''}: {check.ratio.toFixed(2)}:1, needs{' '}
        {check.required}:1.
      </span>
      {suggestion && (
        <Button
          size="small"
          onClick={() =>
            store.setToken(
              check.mode === 'dark' ? 'dark' : 'tokens',
              suggestion.token,
              suggestion.value,
            )
          }
        >
          <span class={styles.chip} style={{ background: suggestion.value }} aria-hidden="true" />
          Use {suggestion.value}
        </Button>
      )}
    </div>
  );
}
