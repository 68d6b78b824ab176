import { transform } from 'lightningcss';
import { defineConfig, type Plugin } from 'vite';
// @ts-expect-error: a plain ESM helper without types, shared with no one else.
import { collapseTemplates } from './scripts/minify-templates.mjs';

/**
 * lightningcss keeps numbers as 32-bit floats, so a value with more than ~7
 * significant digits comes out rounded (`2147483000` → `2147480000`, a
 * different z-index). Such numbers are swapped for identifiers before
 * minifying and put back after; identifiers pass through unchanged in every
 * position a number can take (custom properties, `var()` fallbacks).
 */
const protectLongNumbers = {
  hide: (css: string) => css.replace(/\b\d{7,}\b/g, (digits) => `__parley_n${digits}__`),
  restore: (css: string) => css.replace(/__parley_n(\d+)__/g, '$1'),
};

/**
 * Minifies the CSS held in `*.styles.ts` template literals (Lit's `css`
 * tag and the loader's plain string): whitespace in those strings is the
 * single biggest thing bundlers leave alone. Literals with `${}` holes are
 * left as they are.
 */
function minifyStyleLiterals(): Plugin {
  return {
    name: 'parley-minify-style-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return undefined;
      const minified = code.replace(
        /(css|= )`([^`$]*)`/g,
        (_match, lead: string, cssText: string) => {
          const { code: out } = transform({
            filename: id,
            code: Buffer.from(protectLongNumbers.hide(cssText)),
            minify: true,
          });
          const restored = protectLongNumbers.restore(out.toString());
          return `${lead}\`${restored.replaceAll('\\', '\\\\')}\``;
        },
      );
      // Only string contents change, so the file's existing source map stays close enough.
      return { code: minified, map: null };
    },
  };
}

/** Collapses indentation inside the components' Lit templates (scripts/minify-templates.mjs). */
function minifyTemplateLiterals(): Plugin {
  return {
    name: 'parley-minify-template-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/widget\/src\/components\/.*\.(component|template)\.ts$/.test(id)) return undefined;
      return { code: collapseTemplates(code), map: null };
    },
  };
}

/**
 * Shared Vite settings for the widget. `scripts/build.mjs` runs Vite once per
 * output (the classic-script loader cannot be code-split in one pass).
 */
export default defineConfig({
  logLevel: 'warn',
  plugins: [minifyStyleLiterals(), minifyTemplateLiterals()],
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    reportCompressedSize: false,
    // The panel's only dynamic imports are locale catalogs: no preload helper needed.
    modulePreload: false,
  },
});
