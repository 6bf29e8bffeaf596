/**
 * Table-driven rule tests. Each row runs the rule alone and checks its status; an
 * `error` row is also a mutation test: the whole matrix runs on the document and must
 * report exactly this code (plus the codes listed in `alsoFires`, where the SAT's own
 * rules overlap), and an `ok` row's document must pass the whole matrix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Comprobante } from '../../cfdi/model.ts';
import type { FindingStatus, Rule, RuleContext } from '../rule.ts';
import { CFDI40_RULES } from '../cfdi40/index.ts';
import { fixtureContext } from './fixtures.ts';

export interface RuleCase {
  name: string;
  doc: Comprobante;
  expect: FindingStatus;
  ctx?: RuleContext;
  /** Other codes the same minimal change necessarily breaks (documented overlaps of the matrix). */
  alsoFires?: string[];
}

export function errorCodes(doc: Comprobante, ctx: RuleContext, matrix: readonly Rule[] = CFDI40_RULES): string[] {
  const codes = new Set<string>();
  for (const rule of matrix) for (const f of rule.check(doc, ctx)) if (f.status === 'error') codes.add(f.code);
  return [...codes].sort();
}

export interface RuleCasesOptions {
  /** The rule applies to every document: no notApplicable row. */
  alwaysApplies?: boolean;
  /** Why the rule can never report an error with the data we have (no error row). */
  neverErrors?: string;
  /** The rules an error row must break exactly one of (CFDI40 by default; CRP20 tables pass all rules). */
  matrix?: readonly Rule[];
}

export function ruleCases(rule: Rule, cases: RuleCase[], opts: RuleCasesOptions = {}): void {
  const required: FindingStatus[] = ['ok'];
  if (!opts.neverErrors) required.push('error');
  if (!opts.alwaysApplies) required.push('notApplicable');
  for (const k of required) {
    if (!cases.some((c) => c.expect === k)) throw new Error(`${rule.code}: the table has no ${k} row`);
  }
  for (const c of cases) {
    test(`${rule.code} ${c.expect}: ${c.name}`, () => {
      const ctx = c.ctx ?? fixtureContext();
      const findings = rule.check(c.doc, ctx);
      assert.ok(findings.length > 0, 'a rule always answers');
      for (const f of findings) assert.equal(f.code, rule.code);
      const statuses = findings.map((f) => f.status);
      if (c.expect === 'error') {
        assert.ok(statuses.includes('error'), `expected an error, got ${JSON.stringify(findings)}`);
        assert.deepEqual(errorCodes(c.doc, ctx, opts.matrix), [rule.code, ...(c.alsoFires ?? [])].sort(), 'mutation breaks exactly this rule');
      } else if (c.expect === 'ok') {
        assert.deepEqual([...new Set(statuses)], ['ok'], JSON.stringify(findings));
        assert.deepEqual(errorCodes(c.doc, ctx, opts.matrix), [], 'an ok row is a valid document');
      } else {
        assert.ok(statuses.includes(c.expect) && !statuses.includes('error'), JSON.stringify(findings));
      }
    });
  }
}
