import type { ComponentChildren, JSX } from 'preact';
import styles from './ui.module.css';

/** Props of {@link Button}. */
export interface ButtonProps extends Omit<JSX.HTMLAttributes<HTMLButtonElement>, 'size'> {
  variant?: 'default' | 'primary' | 'danger' | 'danger-solid' | 'ghost';
  size?: 'normal' | 'small';
  type?: 'button' | 'submit';
  disabled?: boolean;
  busy?: boolean;
  children: ComponentChildren;
}

const variants = {
  default: '',
  primary: styles.primary,
  danger: styles.danger,
  'danger-solid': styles.dangerSolid,
  ghost: styles.ghost,
};

/** A button; `busy` disables it and tells assistive tech that work is in progress. */
export function Button({
  variant = 'default',
  size = 'normal',
  type = 'button',
  busy,
  disabled,
  children,
  class: extra,
  ...rest
}: ButtonProps) {
  const className = [
    styles.button,
    variants[variant],
    size === 'small' ? styles.small : '',
    extra ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      {...rest}
      type={type}
      class={className}
      disabled={disabled || busy}
      aria-busy={busy ? 'true' : undefined}
    >
      {children}
    </button>
  );
}
