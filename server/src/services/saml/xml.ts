import { DOMParser, type Document, type Element, onErrorStopParsing } from '@xmldom/xmldom';

/** SAML and XML-DSig namespace URIs. */
export const NS = {
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

/** XML that was refused before any SAML logic looked at it. */
export class XmlInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlInputError';
  }
}

/**
 * Parses untrusted XML strictly: a size cap, no DOCTYPE at all (entity
 * expansion and external entities are the classic XML attacks, and no SAML
 * message or metadata needs a DTD), and any parser error stops parsing.
 */
export function parseUntrustedXml(xml: string, maxChars: number): Document {
  if (xml.length > maxChars)
    throw new XmlInputError(`The XML is larger than ${maxChars} characters.`);
  if (/<!DOCTYPE/i.test(xml))
    throw new XmlInputError('The XML contains a DOCTYPE, which is not allowed.');
  let doc: Document;
  try {
    doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml');
  } catch (error) {
    throw new XmlInputError(
      `The XML is not well-formed: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (!doc.documentElement) throw new XmlInputError('The XML has no root element.');
  return doc;
}

/** The element children of a node with this namespace and local name. */
export function childElements(parent: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    const el = node as Element;
    if (node.nodeType === 1 && el.namespaceURI === ns && el.localName === localName) out.push(el);
  }
  return out;
}

/** Descendant elements with this namespace and local name, in document order. */
export function descendants(root: Element | Document, ns: string, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, localName));
}

/** An element's text with surrounding whitespace removed. */
export function textOf(el: Element | undefined): string {
  return (el?.textContent ?? '').trim();
}
