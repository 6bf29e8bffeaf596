import { cfdi40195 } from './cfdi40195.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { COMERCIO_EXTERIOR, conPedimento, extranjero, mutate, PEDIMENTO } from '../testing/fixtures.ts';

ruleCases(cfdi40195, [
  { name: 'Comercio Exterior without pedimentos', doc: mutate(extranjero(), (c) => { c.Exportacion = '02'; c.Complemento = { otros: [COMERCIO_EXTERIOR] }; }), expect: 'ok' },
  { name: 'Comercio Exterior with a pedimento', doc: mutate(extranjero(), (c) => { c.Exportacion = '02'; c.Complemento = { otros: [COMERCIO_EXTERIOR] }; c.Conceptos[0].InformacionAduanera = [{ NumeroPedimento: PEDIMENTO }]; }), expect: 'error' },
  { name: 'no Comercio Exterior', doc: conPedimento(), expect: 'notApplicable' },
]);
