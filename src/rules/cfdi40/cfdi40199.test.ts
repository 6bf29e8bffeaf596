import { cfdi40199 } from './cfdi40199.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conPartes, ingreso, mutate, PEDIMENTO } from '../testing/fixtures.ts';

ruleCases(cfdi40199, [
  { name: 'valid pedimento', doc: mutate(conPartes(), (c) => { c.Conceptos[0].Parte[0].InformacionAduanera = [{ NumeroPedimento: PEDIMENTO }]; }), expect: 'ok' },
  { name: 'unknown aduana', doc: mutate(conPartes(), (c) => { c.Conceptos[0].Parte[0].InformacionAduanera = [{ NumeroPedimento: '25  99  3807  5000123' }]; }), expect: 'error' },
  { name: 'no Parte', doc: ingreso(), expect: 'notApplicable' },
]);
