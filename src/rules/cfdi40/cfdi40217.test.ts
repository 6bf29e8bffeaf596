import { cfdi40217 } from './cfdi40217.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { exento, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40217, [
  { name: 'IVA', doc: ingreso(), expect: 'ok' },
  { name: 'unknown', doc: mutate(exento(), (c) => { c.Impuestos!.Traslados[0].Impuesto = '004'; }), expect: 'error', alsoFires: ['CFDI40216', 'CFDI40221'] },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
