import { css } from 'lit';

/** Styles of <parley-panel>; every colour and size comes from a `--parley-*` variable. */
export const panelStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    min-inline-size: 0;
    min-block-size: 0;
    background: var(--parley-color-surface, #fff);
    color: var(--parley-color-text, #111827);
    font-family: var(--parley-font-family, system-ui, sans-serif);
    font-size: var(--parley-font-size, 14px);
    line-height: var(--parley-line-height, 1.5);
  }
  :host([hidden]) {
    display: none;
  }
  /* Placement: a floating card (bubble), the whole viewport (fullscreen and
     narrow screens) or its container (inline). Lives here, not in the
     loader, so the launcher's bytes stay small. */
  :host([mode='bubble']) {
    position: fixed;
    z-index: var(--parley-z-index, 2147483000);
    bottom: calc(var(--parley-launcher-size, 56px) + 32px + env(safe-area-inset-bottom, 0px));
    right: calc(var(--parley-launcher-offset, 20px) + env(safe-area-inset-right, 0px));
    inline-size: min(
      var(--parley-panel-width, 380px),
      calc(100vw - 2 * var(--parley-launcher-offset, 20px))
    );
    block-size: min(
      var(--parley-panel-height, 560px),
      calc(100vh - var(--parley-launcher-size, 56px) - 64px)
    );
    border: 1px solid var(--parley-color-border, #d4d5d8);
    border-radius: var(--parley-panel-radius, var(--parley-radius, 12px));
    box-shadow: 0 16px 48px rgb(0 0 0 / 0.2);
    overflow: hidden;
    animation: parley-rise 180ms ease-out;
  }
  :host([mode='bubble'][position='bottom-left']) {
    right: auto;
    left: calc(var(--parley-launcher-offset, 20px) + env(safe-area-inset-left, 0px));
  }
  :host([mode='fullscreen']) {
    position: fixed;
    z-index: var(--parley-z-index, 2147483000);
    inset: 0;
    inline-size: 100vw;
    block-size: var(--_parley-vvh, 100dvh);
  }
  :host([mode='inline']) {
    position: relative;
    inline-size: 100%;
    block-size: 100%;
    min-block-size: inherit;
    border: 1px solid var(--parley-color-border, #d4d5d8);
    border-radius: var(--parley-panel-radius, var(--parley-radius, 12px));
    overflow: hidden;
  }
  @media (max-width: 640px) {
    :host([mode='bubble']) {
      inset: 0;
      inline-size: 100vw;
      block-size: var(--_parley-vvh, 100dvh);
      border: none;
      border-radius: 0;
    }
  }
  @keyframes parley-rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  [part~='base'] {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-block-size: 0;
    inline-size: 100%;
    padding-block-end: env(safe-area-inset-bottom, 0px);
  }
  [part~='header'] {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px 8px 10px 16px;
    padding-block-start: max(10px, env(safe-area-inset-top, 0px));
    background: var(--parley-panel-header-background, var(--parley-color-primary, #2563eb));
    color: var(--parley-panel-header-color, var(--parley-color-on-primary, #fff));
  }
  [part~='logo'] {
    flex: none;
    max-inline-size: 96px;
    block-size: 28px;
    object-fit: contain;
  }
  [part~='avatar'] {
    position: absolute;
    inset-block-start: 0;
    inset-inline-start: -36px;
    inline-size: 28px;
    block-size: 28px;
    border-radius: 50%;
    object-fit: cover;
  }
  [part~='logo'][hidden],
  [part~='avatar'][hidden] {
    display: none;
  }
  [part~='title'] {
    flex: 1;
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part~='header-actions'] {
    display: flex;
    gap: 2px;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  [part~='header'] button {
    display: grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
  }
  [part~='header'] button:hover {
    background: color-mix(in srgb, currentColor 16%, transparent);
  }
  svg {
    inline-size: 20px;
    block-size: 20px;
    fill: currentColor;
  }
  [dir='rtl'] .dir-icon {
    transform: scaleX(-1);
  }
  .flip {
    transform: rotate(180deg);
  }
  [part~='messages'] {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 16px;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  [part~='greeting'],
  [part~='message'] {
    max-inline-size: 88%;
    padding: 8px 12px;
    border-radius: var(--parley-bubble-radius, var(--parley-radius, 12px));
    overflow-wrap: anywhere;
  }
  [part~='greeting'],
  [part~='message'][data-role='assistant'] {
    align-self: flex-start;
    background: var(--parley-bubble-assistant-background, var(--parley-color-surface-raised, #f3f3f4));
    color: var(--parley-bubble-assistant-color, var(--parley-color-text, #111827));
  }
  [part~='message'][data-avatar] {
    position: relative;
    margin-inline-start: 36px;
    max-inline-size: calc(88% - 36px);
  }
  [part~='message'][data-role='user'] {
    align-self: flex-end;
    background: var(--parley-bubble-user-background, var(--parley-color-primary, #2563eb));
    color: var(--parley-bubble-user-color, var(--parley-color-on-primary, #fff));
    white-space: pre-wrap;
  }
  [data-status='streaming'] [part~='message-body'] {
    white-space: pre-wrap;
  }
  .markdown > :first-child {
    margin-block-start: 0;
  }
  .markdown > :last-child {
    margin-block-end: 0;
  }
  .markdown :is(p, ul, ol, pre, blockquote, table) {
    margin-block: 0.5em;
  }
  .markdown :is(ul, ol) {
    padding-inline-start: 1.4em;
  }
  .markdown :is(h1, h2, h3, h4, h5, h6) {
    font-size: 1em;
    margin-block: 0.6em 0.3em;
  }
  .markdown code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .markdown pre {
    overflow-x: auto;
    padding: 8px;
    border-radius: 6px;
    background: var(--parley-color-surface, #fff);
    border: 1px solid var(--parley-color-border, #d4d5d8);
  }
  .markdown table {
    display: block;
    overflow-x: auto;
    border-collapse: collapse;
  }
  .markdown :is(th, td) {
    border: 1px solid var(--parley-color-border, #d4d5d8);
    padding: 4px 8px;
  }
  .markdown blockquote {
    margin-inline: 0;
    padding-inline-start: 10px;
    border-inline-start: 3px solid var(--parley-color-border, #d4d5d8);
  }
  a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .stopped,
  .thanks,
  [part~='powered-by'],
  .snippet {
    color: var(--parley-color-text-quiet, #646973);
    font-size: 0.85em;
  }
  .stopped {
    margin: 4px 0 0;
    font-style: italic;
  }
  [part~='citations'] {
    margin-block-start: 8px;
    padding-block-start: 6px;
    border-block-start: 1px solid var(--parley-color-border, #d4d5d8);
    font-size: 0.9em;
  }
  .citations-title {
    margin: 0 0 4px;
    font-weight: 600;
  }
  [part~='citations'] ol {
    margin: 0;
    padding-inline-start: 1.4em;
  }
  [part~='citation'] .snippet {
    display: block;
  }
  [part~='feedback'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
    margin: 6px 0 0;
  }
  .vote {
    display: grid;
    place-items: center;
    inline-size: 32px;
    block-size: 32px;
    padding: 0;
    border: 1px solid transparent;
    border-radius: 50%;
    background: transparent;
    color: var(--parley-color-text-quiet, #646973);
  }
  .vote svg {
    inline-size: 16px;
    block-size: 16px;
  }
  .vote[aria-pressed='true'] {
    border-color: var(--parley-color-primary, #2563eb);
    color: var(--parley-color-text, #111827);
  }
  .comment {
    display: flex;
    flex-direction: column;
    gap: 6px;
    inline-size: 100%;
  }
  .comment label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 0.9em;
  }
  textarea {
    font: inherit;
    color: var(--parley-color-text, #111827);
    background: var(--parley-color-surface, #fff);
    border: 1px solid var(--parley-color-border, #d4d5d8);
    border-radius: 8px;
    padding: 8px 10px;
    resize: none;
  }
  .comment button,
  [part~='retry'],
  [part~='starter'] {
    align-self: flex-start;
    padding: 6px 12px;
    border: 1px solid var(--parley-color-primary, #2563eb);
    border-radius: 999px;
    background: var(--parley-color-surface, #fff);
    color: var(--parley-color-text, #111827);
  }
  [part~='starters'] {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-block-start: 4px;
  }
  [part~='typing'] {
    align-self: flex-start;
    display: flex;
    gap: 4px;
    padding: 12px 14px;
    border-radius: var(--parley-radius, 12px);
    background: var(--parley-color-surface-raised, #f3f3f4);
  }
  [part~='typing'] span {
    inline-size: 7px;
    block-size: 7px;
    border-radius: 50%;
    background: var(--parley-color-text-quiet, #646973);
    animation: parley-blink 1.2s infinite ease-in-out both;
  }
  [part~='typing'] span:nth-child(2) {
    animation-delay: 0.2s;
  }
  [part~='typing'] span:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes parley-blink {
    0%,
    80%,
    100% {
      opacity: 0.25;
    }
    40% {
      opacity: 1;
    }
  }
  [part~='error'] {
    display: flex;
    align-items: center;
    gap: 10px;
    margin: 0 16px 8px;
    padding: 8px 12px;
    border-radius: 8px;
    color: var(--parley-color-danger, #b91c1c);
    background: var(--parley-color-surface-raised, #f3f3f4);
  }
  [part~='error'] span {
    flex: 1;
  }
  [part~='composer'] {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 10px 12px;
    border-block-start: 1px solid var(--parley-color-border, #d4d5d8);
  }
  [part~='input'] {
    flex: 1;
    min-block-size: 40px;
    max-block-size: 120px;
    box-sizing: border-box;
    field-sizing: content;
  }
  [part~='send'],
  [part~='stop'] {
    display: grid;
    place-items: center;
    flex: none;
    inline-size: 40px;
    block-size: 40px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--parley-color-primary, #2563eb);
    color: var(--parley-color-on-primary, #fff);
  }
  [part~='powered-by'] {
    margin: 0;
    padding: 0 12px 8px;
    text-align: center;
  }
  :is(button, textarea, a, [tabindex]):focus-visible {
    outline: 2px solid var(--parley-color-focus, var(--parley-color-primary, #2563eb));
    outline-offset: 2px;
  }
  [part~='header'] button:focus-visible {
    outline-color: var(--parley-color-on-primary, #fff);
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      animation: none !important;
    }
    [part~='typing'] span {
      animation: none;
      opacity: 0.6;
    }
  }
`;
