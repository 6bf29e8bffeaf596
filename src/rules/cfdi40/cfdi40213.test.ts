import { cfdi40213 } from './cfdi40213.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { exento, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40213, [
  { name: 'Exento row with Base only', doc: exento(), expect: 'ok' },
  { name: 'Exento row with Importe', doc: mutate(exento(), (c) => { c.Impuestos!.Traslados[0].Importe = '0.00'; }), expect: 'error' },
  { name: 'no Exento', doc: ingreso(), expect: 'notApplicable' },
]);
