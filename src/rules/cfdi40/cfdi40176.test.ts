import { cfdi40176 } from './cfdi40176.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40176, [
  { name: 'Tasa', doc: ingreso(), expect: 'ok' },
  { name: 'unknown', doc: mutate(ingreso(), (c) => { c.Conceptos[1].Impuestos!.Traslados[0].TipoFactor = 'Porcentaje'; }), expect: 'error', alsoFires: ['CFDI40215', 'CFDI40221'] },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
