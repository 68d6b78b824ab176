import { css } from 'lit';

export const chatStyles = css`
  :host {
    --parley-color-primary: #2563eb;
    --parley-color-on-primary: #ffffff;
    --parley-color-surface: #ffffff;
    --parley-color-text: #111827;
    --parley-color-text-quiet: #4b5563;
    --parley-color-border: #d1d5db;
    --parley-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --parley-radius: 12px;
    --parley-launcher-size: 56px;
    --parley-panel-width: 380px;
    --parley-panel-height: 560px;
    --parley-z-index: 2147483000;
    all: initial;
    display: contents;
    font-family: var(--parley-font-family);
  }
  [part~='base'] {
    font-family: var(--parley-font-family);
    color: var(--parley-color-text);
  }
  [part~='launcher'] {
    position: fixed;
    inset-block-end: 20px;
    inset-inline-end: 20px;
    z-index: var(--parley-z-index);
    inline-size: var(--parley-launcher-size);
    block-size: var(--parley-launcher-size);
    border-radius: 50%;
    border: none;
    background: var(--parley-color-primary);
    color: var(--parley-color-on-primary);
    cursor: pointer;
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.2);
  }
  [part~='launcher'] svg {
    inline-size: 50%;
    block-size: 50%;
  }
  [part~='panel'] {
    position: fixed;
    inset-block-end: calc(var(--parley-launcher-size) + 32px);
    inset-inline-end: 20px;
    z-index: var(--parley-z-index);
    inline-size: min(var(--parley-panel-width), calc(100vw - 40px));
    block-size: min(var(--parley-panel-height), calc(100vh - 120px));
    display: flex;
    flex-direction: column;
    background: var(--parley-color-surface);
    border: 1px solid var(--parley-color-border);
    border-radius: var(--parley-radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.18);
    overflow: hidden;
  }
  [part~='panel'][hidden] {
    display: none;
  }
  [part~='header'] {
    padding: 12px 16px;
    background: var(--parley-color-primary);
    color: var(--parley-color-on-primary);
    font-weight: 600;
  }
  [part~='messages'] {
    flex: 1;
    overflow-y: auto;
    padding: 12px 16px;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  [part~='message'] {
    max-inline-size: 85%;
    padding: 8px 12px;
    border-radius: var(--parley-radius);
    line-height: 1.45;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  [part~='message'][data-role='user'] {
    align-self: flex-end;
    background: var(--parley-color-primary);
    color: var(--parley-color-on-primary);
  }
  [part~='message'][data-role='assistant'] {
    align-self: flex-start;
    background: color-mix(in srgb, var(--parley-color-text) 6%, var(--parley-color-surface));
  }
  [part~='message'][data-role='error'] {
    align-self: stretch;
    color: #991b1b;
    background: #fef2f2;
  }
  [part~='composer'] {
    display: flex;
    gap: 8px;
    padding: 12px;
    border-block-start: 1px solid var(--parley-color-border);
  }
  [part~='input'] {
    flex: 1;
    font: inherit;
    padding: 8px 10px;
    border: 1px solid var(--parley-color-border);
    border-radius: calc(var(--parley-radius) / 2);
    color: var(--parley-color-text);
    background: var(--parley-color-surface);
  }
  [part~='send'] {
    font: inherit;
    padding: 8px 14px;
    border: none;
    border-radius: calc(var(--parley-radius) / 2);
    background: var(--parley-color-primary);
    color: var(--parley-color-on-primary);
    cursor: pointer;
  }
  [part~='send']:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :is(button, input):focus-visible {
    outline: 2px solid var(--parley-color-primary);
    outline-offset: 2px;
  }
`;
