/**
 * CRP20112 — cfdi:Conceptos/Concepto@(nodos hijo).
 *
 * SAT: Si no existe el nodo AcuentaTerceros, no se deben registrar apartados dentro de Conceptos.
 *
 * Child nodes counted: Impuestos, InformacionAduanera, CuentaPredial, ComplementoConcepto, Parte.
 */
import { defineRule } from '../define-rule.ts';
import { pagosOr } from './pagos.ts';
import { conceptoNode } from '../helpers.ts';

export const crp20112 = defineRule({
  code: 'CRP20112',
  node: 'cfdi:Conceptos/Concepto',
  attribute: '(nodos hijo)',
  message: 'Si no existe el nodo AcuentaTerceros, no se deben registrar apartados dentro de Conceptos.',
  check(c, _ctx, r) {
    const p = pagosOr(c, r);
    if (!p) return;
    c.Conceptos.forEach((k, i) => {
      if (k.ACuentaTerceros) return;
      const hijos = [k.Impuestos && (k.Impuestos.Traslados.length || k.Impuestos.Retenciones.length) ? 'Impuestos' : '', k.InformacionAduanera.length ? 'InformacionAduanera' : '', k.CuentaPredial.length ? 'CuentaPredial' : '', k.ComplementoConcepto?.length ? 'ComplementoConcepto' : '', k.Parte.length ? 'Parte' : ''].filter(Boolean);
      if (hijos.length) r.error({ node: conceptoNode(i), value: hijos.join(', ') });
    });
  },
});
