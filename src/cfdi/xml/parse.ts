/**
 * A small, strict, namespace-aware XML parser for CFDI documents.
 *
 * Why our own: a CFDI is a few kB of attributes; a focused scanner reads one in a
 * fraction of the time of a general parser, resolves namespaces (so any prefix works),
 * applies XML attribute-value normalisation (literal TAB/CR/LF become spaces; char
 * references survive), and records element offsets so the test PAC can insert the TFD
 * into the original text without re-serialising. DTDs are refused (no entity expansion).
 *
 * It refuses what XML 1.0 + Namespaces 1.0 call not well-formed (xmllint is the oracle in
 * test/conformance/xml-wellformed.test.ts): characters outside the Char production, raw
 * or as references; names outside the Name production and qualified names with more than
 * one colon; duplicate attributes, also after namespace expansion; comments holding `--`;
 * misplaced or malformed XML declarations, or one naming an encoding other than UTF-8;
 * reserved namespace bindings. Nesting is limited to MAX_DEPTH elements, so a hostile
 * document cannot exhaust the stack of the recursive code that walks the tree.
 */

import { hexCodePoint, NOT_XML_CHAR } from './chars.ts';

/** Deepest element nesting accepted (a CFDI with its deepest SAT complement needs about 12). */
export const MAX_DEPTH = 128;

export class XmlParseError extends Error {
  /** 1-based line and column of `offset`, when the text is known. */
  line?: number;
  column?: number;
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`malformed XML at offset ${offset}: ${reason}`);
    this.name = 'XmlParseError';
  }
}

/** Adds line and column (counted in characters) to an error raised while parsing `xml`. */
function located(e: XmlParseError, xml: string): XmlParseError {
  const before = xml.slice(0, Math.min(e.offset, xml.length));
  const nl = before.lastIndexOf('\n');
  e.line = before.split('\n').length;
  e.column = e.offset - nl;
  e.message = `malformed XML at line ${e.line}, column ${e.column} (offset ${e.offset}): ${e.reason}`;
  return e;
}

export interface XNode {
  /** Qualified name as written. */
  name: string;
  local: string;
  /** Resolved namespace URI ('' when none). */
  ns: string;
  /** Attributes in document order (namespace declarations excluded), values unescaped. */
  attrs: Array<[string, string]>;
  /** Namespace declarations written on this element: [prefix ('' = default), uri]. */
  nsDecls: Array<[string, string]>;
  children: XNode[];
  /**
   * Character data directly inside this element before its first child element (all of
   * it when there is no child), as XML delivers it: entities decoded, line ends
   * normalised, CDATA included, whitespace kept.
   */
  text: string;
  /** Character data after this element, up to its next sibling or its parent's end tag. */
  tail: string;
  /** Offset of `<` of the start tag. */
  start: number;
  /** Offset of the `<` of the end tag (= offset after `/>` for an empty element). */
  contentEnd: number;
  /** Offset just after the element. */
  end: number;
  /** The element was written `<x/>`. */
  selfClosing: boolean;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const NO_DECLS: Array<[string, string]> = [];
const ENTITY_RE = /&([^;&<]{0,12});?/g;

/** Whether a code point is an XML 1.0 Char. */
function isChar(cp: number): boolean {
  return cp >= 0x20 ? cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff) : cp === 0x9 || cp === 0xa || cp === 0xd;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}


function decodeEntities(s: string, offset: number): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY_RE, (m, ref: string) => {
    if (!m.endsWith(';')) throw new XmlParseError(`bare '&' (write &amp;)`, offset);
    switch (ref) {
      case 'amp': return '&';
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': return "'";
    }
    let cp = NaN;
    if (/^#x[0-9a-fA-F]+$/.test(ref)) cp = parseInt(ref.slice(2), 16);
    else if (/^#[0-9]+$/.test(ref)) cp = parseInt(ref.slice(1), 10);
    else throw new XmlParseError(`unknown entity or malformed reference '${m}' (only &amp; &lt; &gt; &quot; &apos; and character references)`, offset);
    if (!isChar(cp)) {
      throw new XmlParseError(`character reference '${m}' is ${cp > 0x10ffff ? 'beyond Unicode' : hexCodePoint(cp)}, which XML 1.0 does not allow`, offset);
    }
    return String.fromCodePoint(cp);
  });
}

