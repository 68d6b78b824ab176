/**
 * Styles of the launcher's optional theming (launcher-extras.ts), adopted
 * after <parley-chat>'s own sheet once the extras chunk has loaded.
 *
 * The launcher first appears plain (a circle with the chat icon) and then
 * grows into its labelled form; so that the swap is a short glide rather
 * than a jump, the width is animated (`interpolate-size` lets `auto` be a
 * transition end; browsers without it just snap) and the label fades in.
 * Reduced motion turns both off, and this sheet must say so itself because
 * its `transition` comes after the base sheet's reduced-motion rule.
 */
export const extrasCss = `
[part~='launcher'] {
  interpolate-size: allow-keywords;
  transition: transform 160ms ease, inline-size 200ms ease;
}
[part~='launcher'][data-labelled] {
  inline-size: auto;
  max-inline-size: calc(100vw - 2 * var(--parley-launcher-offset));
  grid-auto-flow: column;
  gap: 8px;
  padding-inline: calc(var(--parley-launcher-size) * 0.3) calc(var(--parley-launcher-size) * 0.4);
  font: 600 var(--parley-font-size) / 1.2 var(--parley-font-family);
}
[part~='launcher'][data-labelled] svg,
[part~='launcher'][data-labelled] img {
  inline-size: calc(var(--parley-launcher-size) * 0.45);
  block-size: calc(var(--parley-launcher-size) * 0.45);
}
/* A percentage radius would make a wide labelled launcher an ellipse: lengths from the shape. */
[data-labelled] {
  border-radius: calc(var(--parley-launcher-size) * var(--_parley-k, 0.5));
}
[data-shape='rounded'] {
  --_parley-k: 0.3;
}
[data-shape='square'] {
  --_parley-k: 0.12;
}
[part~='launcher-label'] {
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  transition: opacity 200ms ease;
}
@starting-style {
  [part~='launcher-label'] {
    opacity: 0;
  }
}
@media (prefers-reduced-motion: reduce) {
  [part~='launcher'],
  [part~='launcher-label'] {
    transition: none;
  }
}
`;
