/**
 * Well-formedness of our XML reader against xmllint (libxml2) as the oracle: seeded
 * random mutations of a CFDI-like document must be refused by us exactly when xmllint
 * refuses them (an XML 1.0 error, or a Namespaces 1.0 error that xmllint reports on
 * stderr). Our one deliberate difference, the refusal of any DOCTYPE, is never
 * generated; nesting is kept far below MAX_DEPTH.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { parseXml, XmlParseError } from '../../src/cfdi/xml/parse.ts';
import { rng } from './random-docs.ts';
import { skipOrFail } from './oracle.ts';
import { pool } from './support.ts';

const COUNT = Number(process.env.CFDI_XML_FUZZ_CASES ?? 800);
const SEED = Number(process.env.CFDI_XML_FUZZ_SEED ?? 13);
const noXmllint = spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).error ? 'xmllint not installed (apt-get install libxml2-utils)' : undefined;

const SEEDS = [
  `<?xml version="1.0" encoding="UTF-8"?>
<!-- emitido por un ERP -->
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="4.0" Fecha="2025-01-01T00:00:00" Total="1&#10;2">
  <cfdi:Emisor Rfc="H&amp;E951128469" Nombre='Niño "ñandú"'/>
  <cfdi:Conceptos><cfdi:Concepto Descripcion="a&#x9;b &lt; c"/></cfdi:Conceptos>
  <cfdi:Complemento><t:Datos xmlns:t="urn:t" xml:lang="es">uno <t:B>dos</t:B><![CDATA[<tres>]]> &#x1F600; <?proc x?></t:Datos></cfdi:Complemento>
</cfdi:Comprobante>
`,
  `<a><b c="1" d='2'>t&amp;t<e/>t</b><!--c--><?p?></a>`,
  `<?xml version='1.0' standalone='no'?><r xmlns="urn:d" xmlns:p="urn:p" p:x="1" y="2"><p:s>&#169;&lt;&gt;&quot;&apos;</p:s></r>`,
];

const SNIPPETS = [
  '<', '>', '&', '&amp;', '&#1;', '&#x9;', '&#xFFFE;', '&#0;', '&#x110000;', '&#55296;', '&#xDFFF;', '&foo;', '&#x41', '"', "'", '=', '/', ':',
  '<!--', '-->', '--', '<!---->', '<![CDATA[', ']]>', '<?', '?>', '<?xml version="1.0"?>', '<?pi x?>', '<? x?>', '<?xml-stylesheet?>',
  '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\u007F', '\u0085', '\uFFFE', '\uFFFF', '\u00A0', '\u00D7', '\u0300', '\u00B7', 'ñ', '😀',
  ' ', '\t', '\n', '\r', '\r\n', 'x', '1', '-', '.', ' xmlns:q="urn:q"', ' xmlns:q=""', ' a="1"', ' a="1" a="2"', ' q:a="1"', ' xmlns:xml="urn:x"',
  '<b>', '</b>', '<b/>', '</x>', '<q:b/>', ' xmlns="urn:z"',
];

/** Mostly harmless wherever they land (in text, values, names, between attributes). */
const BENIGN = [' ', 'x', '1', '-', '.', 'ñ', '😀', '\n', '\t', '\u0085', '\u00A0', '&amp;', '&#x9;', '&#241;', '_'];

function mutate(r: () => number, s: string): string {
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const n = r() < 0.7 ? 1 : 2;
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * (s.length + 1));
    const x = r();
    if (x < 0.45) s = s.slice(0, at) + pick(BENIGN) + s.slice(at);
    else if (x < 0.6) s = s.slice(0, at) + pick(SNIPPETS) + s.slice(at);
    else if (x < 0.75) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 4));
    else if (x < 0.9) s = s.slice(0, at) + pick(SNIPPETS) + s.slice(at + 1);
    else {
      const len = 1 + Math.floor(r() * 12);
      s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
    }
  }
  // Never split a surrogate pair: a lone surrogate cannot even be written as UTF-8 for xmllint.
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, 'x');
}

/**
 * xmllint's verdict: refused when it fails, or reports a namespace error. Its check that
 * namespace names are valid URIs (reported, then parsed anyway) is libxml2's own
 * reading of RFC 3986, which we do not copy: such a report alone is no verdict.
 */
function xmllintVerdict(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' }, (err, _out, stderr) => {
      const errors = stderr.split('\n').filter((l) => /error/.test(l) && !/is not a valid URI/.test(l));
      resolve(!err && errors.length === 0);
    });
  });
}

/** Our verdict; `policy` when we refuse by choice what XML allows (an encoding other than UTF-8). */
function ours(xml: string): boolean | 'policy' {
  try {
    parseXml(xml);
    return true;
  } catch (e) {
    if (!(e instanceof XmlParseError)) throw e;
    return /^encoding "/.test(e.reason) ? 'policy' : false;
  }
}

describe(`XML well-formedness = xmllint (${COUNT} mutated documents, seed ${SEED})`, () => {
  test('the seeds are well-formed for both', async (t) => {
    if (noXmllint) return skipOrFail(t, noXmllint);
    const dir = mkdtempSync(join(tmpdir(), 'cfdi-xmlfuzz-'));
    for (const [k, s] of SEEDS.entries()) {
      const f = join(dir, `seed-${k}.xml`);
      writeFileSync(f, s);
      assert.equal(await xmllintVerdict(f), true, s);
      assert.equal(ours(s), true, s);
    }
  });

  test('every mutation gets the same verdict from both', async (t) => {
    if (noXmllint) return skipOrFail(t, noXmllint);
    const dir = mkdtempSync(join(tmpdir(), 'cfdi-xmlfuzz-'));
    const r = rng(SEED);
    const cases = Array.from({ length: COUNT }, (_, k) => ({ k, xml: mutate(r, SEEDS[k % SEEDS.length]) }));
    let refused = 0;
    const disagreements = (
      await pool(cases, 2, async ({ k, xml }) => {
        const f = join(dir, `case-${k}.xml`);
        writeFileSync(f, xml);
        const expected = await xmllintVerdict(f);
        if (!expected) refused++;
        const got = ours(xml);
        if (got === 'policy') return undefined;
        return got === expected ? undefined : { file: f, xmllint: expected ? 'accepts' : 'refuses', ours: got ? 'accepts' : 'refuses', xml: JSON.stringify(xml).slice(0, 400) };
      })
    ).filter((x) => x !== undefined);
    assert.deepEqual(disagreements.slice(0, 5), []);
    // Both verdicts must be well represented, or the comparison proves little.
    assert.ok(refused > COUNT / 4 && refused < COUNT * 0.85, `${refused} of ${COUNT} refused`);
  });
});
