/**
 * Who relates a CFDI — the lookup behind "a CFDI with live related documents is not
 * cancellable" and behind the motivo-01 replacement check. A port, so payments kept
 * elsewhere (the Pagos 2.0 capability) can be added beside what the store knows today.
 */
import { parseXml, type XNode } from '../cfdi/xml/parse.ts';
import { NS_CFDI, NS_PAGOS20 } from '../cfdi/xml/namespaces.ts';
import type { CancelacionesStore } from '../storage/cancelaciones.ts';
import type { DocumentoRelacionado } from '../rules/cancelacion/types.ts';

export interface DocumentosRelacionados {
  /** Live (not cancelled; a pending cancellation still counts as live, as for the SAT) CFDIs of the empresa that relate `uuid`. */
  vivos(empresaId: number, cfdiId: number, uuid: string): Promise<DocumentoRelacionado[]>;
}

export interface Relacion {
  /** c_TipoRelacion, or `pago` for a Pagos 2.0 DoctoRelacionado. */
  tipoRelacion: string;
  uuid: string;
}

/** Every relation a CFDI declares: CfdiRelacionados groups and payments' DoctoRelacionado. */
export function relacionesDe(xml: string): Relacion[] {
  const out: Relacion[] = [];
  const walk = (n: XNode): void => {
    const attr = (k: string) => n.attrs.find(([a]) => a === k)?.[1];
    if (n.ns === NS_CFDI && n.local === 'CfdiRelacionados') {
      const tipo = attr('TipoRelacion') ?? '';
      for (const c of n.children) {
        const uuid = c.local === 'CfdiRelacionado' ? c.attrs.find(([a]) => a === 'UUID')?.[1] : undefined;
        if (uuid) out.push({ tipoRelacion: tipo, uuid: uuid.toUpperCase() });
      }
      return;
    }
    if (n.ns === NS_PAGOS20 && n.local === 'DoctoRelacionado') {
      const id = attr('IdDocumento');
      if (id) out.push({ tipoRelacion: 'pago', uuid: id.toUpperCase() });
      return;
    }
    for (const c of n.children) walk(c);
  };
  walk(parseXml(xml));
  return out;
}

/** Today's implementation: the CFDIs this service stamped for the empresa. */
export function relacionadosDelStore(cancelaciones: CancelacionesStore): DocumentosRelacionados {
  return {
    async vivos(empresaId, cfdiId, uuid) {
      const out: DocumentoRelacionado[] = [];
      for (const c of await cancelaciones.candidatosRelacionados(empresaId, uuid, cfdiId)) {
        if (!c.vigente) continue;
        // The UUID may appear in the XML for another reason (an Addenda, a Leyenda): only declared relations count.
        for (const r of relacionesDe(c.xml)) {
          if (r.uuid === uuid) out.push({ uuid: c.uuid, tipoDeComprobante: c.tipoDeComprobante, tipoRelacion: r.tipoRelacion });
        }
      }
      return out;
    },
  };
}
