/**
 * The JSON document of the `json` connector, as a JSON Schema (draft-07 subset that
 * OpenAPI 3 accepts). Property names are the CFDI 4.0 attribute names (Anexo 20);
 * amounts are strings so that they reach the XML exactly as written.
 *
 * `x-layout` names the value check the connector applies to a string (the same ones
 * as the text layout): `decimal`, `fecha` (also compact `YYYYMMDDThh:mm:ss`),
 * `impuesto` (ISR/IVA/IEPS or 001–003), `factor` (Tasa/Cuota/Exento), `tasa` (a rate;
 * above 1 with Tasa is a percentage) and `uuid`. The connector validates with this
 * very object, so the published schema and the behaviour cannot drift apart.
 */

type Schema = Record<string, unknown>;

const DECIMAL = '^-?[0-9]+(\\.[0-9]+)?$';

const text = (description?: string, maxLength = 1000): Schema => ({ type: 'string', minLength: 1, maxLength, ...(description ? { description } : {}) });
const decimal = (description?: string): Schema => ({ type: 'string', pattern: DECIMAL, maxLength: 40, 'x-layout': 'decimal', ...(description ? { description } : {}) });
const obj = (properties: Record<string, Schema>, required: string[] = [], description?: string): Schema => ({
  type: 'object',
  additionalProperties: false,
  ...(description ? { description } : {}),
  ...(required.length ? { required } : {}),
  properties,
});
const list = (items: Schema, maxItems = 10000, description?: string, minItems = 0): Schema => ({
  type: 'array',
  ...(minItems ? { minItems } : {}),
  maxItems,
  items,
  ...(description ? { description } : {}),
});

const impuesto: Schema = { type: 'string', 'x-layout': 'impuesto', pattern: '^(ISR|IVA|IEPS|001|002|003)$', description: 'c_Impuesto code or name.' };
const factor: Schema = { type: 'string', 'x-layout': 'factor', pattern: '^(Tasa|Cuota|Exento)$', description: 'c_TipoFactor; Tasa when absent.' };
const tasa: Schema = {
  type: 'string',
  'x-layout': 'tasa',
  pattern: DECIMAL,
  maxLength: 40,
  description: 'TasaOCuota; with Tasa a value above 1 is a percentage (16 = 0.160000). Written with six decimals.',
};

const impuestoConcepto = obj(
  {
    Base: decimal('Computed when absent.'),
    Impuesto: impuesto,
    TipoFactor: factor,
    TasaOCuota: tasa,
    Importe: decimal('Computed when absent.'),
  },
  ['Impuesto'],
);

const uuid: Schema = { type: 'string', 'x-layout': 'uuid' };
const fecha: Schema = { type: 'string', 'x-layout': 'fecha' };
const impuestoDR = obj(
  { BaseDR: decimal('Computed when absent: ImpPagado net of its taxes.'), ImpuestoDR: impuesto, TipoFactorDR: factor, TasaOCuotaDR: tasa, ImporteDR: decimal('Computed when absent.') },
  ['ImpuestoDR'],
);

