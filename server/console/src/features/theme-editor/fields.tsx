import {
  defaultFontHosts,
  parseFontFamily,
  parseLength,
  parseNumber,
  parseText,
  parseUrl,
  type TokenKey,
  tokenSpec,
} from '@parley/theme-kit';
import { useEffect, useState } from 'preact/hooks';
import { Field, inputClass } from '../../ui/Field';
import type { SettingPath } from './theme-edits';
import type { ThemeStore } from './theme-store';

/** Props of {@link RangeField}. */
export interface RangeFieldProps {
  store: ThemeStore;
  label: string;
  tokenKey: string;
  /** Slider step; px for lengths. */
  step?: number;
}

/** A slider for a px length or a number token, bounded by the token's own rule. */
export function RangeField({ store, label, tokenKey, step = 1 }: RangeFieldProps) {
  const spec = tokenSpec(tokenKey)!;
  const value = store.tokens.value!.light[tokenKey as TokenKey].value;
  const bounds = spec.kind === 'length' ? spec.length! : spec.number!;
  const numeric = Number.parseFloat(value.startsWith('var(') ? '0' : value);
  const unit = spec.kind === 'length' ? (value.endsWith('%') ? '%' : 'px') : '';
  return (
    <Field
      label={label}
      hint={`${value}${spec.settable && !(tokenKey in store.draft.value!.tokens) ? ' (automatic)' : ''}`}
    >
      {({ id, describedBy }) => (
        <input
          id={id}
          type="range"
          min={unit === '%' ? 0 : bounds.min}
          max={unit === '%' ? 50 : bounds.max}
          step={step}
          value={Number.isFinite(numeric) ? numeric : bounds.min}
          aria-describedby={describedBy}
          aria-valuetext={value}
          onInput={(event) => {
            const raw = `${event.currentTarget.value}${unit}`;
            const parsed =
              spec.kind === 'length'
                ? parseLength(raw, spec.length!)
                : parseNumber(raw, spec.number!);
            if (parsed.ok) store.setToken('tokens', tokenKey, parsed.value, true);
          }}
        />
      )}
    </Field>
  );
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps {
  store: ThemeStore;
  label: string;
  path: SettingPath;
  value: string;
  options: readonly (readonly [value: string, label: string])[];
}

/** A choice among a setting's allowed values. */
export function SelectField({ store, label, path, value, options }: SelectFieldProps) {
  return (
    <Field label={label}>
      {({ id }) => (
        <select
          id={id}
          class={inputClass}
          value={value}
          onChange={(event) => store.setSetting(path, event.currentTarget.value)}
        >
          {options.map(([option, text]) => (
            <option key={option} value={option}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

type Parser = (input: string) => { ok: true; value: string } | { ok: false; reason: string };

/** Parsers for free-text settings and tokens, matching what the server accepts. */
export const textParsers = {
  text24: (input: string) => parseText(input, { max: 24 }),
  text40: (input: string) => parseText(input, { max: 40 }),
  text60: (input: string) => parseText(input, { max: 60 }),
  fontUrl: (input: string) =>
    parseUrl(input, { hosts: defaultFontHosts, label: 'font stylesheet' }),
  fontFamily: (input: string) => parseFontFamily(input),
} satisfies Record<string, Parser>;

/** Props of {@link TextField}. */
export interface TextFieldProps {
  label: string;
  value: string | null;
  hint?: string;
  parse: Parser;
  /** Called with the parsed value, or null when the box is emptied (back to the default). */
  onCommit: (value: string | null) => void;
  placeholder?: string;
}

/** A text box that commits on blur or Enter once its value parses; shows why it does not. */
export function TextField({ label, value, hint, parse, onCommit, placeholder }: TextFieldProps) {
  const [text, setText] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(value ?? ''), [value]);
  const commit = () => {
    if (text.trim() === '') {
      setError(null);
      onCommit(null);
      return;
    }
    const parsed = parse(text);
    setError(parsed.ok ? null : parsed.reason);
    if (parsed.ok) onCommit(parsed.value);
  };
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          class={inputClass}
          value={text}
          placeholder={placeholder}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onInput={(event) => setText(event.currentTarget.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            commit();
          }}
        />
      )}
    </Field>
  );
}
