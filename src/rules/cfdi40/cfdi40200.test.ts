import { cfdi40200 } from './cfdi40200.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { COMERCIO_EXTERIOR, extranjero, ingreso, mutate, PEDIMENTO } from '../testing/fixtures.ts';

ruleCases(cfdi40200, [
  { name: 'Comercio Exterior without pedimentos', doc: mutate(extranjero(), (c) => { c.Exportacion = '02'; c.Complemento = { otros: [COMERCIO_EXTERIOR] }; }), expect: 'ok' },
  { name: 'Comercio Exterior with a Parte pedimento', doc: mutate(extranjero(), (c) => { c.Exportacion = '02'; c.Complemento = { otros: [COMERCIO_EXTERIOR] }; c.Conceptos[0].Parte = [{ ClaveProdServ: '84111506', Cantidad: '1', Descripcion: 'Parte', InformacionAduanera: [{ NumeroPedimento: PEDIMENTO }] }]; }), expect: 'error' },
  { name: 'no Comercio Exterior', doc: ingreso(), expect: 'notApplicable' },
]);
