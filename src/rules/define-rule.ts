/**
 * `defineRule` turns a check that reports problems into a Rule that always answers:
 * a rule that reported nothing yields one `ok` finding, so every code of the matrix
 * appears in every report (nothing silently skipped).
 */
import type { Comprobante } from '../cfdi/model.ts';
import type { Finding, Rule, RuleContext } from './rule.ts';

export interface Place {
  node?: string;
  attribute?: string;
  value?: string;
  detail?: string;
}

export class Reporter {
  readonly findings: Finding[] = [];
  constructor(private readonly rule: RuleSpec) {}

  #add(status: Finding['status'], p: Place): void {
    const f: Finding = {
      code: this.rule.code,
      status,
      message: this.rule.message,
      node: p.node ?? this.rule.node,
      attribute: p.attribute ?? this.rule.attribute,
    };
    if (p.value !== undefined) f.value = p.value;
    if (p.detail !== undefined) f.detail = p.detail;
    this.findings.push(f);
  }

  error(p: Place = {}): void {
    this.#add('error', p);
  }
  warning(p: Place): void {
    this.#add('warning', p);
  }
  notChecked(detail: string, p: Place = {}): void {
    this.#add('notChecked', { ...p, detail });
  }
  notApplicable(detail: string): void {
    this.#add('notApplicable', { detail });
  }
  ok(p: Place = {}): void {
    this.#add('ok', p);
  }
}

export interface RuleSpec {
  code: string;
  /** The matrix's node and attribute (e.g. `cfdi:Conceptos/Concepto`, `Importe`). */
  node: string;
  attribute?: string;
  /** The SAT's message, verbatim. */
  message: string;
  check(c: Comprobante, ctx: RuleContext, r: Reporter): void;
}

export interface SatRule extends Rule {
  node: string;
  message: string;
}

export function defineRule(spec: RuleSpec): SatRule {
  return {
    code: spec.code,
    node: spec.node,
    attribute: spec.attribute,
    message: spec.message,
    check(c, ctx) {
      const r = new Reporter(spec);
      spec.check(c, ctx, r);
      if (r.findings.length === 0) r.ok();
      return r.findings;
    },
  };
}
