/**
 * The cadena of CFDIs that carry complements we do not model, against xsltproc with the
 * SAT stylesheet. Third-party CFDIs often hold non-SAT complements (and addenda-like
 * data in ComplementoConcepto) with nested children, indentation, comments, CDATA and
 * entities: the SAT stylesheet copies their text (whitespace included) into the cadena,
 * so `validate` must too, or refuse with "complemento no soportado", never report a
 * false CFDI40102.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateKey, sign } from 'node:crypto';
import { cadenaOriginal, UnsupportedComplementError } from '../../src/cfdi/cadena.ts';
import { readComprobante } from '../../src/cfdi/xml/read.ts';
import { writeComprobante } from '../../src/cfdi/xml/write.ts';
import { validateCfdiXml } from '../../src/rules/validate-files.ts';
import { MemoryCatalogs } from '../../src/rules/testing/memory-catalogs.ts';
import { makeTestCsd, TEST_NO_CERTIFICADO } from '../../src/rules/testing/sealed.ts';
import { rng } from './random-docs.ts';
import { skipOrFail } from './oracle.ts';
import { pool, skipReason, xsltCadena } from './support.ts';

const COUNT = Number(process.env.CFDI_COMPLEMENT_DOCS ?? 150);
const SEED = Number(process.env.CFDI_COMPLEMENT_SEED ?? 20261201);
const reason = skipReason(['xsltproc']);


const NS_URIS = ['urn:tercero:a', 'http://example.com/addenda/b', 'urn:x:y:z', 'http://www.proveedor.mx/complemento'];

/** A random well-formed element of non-SAT namespaces, as raw XML text. */
function randomComplement(r: () => number, depth = 0, declared = new Map<string, string>()): string {
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)];
  const scope = new Map(declared);
  const decls: string[] = [];
  let prefix = pick(['t', 'p2', 'add', '']);
  if (depth === 0 || r() < 0.25) {
    const uri = pick(NS_URIS);
    decls.push(prefix ? ` xmlns:${prefix}="${uri}"` : ` xmlns="${uri}"`);
    scope.set(prefix, uri);
  } else if (!scope.has(prefix)) prefix = [...scope.keys()][0];
  // Attributes in other namespaces and xml:*: never part of the cadena.
  const attrs: string[] = [];
  if (r() < 0.6) attrs.push(` Valor="${pick(['1 &amp; 2', 'a&#10;b', '&lt;x&gt;', 'ñ', ''])}"`);
  if (r() < 0.3) {
    decls.push(' xmlns:q="urn:q"');
    scope.set('q', 'urn:q');
    attrs.push(' q:Otro="z"');
  }
  if (r() < 0.2) attrs.push(' xml:lang="es-MX"');
  const name = `${prefix ? `${prefix}:` : ''}${pick(['Datos', 'Linea', 'Extra', 'Nodo', 'Pedido'])}`;
  const parts: string[] = [];
  const items = Math.floor(r() * 6);
  for (let k = 0; k < items; k++) {
    const x = r();
    if (x < 0.25) parts.push(pick(['\n  ', '\n\t\t', ' ', '\r\n    ', '  \n']));
    else if (x < 0.45) parts.push(pick(['texto', 'Ñandú 😀', 'a | b', '  varios   espacios  ', '1234.50', '&amp;&lt;&gt;&quot;&apos;', '&#9;&#10;&#13;', '&#xF1;&#x1F600;']));
    else if (x < 0.55) parts.push(pick(['<!-- comentario -->', '<!---->', '<?proceso datos?>']));
    else if (x < 0.65) parts.push(pick(['<![CDATA[<crudo> & ]] >]]>', '<![CDATA[]]>', '<![CDATA[\r\nlinea\r\n]]>']));
    else if (depth < 4) parts.push(randomComplement(r, depth + 1, scope));
    else parts.push(`<${name}Hoja/>`);
  }
  if (!parts.length && r() < 0.5) return `<${name}${decls.join('')}${attrs.join('')}/>`;
  return `<${name}${decls.join('')}${attrs.join('')}>${parts.join('')}</${name}>`;
}