function normalizeAttr(raw: string, offset: number): string {
  // XML 1.0 §3.3.3: each literal whitespace char becomes a space (after CRLF → LF).
  let v = raw;
  if (/[\t\n\r]/.test(v)) v = v.replace(/\r\n|[\t\n\r]/g, ' ');
  return decodeEntities(v, offset);
}

type Scope = Record<string, string>;

function fail(msg: string, at: number): never {
  throw new XmlParseError(msg, at);
}

/** End of the comment starting at `i` (`<!--`); `--` may not occur inside (XML 1.0 §2.5). */
function skipComment(xml: string, i: number): number {
  const e = xml.indexOf('--', i + 4);
  if (e < 0) fail('unterminated comment', i);
  if (xml.charCodeAt(e + 2) !== 0x3e /* > */) fail("'--' inside a comment", e);
  return e + 3;
}

/** End of the processing instruction starting at `i` (`<?`): a target name other than `xml`, then `?>`. */
function skipPi(xml: string, i: number): number {
  const ne = nameEnd(xml, i + 2);
  const target = xml.slice(i + 2, ne);
  if (target.toLowerCase() === 'xml') fail(i === 0 || (i === 1 && xml.charCodeAt(0) === 0xfeff) ? 'malformed XML declaration' : 'XML declaration not at the start of the document', i);
  if (target.includes(':')) fail(`processing instruction target ${target} contains ':'`, i);
  const c = xml.charCodeAt(ne);
  if (!(c === 0x3f && xml.charCodeAt(ne + 1) === 0x3e) && !isWs(c)) fail('expected whitespace after the processing instruction target', ne);
  const e = xml.indexOf('?>', ne);
  if (e < 0) fail('unterminated processing instruction', i);
  return e + 2;
}

const XML_DECL = /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]*"|'1\.[0-9]*')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/y;

/** Skips whitespace, comments and processing instructions outside the root element. */
function skipMisc(xml: string, i: number): number {
  const len = xml.length;
  for (;;) {
    while (i < len && isWs(xml.charCodeAt(i))) i++;
    if (xml.startsWith('<?', i)) {
      i = skipPi(xml, i);
    } else if (xml.startsWith('<!--', i)) {
      i = skipComment(xml, i);
    } else if (xml.startsWith('<!DOCTYPE', i)) {
      fail('DOCTYPE is not allowed in a CFDI', i);
    } else return i;
  }
}

// XML 1.0 (5th ed.) Name production. The ASCII regex is the fast path; a name with other
// characters is measured again with the full one.
const NAME_ASCII_RE = /[A-Za-z_:][\w.:-]*/y;
const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_RE = new RegExp(`[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]*`, 'uy');
/** End offset of the XML name starting at `i` (a sticky regex beats a charCodeAt loop here). */
function nameEnd(xml: string, i: number): number {
  NAME_ASCII_RE.lastIndex = i;
  let e = NAME_ASCII_RE.test(xml) ? NAME_ASCII_RE.lastIndex : i;
  if (e === i || xml.charCodeAt(e) >= 0x80) {
    NAME_RE.lastIndex = i;
    if (!NAME_RE.test(xml)) fail('expected a name', i);
    e = NAME_RE.lastIndex;
  }
  return e;
}

const NAME_START_RE = new RegExp(`^[${NAME_START}]`, 'u');
/** Namespaces 1.0: a qualified name has at most one colon, and both parts are NCNames. */
function checkQName(name: string, at: number): void {
  const c = name.indexOf(':');
  if (c >= 0 && (c === 0 || name.indexOf(':', c + 1) >= 0 || !NAME_START_RE.test(name.slice(c + 1)))) fail(`${name} is not a qualified name (prefix:local)`, at);
}

/**
 * Parses a whole document and returns its root element. Throws XmlParseError, with the
 * line and column, when the text is not well-formed.
 */
export function parseXml(xml: string): XNode {
  try {
    return parse(xml);
  } catch (e) {
    throw e instanceof XmlParseError ? located(e, xml) : e;
  }
}

/** Binds a namespace declaration into `scope`, refusing what Namespaces 1.0 forbids. */
function declare(scope: Scope, prefix: string, uri: string, at: number): void {
  if (prefix === 'xmlns') fail('the prefix xmlns cannot be declared', at);
  if (prefix === 'xml' ? uri !== XML_NS : uri === XML_NS) fail(`only the prefix xml is bound to ${XML_NS}`, at);
  if (uri === XMLNS_NS) fail(`${XMLNS_NS} cannot be bound`, at);
  if (prefix !== '' && uri === '') fail(`empty namespace for prefix ${prefix}`, at);
  scope[prefix] = uri;
}

