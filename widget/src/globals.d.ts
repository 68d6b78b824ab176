/** The widget version, injected at build time. */
declare const __PARLEY_VERSION__: string;