function documentXml(complementos: string[], conceptoComplementos: string[], opts: { noCertificado?: string } = {}): string {
  const cc = conceptoComplementos.length ? `<cfdi:ComplementoConcepto>\n        ${conceptoComplementos.join('\n        ')}\n      </cfdi:ComplementoConcepto>` : '';
  const comp = complementos.length ? `\n  <cfdi:Complemento>\n    ${complementos.join('\n    ')}\n  </cfdi:Complemento>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Serie="A" Folio="7" Fecha="2025-06-01T10:00:00" NoCertificado="${opts.noCertificado ?? '30001000000500003416'}" SubTotal="100.00" Moneda="MXN" Total="116.00" TipoDeComprobante="I" Exportacion="01" MetodoPago="PUE" FormaPago="01" LugarExpedicion="42501">
  <cfdi:Emisor Rfc="EKU9003173C9" Nombre="ESCUELA KEMPER URGATE" RegimenFiscal="601"/>
  <cfdi:Receptor Rfc="URE180429TM6" Nombre="UNIVERSIDAD ROBOTICA ESPAÑOLA" DomicilioFiscalReceptor="86991" RegimenFiscalReceptor="601" UsoCFDI="G01"/>
  <cfdi:Conceptos>
    <cfdi:Concepto ClaveProdServ="01010101" Cantidad="1" ClaveUnidad="H87" Descripcion="Venta" ValorUnitario="100.00" Importe="100.00" ObjetoImp="02">
      <cfdi:Impuestos><cfdi:Traslados><cfdi:Traslado Base="100.00" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.160000" Importe="16.00"/></cfdi:Traslados></cfdi:Impuestos>
      ${cc}
    </cfdi:Concepto>
  </cfdi:Conceptos>
  <cfdi:Impuestos TotalImpuestosTrasladados="16.00"><cfdi:Traslados><cfdi:Traslado Base="100.00" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.160000" Importe="16.00"/></cfdi:Traslados></cfdi:Impuestos>${comp}
</cfdi:Comprobante>
`;
}

