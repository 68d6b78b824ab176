import { signal } from '@preact/signals';

/** A short confirmation or error shown in the corner and announced to screen readers. */
export interface Toast {
  id: number;
  tone: 'success' | 'error';
  message: string;
}

/** The visible toasts, oldest first. */
export const toasts = signal<Toast[]>([]);
let nextId = 1;

/** Shows a toast for a few seconds. */
export function notify(message: string, tone: Toast['tone'] = 'success'): void {
  const toast = { id: nextId++, tone, message };
  toasts.value = [...toasts.value, toast];
  setTimeout(() => dismiss(toast.id), tone === 'error' ? 8000 : 4000);
}

/** Removes a toast. */
export function dismiss(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}
