import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import styles from './ui.module.css';

/** Props of {@link Field}. */
export interface FieldProps {
  label: string;
  hint?: ComponentChildren;
  error?: string | null;
  /** Renders the control with the ids that tie it to its label, hint and error. */
  children: (ids: {
    id: string;
    describedBy: string | undefined;
    invalid: boolean;
  }) => ComponentChildren;
}

/** A labelled form control with an optional hint and an error announced with it. */
export function Field({ label, hint, error, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={styles.field}>
      <label class={styles.label} for={id}>
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
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
    </div>
  );
}

/** The class of text inputs, selects and textareas. */
export const inputClass = styles.input;

/** Props of {@link TextField}. */
export interface TextFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | null;
  hint?: ComponentChildren;
  type?: string;
  placeholder?: string;
}

/** A labelled one-line text input: {@link Field} around an `<input>`. */
export function TextField(props: TextFieldProps) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          class={inputClass}
          type={props.type ?? 'text'}
          value={props.value}
          placeholder={props.placeholder}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
