import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text or attribute position. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

const safeUrl = /^(?:https?:|mailto:|tel:)/i;

// GitHub-flavoured (marked's default), synchronous, single newlines kept as line breaks.
const marked = new Marked({
  breaks: true,
  renderer: {
    // Raw HTML in model output is shown as text, never parsed: even parsing
    // `on*` attributes in a detached document trips a strict CSP (TOOLCHAIN.md).
    html: ({ text }) => escapeHtml(text),
    // Images would let model output make the browser fetch any URL (a beacon);
    // they become plain links instead.
    image: ({ href, text }) =>
      safeUrl.test(href)
        ? `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`
        : escapeHtml(text),
  },
});

const purify = DOMPurify(window);
let linkTarget: '_blank' | '_self' = '_blank';
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A') return;
  const element = node as Element;
  element.setAttribute('rel', 'noopener noreferrer');
  if (linkTarget === '_blank') element.setAttribute('target', '_blank');
  else element.removeAttribute('target');
});

// One string rather than an array literal: the panel chunk is paid for on every first open.
const allowedTags =
  'p br strong em del code pre blockquote ul ol li a h1 h2 h3 h4 h5 h6 hr table thead tbody tr th td input'.split(
    ' ',
  );

/**
 * Renders an answer's Markdown into a detached element: marked with raw HTML
 * escaped, then DOMPurify once, returning DOM nodes (not a string), so no
 * `innerHTML` assignment happens in the widget and Trusted Types pages only
 * need DOMPurify's own policy. Links get `rel="noopener noreferrer"` and the
 * tenant's target; only http(s), mailto and tel URLs survive.
 */
export function renderMarkdown(source: string, target: '_blank' | '_self' = '_blank'): HTMLElement {
  const html = marked.parse(source) as string;
  linkTarget = target;
  const fragment = purify.sanitize(html, {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: ['href', 'title', 'start', 'align', 'type', 'checked', 'disabled'],
    ALLOWED_URI_REGEXP: safeUrl,
    RETURN_DOM_FRAGMENT: true,
  });
  // Task-list checkboxes are the only inputs allowed, and only as read-only marks.
  for (const input of fragment.querySelectorAll('input')) {
    if (input.type !== 'checkbox') input.remove();
    else input.disabled = true;
  }
  const container = document.createElement('div');
  container.append(fragment);
  return container;
}
