const warned = new Set<string>();

/**
 * Defines a custom element once. Host pages sometimes load the script twice
 * (or two versions); the second definition warns once and does nothing
 * instead of throwing.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) {
    customElements.define(tag, ctor);
    return;
  }
  if (!warned.has(tag)) {
    warned.add(tag);
    // biome-ignore lint/suspicious/noConsole: the one warning STYLE.md allows for double loads.
    console.warn(`[parley] <${tag}> is already defined; this copy of the script is ignored.`);
  }
}
