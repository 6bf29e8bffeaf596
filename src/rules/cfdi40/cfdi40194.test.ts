import { cfdi40194 } from './cfdi40194.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conPedimento, emptyContext, ingreso } from '../testing/fixtures.ts';

ruleCases(cfdi40194, [
  { name: 'valid pedimento', doc: conPedimento(), expect: 'ok' },
  { name: 'single spaces', doc: conPedimento('25 47 3807 5000123'), expect: 'error', alsoFires: ['CFDI40999'] },
  { name: 'unknown aduana', doc: conPedimento('25  99  3807  5000123'), expect: 'error' },
  { name: 'unknown patente', doc: conPedimento('25  47  9999  5000123'), expect: 'error' },
  { name: 'year digit mismatch', doc: conPedimento('25  47  3807  4000123'), expect: 'error' },
  { name: 'progressive above the authorised', doc: conPedimento('25  47  3807  5999999'), expect: 'error' },
  { name: 'year missing from the catalog', doc: conPedimento('26  47  3807  6000123'), expect: 'notChecked' },
  { name: 'catalogs not loaded', doc: conPedimento(), ctx: emptyContext(), expect: 'notChecked' },
  { name: 'none', doc: ingreso(), expect: 'notApplicable' },
]);
