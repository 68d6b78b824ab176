import type { DOMPurify as Purifier } from 'isomorphic-dompurify';

let purifier: Promise<Purifier> | undefined;

/**
 * Loads DOMPurify (with jsdom) on first use, not at server start, and
 * installs the hooks once: they are global to the instance. The hooks run
 * after DOMPurify's own allow-list (which already drops scripts, event
 * handlers and `javascript:` URLs) and remove what it lets through but a
 * logo never needs: references to anything outside the file.
 */
function load(): Promise<Purifier> {
  purifier ??= import('isomorphic-dompurify').then(({ default: DOMPurify }) => {
    DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
      const name = data.attrName.toLowerCase();
      const value = data.attrValue.trim();
      if ((name === 'href' || name === 'xlink:href' || name === 'src') && !value.startsWith('#')) {
        data.keepAttr = false;
      }
      // url(), @import and escapes in inline styles would fetch from elsewhere (tracking, CSS tricks).
      if (name === 'style' && /@import|\\|expression/i.test(value)) data.keepAttr = false;
      // Paint servers may point at a gradient in the file (`url(#g)`), nothing else.
      if (/url\s*\((?!\s*['"]?#)/i.test(value)) data.keepAttr = false;
    });
    return DOMPurify;
  });
  return purifier;
}

/** Result of sanitising: the clean SVG text, and whether anything was removed. */
export interface SanitisedSvg {
  svg: string;
  changed: boolean;
}

/**
 * Sanitises an uploaded SVG with DOMPurify's SVG profile, minus `<style>`,
 * `<foreignObject>`, embedded images, `<use>` and links, and any external
 * reference. Returns null when no `<svg>` element, or nothing inside it, remains. SVGs are also
 * served with a sandboxing CSP, so even a bypass could not run script on
 * our origin.
 */
export async function sanitiseSvg(text: string): Promise<SanitisedSvg | null> {
  const DOMPurify = await load();
  const clean = DOMPurify.sanitize(text, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: [
      'style',
      'foreignObject',
      'script',
      'iframe',
      'image',
      'use',
      'a',
      'animate',
      'set',
    ],
  }).trim();
  if (!/^<svg[\s>]/i.test(clean) || !/<\/svg>$/i.test(clean)) return null;
  // An <svg> with nothing left inside it is not a logo.
  if (/^<svg[^>]*>\s*<\/svg>$/i.test(clean)) return null;
  // <img> renders an SVG only with its namespace declared.
  const svg = /^<svg[^>]*\sxmlns=/i.test(clean)
    ? clean
    : clean.replace(/^<svg/i, '<svg xmlns="http://www.w3.org/2000/svg"');
  // DOMPurify lists what it took out (plus the <body> wrapper of its own parse, which is no change;
  // nor is re-serialisation such as `<a/>` → `<a></a>`).
  const removed = DOMPurify.removed.filter(
    (entry) => !('element' in entry && /^(html|head|body)$/i.test(entry.element.nodeName)),
  );
  return { svg, changed: removed.length > 0 };
}
