/**
 * Styles of the account bar (sign-in.ts), adopted into the panel's shadow
 * root when the sign-in chunk loads. A quiet row under the header, so the
 * sign-in offer never competes with the conversation.
 */
export const signInCss = `
[part~='account'] {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 4px 12px;
  padding: 8px 16px;
  border-block-end: 1px solid var(--parley-color-border-quiet, #e5e7eb);
  background: var(--parley-color-surface-quiet, #f9fafb);
  color: var(--parley-color-text-quiet, #4b5563);
  font-size: 0.9em;
}
[part~='account'][hidden] {
  display: none;
}
[part~='sign-in'],
[part~='sign-out'] {
  padding: 4px 12px;
  border: 1px solid var(--parley-color-primary, #2563eb);
  border-radius: 999px;
  background: var(--parley-color-surface, #fff);
  color: var(--parley-color-text, #111827);
}
[part~='sign-out'] {
  margin-inline-start: auto;
}
[part~='signed-in'] {
  overflow-wrap: anywhere;
}
`;
