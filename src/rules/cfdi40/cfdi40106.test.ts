import { cfdi40106 } from './cfdi40106.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';
import { sealingKit } from '../testing/sealed.ts';

ruleCases(cfdi40106, [
  { name: 'the emisor\'s certificate', doc: sealingKit().sealed, ctx: sealingKit().ctx, expect: 'ok' },
  { name: 'not a certificate', doc: mutate(sealingKit().sealed, (c) => { c.Certificado = 'TUlJ'; }), ctx: sealingKit().ctx, expect: 'error' },
  { name: 'NoCertificado of another certificate', doc: mutate(sealingKit().sealed, (c) => { c.NoCertificado = '30001000000500003416'; }), ctx: sealingKit().ctx, expect: 'error' },
  { name: 'unsealed document', doc: ingreso(), expect: 'notApplicable' },
]);
