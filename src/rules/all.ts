/** Every rule of the SAT matrices we implement: CFDI 4.0 (CFDI40xxx), then Pagos 2.0 (CRP20xxx). */
import type { Rule } from './rule.ts';
import { CFDI40_RULES } from './cfdi40/index.ts';
import { CRP20_RULES } from './crp20/index.ts';

export const ALL_RULES: readonly Rule[] = [...CFDI40_RULES, ...CRP20_RULES];