/** The Pagos 2.0 complement (docs/pagos.md); the same values as the layout records compPagos…. */
const pagos = obj(
  {
    Totales: obj(
      Object.fromEntries(
        ['TotalRetencionesIVA', 'TotalRetencionesISR', 'TotalRetencionesIEPS', 'TotalTrasladosBaseIVA16', 'TotalTrasladosImpuestoIVA16', 'TotalTrasladosBaseIVA8',
          'TotalTrasladosImpuestoIVA8', 'TotalTrasladosBaseIVA0', 'TotalTrasladosImpuestoIVA0', 'TotalTrasladosBaseIVAExento', 'MontoTotalPagos'].map((k) => [k, decimal()]),
      ),
      [],
      'Declared Totales; each absent value is computed.',
    ),
    Pago: list(
      obj(
        {
          FechaPago: fecha,
          FormaDePagoP: text('c_FormaPago.', 2),
          MonedaP: text('c_Moneda.', 3),
          TipoCambioP: decimal('1 for MXN when absent.'),
          Monto: decimal('Computed when absent: Σ ImpPagado / EquivalenciaDR.'),
          NumOperacion: text(undefined, 100),
          RfcEmisorCtaOrd: text(undefined, 13),
          NomBancoOrdExt: text(undefined, 300),
          CtaOrdenante: text(undefined, 50),
          RfcEmisorCtaBen: text(undefined, 12),
          CtaBeneficiario: text(undefined, 50),
          TipoCadPago: text(undefined, 2),
          CertPago: text(undefined, 10000),
          CadPago: text(undefined, 8192),
          SelloPago: text(undefined, 10000),
          DoctoRelacionado: list(
            obj(
              {
                IdDocumento: uuid,
                Serie: text(undefined, 25),
                Folio: text(undefined, 40),
                MonedaDR: text('The invoice currency; MonedaP when absent.', 3),
                EquivalenciaDR: decimal('1 when MonedaDR is MonedaP.'),
                NumParcialidad: { type: 'string', pattern: '^[1-9][0-9]{0,2}$', description: "From the service's records for its own invoices." },
                ImpSaldoAnt: decimal("From the service's records for its own invoices."),
                ImpPagado: decimal('Monto × EquivalenciaDR for a single document when absent.'),
                ImpSaldoInsoluto: decimal('ImpSaldoAnt − ImpPagado when absent.'),
                ObjetoImpDR: text(undefined, 2),
                ImpuestosDR: obj({ TrasladosDR: list(impuestoDR, 100), RetencionesDR: list(impuestoDR, 100) }, [], "Computed from the invoice's taxes for the service's own invoices."),
              },
              ['IdDocumento'],
            ),
            10000,
            undefined,
            1,
          ),
          ImpuestosP: obj(
            {
              TrasladosP: list(obj({ BaseP: decimal(), ImpuestoP: impuesto, TipoFactorP: factor, TasaOCuotaP: tasa, ImporteP: decimal() }, ['ImpuestoP']), 100),
              RetencionesP: list(obj({ ImpuestoP: impuesto, ImporteP: decimal() }, ['ImpuestoP']), 100),
            },
            [],
            'Declared; computed from the documents when absent.',
          ),
        },
        ['FechaPago', 'FormaDePagoP', 'MonedaP', 'DoctoRelacionado'],
      ),
      1000,
      undefined,
      1,
    ),
  },
  ['Pago'],
  'Pagos 2.0 complement: the document is a payment receipt (tipo P, Moneda XXX, the fixed concept "Pago").',
);

