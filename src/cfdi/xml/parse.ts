/**
 * A small, strict, namespace-aware XML parser for CFDI documents.
 *
 * Why our own: a CFDI is a few kB of attributes; a focused scanner reads one in a
 * fraction of the time of a general parser, resolves namespaces (so any prefix works),
 * applies XML attribute-value normalisation (literal TAB/CR/LF become spaces; char
 * references survive), and records element offsets so the test PAC can insert the TFD
 * into the original text without re-serialising. DTDs are refused (no entity expansion).
 */

export class XmlParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`malformed XML at offset ${offset}: ${message}`);
    this.name = 'XmlParseError';
  }
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
  /** Concatenated character data directly inside this element. */
  text: string;
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
const NO_DECLS: Array<[string, string]> = [];
const ENTITY_RE = /&([^;&<]{0,12});?/g;

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
    if (!(cp >= 1 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw new XmlParseError(`unknown or invalid reference '${m}'`, offset);
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

/** Skips whitespace, comments and processing instructions outside the root element. */
function skipMisc(xml: string, i: number): number {
  const len = xml.length;
  for (;;) {
    while (i < len && isWs(xml.charCodeAt(i))) i++;
    if (xml.startsWith('<?', i)) {
      const e = xml.indexOf('?>', i + 2);
      if (e < 0) fail('unterminated processing instruction', i);
      i = e + 2;
    } else if (xml.startsWith('<!--', i)) {
      const e = xml.indexOf('-->', i + 4);
      if (e < 0) fail('unterminated comment', i);
      i = e + 3;
    } else if (xml.startsWith('<!DOCTYPE', i)) {
      fail('DOCTYPE is not allowed in a CFDI', i);
    } else return i;
  }
}

const NAME_RE = /[A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7\u00C0-\uFFFF]*/y;
/** End offset of the XML name starting at `i` (a sticky regex beats a charCodeAt loop here). */
function nameEnd(xml: string, i: number): number {
  NAME_RE.lastIndex = i;
  if (!NAME_RE.test(xml)) fail('expected a name', i);
  return NAME_RE.lastIndex;
}

/**
 * Parses a whole document and returns its root element. One function with local
 * state (no closures over the cursor), so V8 keeps the cursor in a register.
 */
export function parseXml(xml: string): XNode {
  const len = xml.length;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
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
      i = e + 1;
      if (an.charCodeAt(0) === 0x78 /* x */ && (an === 'xmlns' || an.startsWith('xmlns:'))) {
        if (an !== 'xmlns' && value === '') fail(`empty namespace for prefix ${an.slice(6)}`, p);
        (nsDecls ??= []).push([an === 'xmlns' ? '' : an.slice(6), value]);
      } else {
        for (let k = 0; k < attrs.length; k++) if (attrs[k][0] === an) fail(`duplicate attribute ${an}`, p);
        attrs.push([an, value]);
      }
    }
    const depth = nodes.length;
    let scope = depth ? scopes[depth - 1] : rootScope;
    if (nsDecls) {
      scope = Object.create(scope) as Scope;
      for (let k = 0; k < nsDecls.length; k++) scope[nsDecls[k][0]] = nsDecls[k][1];
    }
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const ns = scope[prefix];
    if (ns === undefined && prefix !== '') fail(`unbound namespace prefix '${prefix}'`, start);
    for (let k = 0; k < attrs.length; k++) {
      const an = attrs[k][0];
      const ac = an.indexOf(':');
      if (ac > 0 && scope[an.slice(0, ac)] === undefined) fail(`unbound namespace prefix '${an.slice(0, ac)}'`, start);
    }
    const node: XNode = {
      name,
      local: colon < 0 ? name : name.slice(colon + 1),
      ns: ns ?? '',
      attrs,
      nsDecls: nsDecls ?? NO_DECLS,
      children: [],
      text: '',
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
      if (lt < 0) fail('unexpected end of document (unclosed element)', len);
      if (lt > i) {
        const top = nodes[nodes.length - 1];
        let t = xml.slice(i, lt);
        if (t.indexOf(']]>') >= 0) fail("']]>' in text", i);
        if (t.indexOf('\r') >= 0) t = t.replace(/\r\n?/g, '\n');
        top.text += decodeEntities(t, i);
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
          const e = xml.indexOf('-->', i + 4);
          if (e < 0) fail('unterminated comment', i);
          i = e + 3;
        } else if (xml.startsWith('<![CDATA[', i)) {
          const e = xml.indexOf(']]>', i + 9);
          if (e < 0) fail('unterminated CDATA section', i);
          nodes[nodes.length - 1].text += xml.slice(i + 9, e).replace(/\r\n?/g, '\n');
          i = e + 3;
        } else fail('unexpected markup declaration', i);
      } else if (c === 0x3f /* ? */) {
        const e = xml.indexOf('?>', i + 2);
        if (e < 0) fail('unterminated processing instruction', i);
        i = e + 2;
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
