import { cfdi40209 } from './cfdi40209.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40209, [
  { name: 'totalled', doc: ingreso(), expect: 'ok' },
  { name: 'concept retentions not totalled', doc: mutate(ingreso(), (c) => { c.Impuestos!.Retenciones = []; c.Impuestos!.TotalImpuestosRetenidos = undefined; c.Total = '1160.00'; }), expect: 'error' },
  { name: 'no retentions', doc: global(), expect: 'notApplicable' },
]);
