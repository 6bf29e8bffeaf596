import { cfdi40102 } from './cfdi40102.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso } from '../testing/fixtures.ts';
import { sealingKit } from '../testing/sealed.ts';

ruleCases(cfdi40102, [
  { name: 'sealed with the key of the Certificado', doc: sealingKit().sealed, ctx: sealingKit().ctx, expect: 'ok' },
  { name: 'cadena changed after sealing', doc: sealingKit().sealed, ctx: { ...sealingKit().ctx, cadenaOriginal: sealingKit().ctx.cadenaOriginal + 'x' }, expect: 'error' },
  { name: 'unsealed document', doc: ingreso(), expect: 'notApplicable' },
  { name: 'no cadena available', doc: sealingKit().sealed, ctx: { ...sealingKit().ctx, cadenaOriginal: undefined }, expect: 'notChecked' },
]);