export const jsonDocumentSchema = obj(
  {
    referenciaCliente: text("The client's own document name or id (printed)."),
    tipoCfd: text('Label of the tipo de CFD (e.g. FAC); informative.'),
    Serie: text(undefined, 25),
    Folio: text(undefined, 40),
    Fecha: { type: 'string', 'x-layout': 'fecha', description: 'YYYY-MM-DDThh:mm:ss; the service uses the current time when absent.' },
    FormaPago: text('c_FormaPago.', 2),
    CondicionesDePago: text(),
    SubTotal: decimal('Declared SubTotal; computed when absent.'),
    Descuento: decimal(),
    Moneda: text('c_Moneda; the tipo default (MXN) when absent.', 3),
    TipoCambio: decimal(),
    Total: decimal('Declared Total; computed when absent.'),
    TipoDeComprobante: text('c_TipoDeComprobante; the tipo default when absent.', 1),
    Exportacion: text(undefined, 2),
    MetodoPago: text(undefined, 3),
    Confirmacion: text(undefined, 5),
    FacAtrAdquirente: text(undefined, 10),
    InformacionGlobal: obj({ Periodicidad: text(undefined, 2), Meses: text(undefined, 2), Año: text(undefined, 4) }, ['Periodicidad', 'Meses', 'Año']),
    CfdiRelacionados: list(
      obj({ TipoRelacion: text(undefined, 2), CfdiRelacionado: list(obj({ UUID: { type: 'string', 'x-layout': 'uuid' } }, ['UUID']), 10000) }, ['TipoRelacion', 'CfdiRelacionado']),
      100,
    ),
    Receptor: obj(
      {
        clave: text("Identifier in the empresa's directory of receptores."),
        Rfc: text(undefined, 13),
        Nombre: text(undefined, 300),
        DomicilioFiscalReceptor: text(undefined, 5),
        ResidenciaFiscal: text(undefined, 3),
        NumRegIdTrib: text(undefined, 40),
        RegimenFiscalReceptor: text(undefined, 3),
        UsoCFDI: text(undefined, 4),
      },
      [],
      'Missing values come from the directory (by clave, then Rfc), then from the tipo defaults.',
    ),
    Conceptos: list(
      obj(
        {
          ClaveProdServ: text(undefined, 8),
          NoIdentificacion: text('Also the key of the product directory.', 100),
          Cantidad: decimal(),
          ClaveUnidad: text(undefined, 3),
          Unidad: text('Mapped to ClaveUnidad by the tipo when ClaveUnidad is absent.', 20),
          Descripcion: text(),
          ValorUnitario: decimal(),
          Importe: decimal('Computed when absent.'),
          Descuento: decimal(),
          ObjetoImp: text(undefined, 2),
          Impuestos: obj(
            { Traslados: list(impuestoConcepto, 100), Retenciones: list(impuestoConcepto, 100) },
            [],
            'When absent and ObjetoImp is 02, the tax profile of the product or tipo applies.',
          ),
          ACuentaTerceros: obj(
            {
              RfcACuentaTerceros: text(undefined, 13),
              NombreACuentaTerceros: text(undefined, 300),
              RegimenFiscalACuentaTerceros: text(undefined, 3),
              DomicilioFiscalACuentaTerceros: text(undefined, 5),
            },
            ['RfcACuentaTerceros', 'NombreACuentaTerceros', 'RegimenFiscalACuentaTerceros', 'DomicilioFiscalACuentaTerceros'],
          ),
          InformacionAduanera: list(obj({ NumeroPedimento: text(undefined, 21) }, ['NumeroPedimento']), 100),
          CuentaPredial: list(obj({ Numero: text(undefined, 150) }, ['Numero']), 100),
        },
        ['Cantidad', 'ValorUnitario'],
      ),
      10000,
      'At least one concepto, except in a payment receipt (Pagos), whose fixed concept the service writes.',
    ),
    Pagos: pagos,
    Impuestos: obj(
      {
        TotalImpuestosTrasladados: decimal(),
        TotalImpuestosRetenidos: decimal(),
        Traslados: list(obj({ Base: decimal(), Impuesto: impuesto, TipoFactor: factor, TasaOCuota: tasa, Importe: decimal() }, ['Impuesto']), 100),
        Retenciones: list(obj({ Impuesto: impuesto, Importe: decimal() }, ['Impuesto']), 100),
      },
      [],
      'Declared document taxes: written as declared and judged by the SAT rules; computed when absent.',
    ),
    impreso: obj(
      {
        idInterno: text(),
        motivoDescuento: text(),
        totalConLetra: text('Computed when absent.'),
        referencia: text(),
        notas: list(text(), 20),
        domicilioReceptor: obj({
          pais: text(),
          calle: text(),
          noExterior: text(),
          noInterior: text(),
          colonia: text(),
          localidad: text(),
          referencia: text(),
          municipio: text(),
          estado: text(),
          codigoPostal: text(),
          telefono: text(),
        }),
      },
      [],
      'Printed-only data (PDF).',
    ),
    envio: obj(
      {
        receptor: text(),
        direcciones: list(text(undefined, 254), 50),
        asunto: text(),
        mensaje: text(undefined, 4000),
        adjuntar: { type: 'boolean' },
      },
      [],
      "E-mail delivery; addresses default to the receptor's directory e-mail.",
    ),
  },
  ['Receptor'],
  'A CFDI 4.0 for the json connector.',
);
