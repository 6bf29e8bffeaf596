import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rfcDigitoVerificador, rfcDigitoVerificadorRule, RFC_DV_CODE } from './rfc.ts';
import { clientErrors, runRules } from './validate.ts';
import { fixtureContext, ingreso, mutate } from './testing/fixtures.ts';

test('the check digit of RFCs the SAT issued (personas morales and físicas, & and digit A)', () => {
  const known = ['EKU9003173C9', 'URE180429TM6', 'CACX7605101P8', 'IIA040805DZ4', 'H&E951128469', 'SPR190613I52', 'TBN040609RKA', 'VADA800927DJ3', 'XEXX010101000'];
  for (const rfc of known) assert.equal(rfcDigitoVerificador(rfc), rfc.slice(-1), rfc);
  assert.equal(rfcDigitoVerificador('AAA010101AAA'), '1');
  assert.equal(rfcDigitoVerificador('XAXX01010100'), undefined, 'not RFC-shaped: CFDI40999 reports it');
});

const rows: Array<{ name: string; edit: Parameters<typeof mutate>[1]; warnings: Array<[string, string]> }> = [
  { name: 'valid RFCs: no warning', edit: () => undefined, warnings: [] },
  { name: 'receptor with a wrong digit', edit: (c) => { c.Receptor.Rfc = 'URE180429TM5'; }, warnings: [['Receptor', 'URE180429TM5']] },
  { name: 'the seed example RFC AAA010101AAA', edit: (c) => { c.Receptor.Rfc = 'AAA010101AAA'; }, warnings: [['Receptor', 'AAA010101AAA']] },
  { name: 'emisor and a tercero', edit: (c) => { c.Emisor.Rfc = 'EKU9003173C8'; c.Conceptos[0].ACuentaTerceros = { RfcACuentaTerceros: 'CACX7605101P7', NombreACuentaTerceros: 'X', RegimenFiscalACuentaTerceros: '612', DomicilioFiscalACuentaTerceros: '42501' }; }, warnings: [['Emisor', 'EKU9003173C8'], ['Concepto[1]/ACuentaTerceros', 'CACX7605101P7']] },
  { name: 'público en general (generic RFC): not applicable', edit: (c) => { c.Receptor.Rfc = 'XAXX010101000'; }, warnings: [] },
  { name: 'not an RFC at all: left to CFDI40999', edit: (c) => { c.Receptor.Rfc = 'NOESRFC'; }, warnings: [] },
];

for (const row of rows) {
  test(`RFC_DIGITO_VERIFICADOR: ${row.name}`, () => {
    const f = rfcDigitoVerificadorRule.check(mutate(ingreso(), row.edit), fixtureContext());
    assert.deepEqual(f.filter((x) => x.status === 'warning').map((x) => [x.node, x.value]), row.warnings);
    if (!row.warnings.length) assert.deepEqual(f.map((x) => x.status), ['ok']);
    for (const w of f.filter((x) => x.status === 'warning')) assert.match(w.detail!, /^el dígito verificador calculado es "[0-9A]"$/);
  });
}

test('a wrong check digit is a warning: the document has no error for it', () => {
  const doc = mutate(ingreso(), (c) => { c.Receptor.Rfc = 'URE180429TM5'; });
  const findings = runRules(doc, fixtureContext());
  assert.ok(findings.some((f) => f.code === RFC_DV_CODE && f.status === 'warning'));
  assert.ok(!clientErrors(findings).some((e) => e.includes(RFC_DV_CODE)));
});
