import { cfdi40191 } from './cfdi40191.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conTerceros, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40191, [
  { name: '612', doc: conTerceros(), expect: 'ok' },
  { name: 'unknown', doc: mutate(conTerceros(), (c) => { c.Conceptos[0].ACuentaTerceros!.RegimenFiscalACuentaTerceros = '600'; }), expect: 'error' },
  { name: 'no terceros', doc: ingreso(), expect: 'notApplicable' },
]);
