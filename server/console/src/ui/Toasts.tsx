import { dismiss, toasts } from '../stores/toasts';
import styles from './ui.module.css';

/** The toast stack; a polite live region so confirmations are read out. */
export function Toasts() {
  return (
    <div class={styles.toasts} role="status" aria-live="polite">
      {toasts.value.map((toast) => (
        <div
          key={toast.id}
          class={`${styles.toast} ${toast.tone === 'error' ? styles.toastError : ''}`}
        >
          <span>{toast.message}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
