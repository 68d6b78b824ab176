const focusable =
  'button:not([disabled]), a[href], textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focusable elements inside a root, in tab order, skipping hidden ones. */
export function focusableIn(root: ShadowRoot | HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(focusable)].filter(
    (el) => el.getClientRects().length > 0 && !el.closest('[hidden], [inert]'),
  );
}

/**
 * Keeps Tab and Shift+Tab inside a dialog's shadow root: wraps from the last
 * focusable element to the first and back. Returns true when it moved focus.
 */
export function trapTab(event: KeyboardEvent, root: ShadowRoot): boolean {
  if (event.key !== 'Tab') return false;
  const items = focusableIn(root);
  if (items.length === 0) return false;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = root.activeElement;
  const outside = !active || !items.includes(active as HTMLElement);
  if (event.shiftKey && (active === first || outside)) {
    last.focus();
  } else if (!event.shiftKey && (active === last || outside)) {
    first.focus();
  } else {
    return false;
  }
  event.preventDefault();
  return true;
}
