import { cfdi40999 } from './cfdi40999.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { fixtureContext, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40999, [
  { name: 'ingreso', doc: ingreso(), expect: 'ok' },
  { name: 'pago', doc: pago(), expect: 'ok' },
  { name: 'an RFC with a bad check pattern', doc: mutate(ingreso(), (c) => { c.Emisor.Rfc = 'EKU900317'; }), ctx: fixtureContext({}, { titularCsd: undefined }), expect: 'error' },
  { name: 'a pipe in Descripcion', doc: mutate(ingreso(), (c) => { c.Conceptos[0].Descripcion = 'A|B'; }), expect: 'error' },
  { name: 'a negative amount', doc: mutate(ingreso(), (c) => { c.Conceptos[0].ValorUnitario = '-250.00'; }), expect: 'error' },
  { name: 'February 30th', doc: mutate(ingreso(), (c) => { c.Fecha = '2025-02-30T10:00:00'; }), expect: 'error' },
  // issue 10 (b10), item 7: lengths are characters (code points), as the XSD counts them, not UTF-16 units.
  { name: 'a 1,000-character Descripcion with a 🎂 (1,001 UTF-16 units)', doc: mutate(ingreso(), (c) => { c.Conceptos[0].Descripcion = 'a'.repeat(999) + '🎂'; }), expect: 'ok' },
  { name: 'a 20-character Unidad of emoji', doc: mutate(ingreso(), (c) => { c.Conceptos[0].Unidad = '🎂'.repeat(20); }), expect: 'ok' },
  { name: 'a 1,001-character Descripcion', doc: mutate(ingreso(), (c) => { c.Conceptos[0].Descripcion = 'a'.repeat(1000) + '🎂'; }), expect: 'error' },
], { alwaysApplies: true });
