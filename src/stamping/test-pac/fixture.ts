/**
 * A small sealed-ready Comprobante (factura global, 100.00 + IVA, Fecha 2025-06-01T10:00:00
 * in 42501) that the test PAC's tests stamp, in-process and across processes.
 */
import type { Comprobante } from '../../cfdi/model.ts';

export const FACTURA_DE_PRUEBA: Comprobante = {
  Version: '4.0', Serie: 'A', Folio: '7', Fecha: '2025-06-01T10:00:00', FormaPago: '01', MetodoPago: 'PUE', SubTotal: '100.00', Moneda: 'MXN', Total: '116.00', TipoDeComprobante: 'I', Exportacion: '01', LugarExpedicion: '42501',
  CfdiRelacionados: [],
  Emisor: { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
  Receptor: { Rfc: 'XAXX010101000', Nombre: 'PUBLICO EN GENERAL', DomicilioFiscalReceptor: '42501', RegimenFiscalReceptor: '616', UsoCFDI: 'S01' },
  InformacionGlobal: { Periodicidad: '01', Meses: '06', Año: '2025' },
  Conceptos: [{ ClaveProdServ: '01010101', Cantidad: '1', ClaveUnidad: 'ACT', Descripcion: 'Venta', ValorUnitario: '100.00', Importe: '100.00', ObjetoImp: '02',
    Impuestos: { Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.00' }], Retenciones: [] }, InformacionAduanera: [], CuentaPredial: [], Parte: [] }],
  Impuestos: { TotalImpuestosTrasladados: '16.00', Retenciones: [], Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.00' }] },
};
