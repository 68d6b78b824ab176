import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import styles from './ui.module.css';

/** Props of {@link Dialog}. */
export interface DialogProps {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ComponentChildren;
  /** Buttons in the footer. */
  actions?: ComponentChildren;
  /** Wraps body and actions in a form whose submit calls this. */
  onSubmit?: () => void;
}

/**
 * A modal dialog on the native `<dialog>` element: it traps focus, closes on
 * Escape and returns focus to the opener, which a hand-made overlay would
 * have to re-implement.
 */
export function Dialog({ title, open, onClose, children, actions, onSubmit }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const content = (
    <>
      <div class={styles.dialogBody}>
        <h2 class={styles.dialogTitle} id={titleId}>
          {title}
        </h2>
        {children}
      </div>
      {actions && <div class={styles.dialogActions}>{actions}</div>}
    </>
  );
  return (
    <dialog
      ref={ref}
      class={styles.dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open &&
        (onSubmit ? (
          <form
            method="dialog"
            onSubmit={(event) => {
              event.preventDefault();
              onSubmit();
            }}
          >
            {content}
          </form>
        ) : (
          content
        ))}
    </dialog>
  );
}
