/** The widget version, injected at build time. */
declare const __PARLEY_VERSION__: string;

/** The lazy chunks' file names, provided by the build's virtual module (scripts/build.mjs). */
declare module 'virtual:parley-panel' {
  export const panelFile: string;
  export const extrasFile: string;
}
