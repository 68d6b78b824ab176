import ui from './ui.module.css';

/** Props of {@link ErrorAlert}. */
export interface ErrorAlertProps {
  /** The message to announce; nothing renders without one. */
  message: string | null | undefined;
}

/** A page- or form-level error, announced to screen readers as it appears. */
export function ErrorAlert({ message }: ErrorAlertProps) {
  if (!message) return null;
  return (
    <div class={ui.alert} role="alert">
      {message}
    </div>
  );
}
