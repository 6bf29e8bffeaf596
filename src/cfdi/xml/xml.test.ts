import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DEPTH, parseXml, XmlParseError } from './parse.ts';
import { CfdiReadError, readComprobante } from './read.ts';
import { writeComprobante, escapeAttr, escapeText, XmlCharacterError } from './write.ts';
import type { Comprobante } from '../model.ts';

const NS = 'http://www.sat.gob.mx/cfd/4';

function minimal(): Comprobante {
  return {
    Version: '4.0',
    Fecha: '2025-01-01T00:00:00',
    SubTotal: '10.00',
    Moneda: 'MXN',
    Total: '11.60',
    TipoDeComprobante: 'I',
    Exportacion: '01',
    LugarExpedicion: '42501',
    NoCertificado: '30001000000500003416',
    CfdiRelacionados: [{ TipoRelacion: '01', CfdiRelacionado: [{ UUID: 'A39DA66B-52CA-49E3-879B-5C05185B0EF7' }] }],
    Emisor: { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
    Receptor: { Rfc: 'H&E951128469', Nombre: 'A "B" <C> \t D\nE\r\n', DomicilioFiscalReceptor: '42501', RegimenFiscalReceptor: '601', UsoCFDI: 'G03' },
    Conceptos: [
      {
        ClaveProdServ: '01010101',
        Cantidad: '1',
        ClaveUnidad: 'H87',
        Descripcion: 'Niño  ñandú ‘x’ €',
        ValorUnitario: '10.00',
        Importe: '10.00',
        ObjetoImp: '02',
        Impuestos: { Traslados: [{ Base: '10.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '1.60' }], Retenciones: [] },
        InformacionAduanera: [{ NumeroPedimento: '23  47  3807  8003832' }],
        CuentaPredial: [{ Numero: '123ABC' }],
        Parte: [{ ClaveProdServ: '01010101', Cantidad: '1', Descripcion: 'p', InformacionAduanera: [{ NumeroPedimento: '23  47  3807  8003833' }] }],
      },
    ],
    Impuestos: { TotalImpuestosTrasladados: '1.60', Retenciones: [], Traslados: [{ Base: '10.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '1.60' }] },
    Addenda: [{ name: 'x:Extra', ns: 'urn:example', attrs: [['a', '1 & 2']], children: [], text: 'hola' }],
  };
}

describe('XML writer and reader', () => {
  test('round trip keeps every value exactly, including whitespace and special characters', () => {
    const c = minimal();
    const xml = writeComprobante(c);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4"'));
    assert.match(xml, /Nombre="A &quot;B&quot; &lt;C&gt; &#9; D&#10;E&#13;&#10;"/);
    const back = readComprobante(xml);
    // Absent attributes are undefined properties in the model; compare without them.
    assert.deepEqual(JSON.parse(JSON.stringify(back)), c);
  });

  test('children in schema order, attributes in schema order', () => {
    const xml = writeComprobante(minimal());
    const order = [...xml.matchAll(/<cfdi:(\w+)/g)].map((m) => m[1]);
    assert.deepEqual(order, ['Comprobante', 'CfdiRelacionados', 'CfdiRelacionado', 'Emisor', 'Receptor', 'Conceptos', 'Concepto', 'Impuestos', 'Traslados', 'Traslado', 'InformacionAduanera', 'CuentaPredial', 'Parte', 'InformacionAduanera', 'Impuestos', 'Traslados', 'Traslado', 'Addenda']);
    const root = xml.match(/<cfdi:Comprobante[^>]*>/)![0];
    const names = [...root.matchAll(/ (\w+)="/g)].map((m) => m[1]);
    assert.deepEqual(names, ['Version', 'Fecha', 'NoCertificado', 'SubTotal', 'Moneda', 'Total', 'TipoDeComprobante', 'Exportacion', 'LugarExpedicion']);
    assert.match(xml, /<x:Extra xmlns:x="urn:example" a="1 &amp; 2">hola<\/x:Extra>/);
  });

  test('reader is prefix-agnostic and applies attribute-value normalisation', () => {
    const xml = `<?xml version="1.0"?>
<!-- comment -->
<Comprobante xmlns="${NS}" Total="1" Version="4.0" Fecha="2025-01-01T00:00:00" SubTotal="1" Moneda="MXN" TipoDeComprobante="I" Exportacion="01" LugarExpedicion="42501">
  <Emisor Rfc="EKU9003173C9" Nombre="A\tB
C&#10;D" RegimenFiscal="601"/>
  <Receptor Rfc="XAXX010101000" Nombre="P" DomicilioFiscalReceptor="42501" RegimenFiscalReceptor="616" UsoCFDI="S01"></Receptor>
  <Conceptos><Concepto ClaveProdServ="1" Cantidad="1" ClaveUnidad="H87" Descripcion="&#xF1;&lt;" ValorUnitario="1" Importe="1" ObjetoImp="01"/></Conceptos>
</Comprobante>`;
    const c = readComprobante(xml);
    assert.equal(c.Emisor.Nombre, 'A B C\nD');
    assert.equal(c.Conceptos[0].Descripcion, 'ñ<');
    assert.equal(c.Total, '1');
  });

  test('malformed XML throws XmlParseError', () => {
    const bad = [
      '',
      '<a>',
      '<a></b>',
      '<a x="1" x="2"/>',
      '<a x=1/>',
      '<a>&nbsp;</a>',
      '<a>&</a>',
      '<p:a/>',
      '<!DOCTYPE a [<!ENTITY e "x">]><a/>',
      '<a/><b/>',
      'text<a/>',
      '<a x="1"y="2"/>',
      '<a x="1/>',
      '<a x="<"/>',
      '<a x="&#0;"/>',
      '<a><!-- open</a>',
      '<a><![CDATA[x</a>',
      '<a></a >x',
      '<a xmlns:p=""/>',
      '<1a/>',
    ];
    for (const x of bad) assert.throws(() => parseXml(x), XmlParseError, x);
  });

  test('characters outside XML 1.0, raw or as references, are refused with their position', () => {
    const cases: Array<[string, RegExp]> = [
      ['<a>&#1;</a>', /character reference '&#1;' is U\+0001, which XML 1\.0 does not allow/],
      ['<a x="&#x1F;"/>', /U\+001F/],
      ['<a>&#xFFFE;</a>', /U\+FFFE/],
      ['<a>&#xD800;</a>', /U\+D800/],
      ['<a>&#x110000;</a>', /beyond Unicode/],
      ['<a>\u0001</a>', /U\+0001 is not a character XML 1\.0 allows \(a control character\)/],
      ['<a x="\u0008"/>', /U\+0008/],
      ['<a><!-- \u001B --></a>', /U\+001B/],
      ['<a><![CDATA[\u000B]]></a>', /U\+000B/],
      ['<a><?p \u000C?></a>', /U\+000C/],
      ['<a>\uFFFF</a>', /U\+FFFF/],
      ['<a>\uD83D</a>', /U\+D83D is not a character XML 1\.0 allows \(an unpaired surrogate\)/],
      ['<a>x\uDE00</a>', /U\+DE00/],
    ];
    for (const [x, re] of cases) assert.throws(() => parseXml(x), (e) => e instanceof XmlParseError && re.test(e.message), JSON.stringify(x));
    assert.throws(() => parseXml('<a>\n  <b>\u0001</b>\n</a>'), /malformed XML at line 2, column 6 \(offset 9\): U\+0001/);
    // Allowed: TAB/LF/CR, C1 controls, NBSP, astral characters.
    assert.equal(parseXml('<a x="&#9;&#x85;">\u0085\u00A0😀&#x1F600;&#xD7FF;&#xE000;&#xFFFD;&#x10FFFF;</a>').text, '\u0085\u00A0😀😀\uD7FF\uE000\uFFFD\u{10FFFF}');
  });

  test('nesting deeper than MAX_DEPTH is refused, not a stack overflow', () => {
    const nest = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    assert.equal(parseXml(nest(MAX_DEPTH)).name, 'a');
    assert.throws(() => parseXml(nest(MAX_DEPTH + 1)), new RegExp(`elements nested deeper than ${MAX_DEPTH} levels`));
    assert.throws(() => parseXml(nest(50_000)), XmlParseError);
    // Inside a complement, where the reader and the cadena recurse.
    const deep = `<cfdi:Comprobante xmlns:cfdi="${NS}" Version="4.0"><cfdi:Complemento>${'<x:a xmlns:x="urn:x">'.repeat(50_000)}${'</x:a>'.repeat(50_000)}</cfdi:Complemento></cfdi:Comprobante>`;
    assert.throws(() => readComprobante(deep), XmlParseError);
  });

  test('other well-formedness and namespace errors', () => {
    const bad = [
      '<a><!-- a -- b --></a>',
      '<a><!-- a ---></a>',
      ' <?xml version="1.0"?><a/>',
      '<a/><?xml version="1.0"?>',
      '<a><?xml x?></a>',
      '<?xml version="1.0" encoding="UTF-8" standalone="maybe"?><a/>',
      '<?xml encoding="UTF-8"?><a/>',
      '<?xml version="2.0"?><a/>',
      '<?xml version="1.0" encoding="ISO-8859-1"?><a/>',
      '<a><? x?></a>',
      '<a:b:c xmlns:a="urn:a"/>',
      '<:a/>',
      '<a xmlns:p="urn:p" p:-x="1"/>',
      '<a xmlns:p="urn:p" xmlns:p="urn:q"/>',
      '<a xmlns="urn:p" xmlns="urn:q"/>',
      '<a xmlns:p="urn:u" xmlns:q="urn:u" p:x="1" q:x="2"/>',
      '<a xmlns:xml="urn:x"/>',
      '<a xmlns:xmlns="urn:x"/>',
      '<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>',
      '<a xmlns="http://www.w3.org/2000/xmlns/"/>',
      '<a\u00D7/>',
      '<a>&#x41</a>',
      '<a>&foo;</a>',
      '<a><b></a></b>',
      '<a>',
    ];
    for (const x of bad) assert.throws(() => parseXml(x), XmlParseError, JSON.stringify(x));
    const good = [
      '<?xml version=\'1.0\' encoding=\'UTF-8\' standalone=\'yes\'?><a/>',
      '<?xml version="1.0"?>\n<?xml-stylesheet href="x"?><a><?pi?><!----></a>',
      '<año Año="1" xmlns:ñ="urn:n" ñ:b="2" xml:lang="es"/>',
      '<a xmlns:p="urn:p" xmlns:q="urn:q" p:x="1" q:x="2" x="3"/>',
      '<a xmlns="" xmlns:p="http://u@h:80/a/b?c#d"/>',
    ];
    for (const x of good) assert.doesNotThrow(() => parseXml(x), JSON.stringify(x));
  });

  test('character data keeps its place around child elements', () => {
    const n = parseXml('<a>\n  uno<b>dos</b> tres <c/><!-- x -->\n</a>');
    assert.equal(n.text, '\n  uno');
    assert.deepEqual(n.children.map((c) => [c.text, c.tail]), [['dos', ' tres '], ['', '\n']]);
  });

  test('comments, PIs, CDATA, BOM and CRLF are handled as XML says', () => {
    const n = parseXml('\ufeff<?xml version="1.0"?>\r\n<a x = \'1\'><?pi x?><!-- c --><![CDATA[<&>]]>t\r\nu&amp;<b/></a >\r\n<!-- after -->');
    assert.equal(n.name, 'a');
    assert.deepEqual(n.attrs, [['x', '1']]);
    assert.equal(n.text, '<&>t\nu&');
    assert.equal(n.children[0].name, 'b');
  });

  test('well-formed but not a CFDI 4.0 throws CfdiReadError', () => {
    assert.throws(() => readComprobante('<a/>'), CfdiReadError);
    assert.throws(() => readComprobante(`<c:Comprobante xmlns:c="http://www.sat.gob.mx/cfd/3" Version="3.3"/>`), CfdiReadError);
  });

  test('complements and addenda keep their own namespace declarations and text', () => {
    const xml = `<cfdi:Comprobante xmlns:cfdi="${NS}" Version="4.0" Fecha="2025-01-01T00:00:00" SubTotal="1" Moneda="MXN" Total="1" TipoDeComprobante="I" Exportacion="01" LugarExpedicion="42501">
  <cfdi:Emisor Rfc="EKU9003173C9" Nombre="E" RegimenFiscal="601"/>
  <cfdi:Receptor Rfc="XAXX010101000" Nombre="P" DomicilioFiscalReceptor="42501" RegimenFiscalReceptor="616" UsoCFDI="S01"/>
  <cfdi:Conceptos><cfdi:Concepto ClaveProdServ="1" Cantidad="1" ClaveUnidad="H87" Descripcion="d" ValorUnitario="1" Importe="1" ObjetoImp="01"/></cfdi:Conceptos>
  <cfdi:Addenda><x:A xmlns:x="urn:x" xmlns:y="urn:y" y:attr="1 &amp; 2"><y:B>texto &lt;ñ&gt;</y:B><C xmlns="urn:c"/></x:A></cfdi:Addenda>
</cfdi:Comprobante>`;
    const c = readComprobante(xml);
    const a = c.Addenda![0];
    assert.equal(a.name, 'x:A');
    assert.deepEqual(a.attrs, [['xmlns:y', 'urn:y'], ['y:attr', '1 & 2']]);
    assert.deepEqual(a.children.map((k) => [k.name, k.ns, k.text]), [['y:B', 'urn:y', 'texto <ñ>'], ['C', 'urn:c', undefined]]);
    const again = readComprobante(writeComprobante(c));
    assert.deepEqual(again.Addenda, c.Addenda);
  });

  test('escaping', () => {
    assert.equal(escapeAttr('a&b<c>d"e\tf\ng\rh'), 'a&amp;b&lt;c&gt;d&quot;e&#9;f&#10;g&#13;h');
    assert.equal(escapeAttr("plain 'ok'"), "plain 'ok'");
    assert.equal(escapeAttr('emoji 🙂 ñ'), 'emoji 🙂 ñ');
    assert.equal(escapeText('a\r\nb & c'), 'a&#13;\nb &amp; c');
    for (const bad of ['\u0000', 'x\u0007', '\u001f', '\ufffe', '\ud800', 'a\udc00b']) {
      assert.throws(() => escapeAttr(bad), XmlCharacterError, JSON.stringify(bad));
    }
    const c = minimal();
    c.Conceptos[0].Descripcion = 'control \u0002 char';
    assert.throws(() => writeComprobante(c), /U\+0002 cannot be written in XML 1\.0/);
  });
});
