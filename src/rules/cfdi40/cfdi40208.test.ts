import { cfdi40208 } from './cfdi40208.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40208, [
  { name: 'one row per tax', doc: ingreso(), expect: 'ok' },
  { name: 'ISR twice', doc: mutate(ingreso(), (c) => { c.Impuestos!.Retenciones = [{ Impuesto: '001', Importe: '25.00' }, { Impuesto: '001', Importe: '25.00' }, { Impuesto: '002', Importe: '53.33' }]; }), expect: 'error', alsoFires: ['CFDI40211'] },
  { name: 'none', doc: global(), expect: 'notApplicable' },
]);
