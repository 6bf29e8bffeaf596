import { cfdi40177 } from './cfdi40177.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { exento, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40177, [
  { name: 'Exento with Base only', doc: exento(), expect: 'ok' },
  { name: 'Exento with a rate', doc: mutate(exento(), (c) => { c.Conceptos[0].Impuestos!.Traslados[0].TasaOCuota = '0.000000'; }), expect: 'error' },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
