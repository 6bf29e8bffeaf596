import { crp20248 } from './crp20248.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto } from '../testing/pagos-fixtures.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(crp20248, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'empty ImpuestosDR', doc: mutate(pagoCompleto(), (c) => { const d = c.Complemento!.otros[0].children[1].children[0]; d.children = [{ name: 'pago20:ImpuestosDR', ns: d.ns, attrs: [], children: [] }]; }), expect: 'error', alsoFires: ['CRP20268', 'CRP20274'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