/**
 * One function with local state (no closures over the cursor), so V8 keeps the cursor in
 * a register.
 */
function parse(xml: string): XNode {
  const len = xml.length;
  const bad = xml.search(NOT_XML_CHAR);
  if (bad >= 0) {
    const cp = xml.codePointAt(bad) as number;
    fail(`${hexCodePoint(cp)} is not a character XML 1.0 allows${cp < 0x20 ? ' (a control character)' : cp >= 0xd800 && cp <= 0xdfff ? ' (an unpaired surrogate)' : ''}`, bad);
  }
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (xml.startsWith('<?xml', i) && (isWs(xml.charCodeAt(i + 5)) || xml.charCodeAt(i + 5) === 0x3f)) {
    XML_DECL.lastIndex = i;
    if (!XML_DECL.test(xml)) fail('malformed XML declaration (<?xml version="1.0" encoding="…" standalone="…"?>)', i);
    const enc = /encoding[ \t\r\n]*=[ \t\r\n]*["']([^"']*)/.exec(xml.slice(i, XML_DECL.lastIndex));
    // The text reached us decoded as UTF-8, the only encoding of a CFDI.
    if (enc && enc[1].replace(/[^A-Za-z0-9]/g, '').toLowerCase() !== 'utf8') fail(`encoding "${enc[1]}" declared: a CFDI is read as UTF-8`, i);
    i = XML_DECL.lastIndex;
  }
  i = skipMisc(xml, i);
  if (xml.charCodeAt(i) !== 0x3c /* < */) fail(i >= len ? 'no root element' : 'content before the root element', i);

  const rootScope: Scope = Object.create(null);
  rootScope.xml = XML_NS;
  const nodes: XNode[] = [];
  const scopes: Scope[] = [];
  let root: XNode | undefined;

  for (;;) {
    // ── at '<' of a start tag ──
    const start = i;
    const ne = nameEnd(xml, i + 1);
    const name = xml.slice(i + 1, ne);
    i = ne;
    const attrs: Array<[string, string]> = [];
    let nsDecls: Array<[string, string]> | undefined;
    let prefixedAttrs = 0;
    for (;;) {
      const before = i;
      while (i < len && isWs(xml.charCodeAt(i))) i++;
      const c = xml.charCodeAt(i);
      if (c === 0x3e /* > */ || c === 0x2f /* / */) break;
      if (i >= len) fail('unterminated start tag', i);
      if (i === before) fail('expected whitespace between attributes', i);
      // Hand-rolled scan: attributes are most of a CFDI's bytes.
      let p = nameEnd(xml, i);
      const an = xml.slice(i, p);
      while (p < len && isWs(xml.charCodeAt(p))) p++;
      if (xml.charCodeAt(p) !== 0x3d /* = */) fail(`malformed attribute ${an}`, p);
      p++;
      while (p < len && isWs(xml.charCodeAt(p))) p++;
      const q = xml.charCodeAt(p);
      if (q !== 0x22 && q !== 0x27) fail(`attribute ${an} value must be quoted`, p);
      const e = xml.indexOf(q === 0x22 ? '"' : "'", p + 1);
      if (e < 0) fail('unterminated attribute value', p);
      const raw = xml.slice(p + 1, e);
      if (raw.indexOf('<') >= 0) fail(`'<' in the value of attribute ${an}`, p);
      const value = normalizeAttr(raw, p);
      if (an.charCodeAt(0) === 0x78 /* x */ && (an === 'xmlns' || an.startsWith('xmlns:'))) {
        checkQName(an, i);
        const prefix = an === 'xmlns' ? '' : an.slice(6);
        if (nsDecls) for (let k = 0; k < nsDecls.length; k++) if (nsDecls[k][0] === prefix) fail(`duplicate attribute ${an}`, i);
        (nsDecls ??= []).push([prefix, value]);
      } else {
        for (let k = 0; k < attrs.length; k++) if (attrs[k][0] === an) fail(`duplicate attribute ${an}`, i);
        if (an.indexOf(':') >= 0) {
          checkQName(an, i);
          prefixedAttrs++;
        }
        attrs.push([an, value]);
      }
      i = e + 1;
    }
    const depth = nodes.length;
    if (depth >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH} levels`, start);
    let scope = depth ? scopes[depth - 1] : rootScope;
    if (nsDecls) {
      scope = Object.create(scope) as Scope;
      for (let k = 0; k < nsDecls.length; k++) declare(scope, nsDecls[k][0], nsDecls[k][1], start);
    }
    const colon = name.indexOf(':');
    if (colon >= 0) checkQName(name, start);
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const ns = scope[prefix];
    if (ns === undefined && prefix !== '') fail(`unbound namespace prefix '${prefix}'`, start);
    if (prefixedAttrs) {
      // Namespaces 1.0: no two attributes with the same namespace and local name.
      const seen = new Set<string>();
      for (let k = 0; k < attrs.length; k++) {
        const an = attrs[k][0];
        const ac = an.indexOf(':');
        if (ac < 0) continue;
        const uri = scope[an.slice(0, ac)];
        if (uri === undefined) fail(`unbound namespace prefix '${an.slice(0, ac)}'`, start);
        const expanded = `{${uri}}${an.slice(ac + 1)}`;
        if (seen.has(expanded)) fail(`duplicate attribute ${expanded}`, start);
        seen.add(expanded);
      }
    }
    const node: XNode = {
      name,
      local: colon < 0 ? name : name.slice(colon + 1),
      ns: ns ?? '',
      attrs,
      nsDecls: nsDecls ?? NO_DECLS,
      children: [],
      text: '',
      tail: '',
      start,
      contentEnd: 0,
      end: 0,
      selfClosing: false,
    };
    if (depth) nodes[depth - 1].children.push(node);
    else root = node;
    if (xml.charCodeAt(i) === 0x2f) {
      if (xml.charCodeAt(i + 1) !== 0x3e) fail("expected '/>'", i);
      i += 2;
      node.selfClosing = true;
      node.contentEnd = i;
      node.end = i;
      if (!depth) break;
    } else {
      i++; // >
      nodes.push(node);
      scopes.push(scope);
    }

    // ── content until the next start tag (or the end of the root) ──
    let opened = false;
    while (nodes.length) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) fail(`unexpected end of document: <${nodes[nodes.length - 1].name}> is not closed`, len);
      if (lt > i) {
        let t = xml.slice(i, lt);
        if (t.indexOf(']]>') >= 0) fail("']]>' in text", i);
        if (t.indexOf('\r') >= 0) t = t.replace(/\r\n?/g, '\n');
        addText(nodes[nodes.length - 1], decodeEntities(t, i));
      }
      i = lt;
      const c = xml.charCodeAt(i + 1);
      if (c === 0x2f /* / */) {
        const at = i;
        const e = nameEnd(xml, i + 2);
        const endName = xml.slice(i + 2, e);
        i = e;
        while (i < len && isWs(xml.charCodeAt(i))) i++;
        if (xml.charCodeAt(i) !== 0x3e) fail("expected '>'", i);
        const top = nodes.pop() as XNode;
        scopes.pop();
        if (top.name !== endName) fail(`end tag </${endName}> does not match <${top.name}>`, at);
        i++;
        top.contentEnd = at;
        top.end = i;
      } else if (c === 0x21 /* ! */) {
        if (xml.startsWith('<!--', i)) {
          i = skipComment(xml, i);
        } else if (xml.startsWith('<![CDATA[', i)) {
          const e = xml.indexOf(']]>', i + 9);
          if (e < 0) fail('unterminated CDATA section', i);
          addText(nodes[nodes.length - 1], xml.slice(i + 9, e).replace(/\r\n?/g, '\n'));
          i = e + 3;
        } else fail('unexpected markup declaration', i);
      } else if (c === 0x3f /* ? */) {
        i = skipPi(xml, i);
      } else {
        opened = true;
        break;
      }
    }
    if (!opened) break;
  }
  i = skipMisc(xml, i);
  if (i < len) fail('content after the root element', i);
  return root as XNode;
}

/** Character data goes to the element's text before its first child, else to the last child's tail. */
function addText(n: XNode, t: string): void {
  const k = n.children.length;
  if (k === 0) n.text += t;
  else n.children[k - 1].tail += t;
}
