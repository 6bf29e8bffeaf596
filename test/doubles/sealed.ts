/** Sealed CFDIs for PAC tests: a test CSD valid now and documents dated now (or hours ago). */
import { generateTestCsd } from '../../src/sealing/test-csd.ts';
import { loadCsd, type Csd } from '../../src/sealing/csd.ts';
import { sealComprobante } from '../../src/sealing/seal.ts';
import { writeComprobante } from '../../src/cfdi/xml/write.ts';
import { localFecha } from '../../src/cfdi/fecha.ts';
import type { Comprobante } from '../../src/cfdi/model.ts';

export async function testCsd(): Promise<Csd> {
  const now = Date.now();
  const files = await generateTestCsd({ rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', password: 'p',
    validFrom: new Date(now - 200 * 86_400_000), validTo: new Date(now + 3 * 365 * 86_400_000) });
  return loadCsd({ ...files, password: 'p' });
}

/** A sealed CFDI 4.0; `folio` makes each one distinct, `horasAtras` ages its Fecha. */
export function sealedXml(csd: Csd, folio: number, horasAtras = 0): string {
  const fecha = localFecha(new Date(Date.now() - horasAtras * 3_600_000), 'America/Mexico_City');
  const doc: Comprobante = {
    Version: '4.0', Serie: 'T', Folio: String(folio), Fecha: fecha, FormaPago: '01', MetodoPago: 'PUE', SubTotal: '100.00', Moneda: 'MXN',
    Total: '116.00', TipoDeComprobante: 'I', Exportacion: '01', LugarExpedicion: '42501',
    CfdiRelacionados: [],
    Emisor: { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
    Receptor: { Rfc: 'XAXX010101000', Nombre: 'PUBLICO EN GENERAL', DomicilioFiscalReceptor: '42501', RegimenFiscalReceptor: '616', UsoCFDI: 'S01' },
    InformacionGlobal: { Periodicidad: '01', Meses: fecha.slice(5, 7), Año: fecha.slice(0, 4) },
    Conceptos: [{ ClaveProdServ: '01010101', Cantidad: '1', ClaveUnidad: 'ACT', Descripcion: 'Venta', ValorUnitario: '100.00', Importe: '100.00', ObjetoImp: '02',
      Impuestos: { Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.00' }], Retenciones: [] },
      InformacionAduanera: [], CuentaPredial: [], Parte: [] }],
    Impuestos: { TotalImpuestosTrasladados: '16.00', Retenciones: [], Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.00' }] },
  };
  return writeComprobante(sealComprobante(doc, csd));
}