describe(`cadena of unknown complements = xsltproc (${COUNT} random documents, seed ${SEED})`, () => {
  let dir = '';
  before(() => {
    if (!reason) dir = mkdtempSync(join(tmpdir(), 'cfdi-complements-'));
  });

  test('read → cadena, and read → write → read → cadena, equal the SAT stylesheet', async (t) => {
    if (reason) return skipOrFail(t, reason);
    const r = rng(SEED);
    const docs = Array.from({ length: COUNT }, (_, k) => {
      const n = 1 + Math.floor(r() * 3);
      const comps = Array.from({ length: n }, () => randomComplement(r));
      const cc = r() < 0.5 ? [randomComplement(r)] : [];
      return { k, xml: documentXml(comps, cc) };
    });
    let withText = 0;
    const failures = (
      await pool(docs, 2, async ({ k, xml }) => {
        const file = join(dir, `doc-${k}.xml`);
        writeFileSync(file, xml);
        const expected = await xsltCadena(file);
        const c = readComprobante(xml);
        const ours = cadenaOriginal(c);
        const rewritten = writeComprobante(c);
        const file2 = join(dir, `doc-${k}.rewritten.xml`);
        writeFileSync(file2, rewritten);
        const expected2 = await xsltCadena(file2);
        const ours2 = cadenaOriginal(readComprobante(rewritten));
        if (/\|16\.00\|.+\|\|$/s.test(expected)) withText++;
        return ours === expected && expected2 === expected && ours2 === expected ? undefined : { file, expected, ours, expected2, ours2 };
      })
    ).filter((x) => x !== undefined);
    assert.deepEqual(failures.slice(0, 3), []);
    // The generator must exercise the point: most documents put complement text in the cadena.
    assert.ok(withText > COUNT / 3, `only ${withText} documents had complement text`);
  });

  test('an indented complement with nested children: exact bytes (regression: whitespace was dropped)', async (t) => {
    if (reason) return skipOrFail(t, reason);
    const comp = '<t:Datos xmlns:t="urn:tercero:a" Orden="9">\n      <t:Linea>uno</t:Linea>\n      <t:Linea> dos  </t:Linea>\n    </t:Datos>';
    const xml = documentXml([comp], []);
    const file = join(dir, 'indented.xml');
    writeFileSync(file, xml);
    const expected = await xsltCadena(file);
    assert.ok(expected.endsWith('|16.00\n      uno\n       dos  \n    ||'), JSON.stringify(expected.slice(-40)));
    assert.equal(cadenaOriginal(readComprobante(xml)), expected);
  });

  test('a sealed third-party CFDI with such complements passes CFDI40102 in validate', async (t) => {
    if (reason) return skipOrFail(t, reason);
    const csd = await makeTestCsd();
    const r = rng(SEED + 1);
    for (let k = 0; k < 5; k++) {
      const unsealed = documentXml([randomComplement(r), '<p2:Vacio xmlns:p2="urn:x:y:z">\n</p2:Vacio>'], [randomComplement(r)], { noCertificado: TEST_NO_CERTIFICADO });
      const file = join(dir, `sealed-${k}.xml`);
      writeFileSync(file, unsealed);
      // Signed over the SAT stylesheet's cadena: independent of the code under test.
      const cadena = await xsltCadena(file);
      const sello = sign('RSA-SHA256', Buffer.from(cadena, 'utf8'), createPrivateKey({ key: csd.keyDer, format: 'der', type: 'pkcs8' })).toString('base64');
      const xml = unsealed.replace(' Version="4.0"', ` Version="4.0" Sello="${sello}" Certificado="${csd.certDer.toString('base64')}"`);
      const v = await validateCfdiXml(xml, { catalogs: new MemoryCatalogs() });
      assert.equal(v.findings.find((f) => f.code === 'CFDI40102')?.status, 'ok', `document ${k}`);
    }
  });
});

describe('complements the cadena cannot reproduce are refused, not misjudged', () => {
  test('an unknown complement holding an element of a namespace the SAT stylesheet has templates for', async () => {
    const csd = await makeTestCsd();
    for (const inner of ['<cfdi:Concepto xmlns:cfdi="http://www.sat.gob.mx/cfd/4" ClaveProdServ="1"/>', '<implocal:ImpuestosLocales xmlns:implocal="http://www.sat.gob.mx/implocal" Version="1.0"/>']) {
      const xml = documentXml([`<t:Datos xmlns:t="urn:tercero:a">x${inner}</t:Datos>`], []);
      assert.throws(() => cadenaOriginal(readComprobante(xml)), (e) => e instanceof UnsupportedComplementError && /^complemento no soportado: t:Datos \(urn:tercero:a\): contiene /.test(e.message));
      const v = await validateCfdiXml(xml.replace(' Version="4.0"', ` Version="4.0" Sello="AAAA" Certificado="${csd.certDer.toString('base64')}"`), { catalogs: new MemoryCatalogs() });
      const f = v.findings.find((x) => x.code === 'CFDI40102')!;
      assert.equal(f.status, 'notChecked');
      assert.match(f.detail!, /complemento no soportado: t:Datos/);
    }
  });

  test('a SAT complement without our template names itself', () => {
    const xml = documentXml(['<implocal:ImpuestosLocales xmlns:implocal="http://www.sat.gob.mx/implocal" version="1.0" TotaldeRetenciones="0" TotaldeTraslados="0"/>'], []);
    assert.throws(() => cadenaOriginal(readComprobante(xml)), /complemento no soportado: implocal:ImpuestosLocales \(http:\/\/www\.sat\.gob\.mx\/implocal\)/);
  });
});
