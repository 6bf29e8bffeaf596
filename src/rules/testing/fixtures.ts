/**
 * Valid base documents for the rule tests, written by hand (amounts computed on paper):
 * each passes every rule of the matrix with `fixtureContext()`. Rule tests break one
 * rule at a time with `mutate`.
 */
import type { Comprobante } from '../../cfdi/model.ts';
import type { RuleContext } from '../rule.ts';
import type { Contribuyente, RegistryData } from '../registry.ts';

const EMISOR = { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' };

/** I, PUE, MXN: two concepts with IVA 16 %; the second also withholds ISR 10 % and IVA 2/3. */
export function ingreso(): Comprobante {
  return {
    Version: '4.0',
    Serie: 'A',
    Folio: '1',
    Fecha: '2025-06-15T12:00:00',
    FormaPago: '03',
    SubTotal: '1000.00',
    Moneda: 'MXN',
    Total: '1056.67',
    TipoDeComprobante: 'I',
    Exportacion: '01',
    MetodoPago: 'PUE',
    LugarExpedicion: '42501',
    CfdiRelacionados: [],
    Emisor: { ...EMISOR },
    Receptor: {
      Rfc: 'URE180429TM6',
      Nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
      DomicilioFiscalReceptor: '86991',
      RegimenFiscalReceptor: '601',
      UsoCFDI: 'G03',
    },
    Conceptos: [
      {
        ClaveProdServ: '84111506',
        Cantidad: '2',
        ClaveUnidad: 'H87',
        Unidad: 'Pieza',
        Descripcion: 'Servicio de facturación',
        ValorUnitario: '250.00',
        Importe: '500.00',
        ObjetoImp: '02',
        Impuestos: {
          Traslados: [{ Base: '500.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '80.00' }],
          Retenciones: [],
        },
        InformacionAduanera: [],
        CuentaPredial: [],
        Parte: [],
      },
      {
        ClaveProdServ: '80111600',
        Cantidad: '1',
        ClaveUnidad: 'E48',
        Descripcion: 'Honorarios',
        ValorUnitario: '500.00',
        Importe: '500.00',
        ObjetoImp: '02',
        Impuestos: {
          Traslados: [{ Base: '500.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '80.00' }],
          Retenciones: [
            { Base: '500.00', Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000', Importe: '50.00' },
            { Base: '500.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.106667', Importe: '53.33' },
          ],
        },
        InformacionAduanera: [],
        CuentaPredial: [],
        Parte: [],
      },
    ],
    Impuestos: {
      TotalImpuestosRetenidos: '103.33',
      TotalImpuestosTrasladados: '160.00',
      Retenciones: [
        { Impuesto: '001', Importe: '50.00' },
        { Impuesto: '002', Importe: '53.33' },
      ],
      Traslados: [{ Base: '1000.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '160.00' }],
    },
  };
}

/** I with concept discounts: 1000.00 − 100.00, IVA on 900.00. */
export function conDescuento(): Comprobante {
  const c = ingreso();
  c.Conceptos = [c.Conceptos[0]];
  const k = c.Conceptos[0];
  k.Cantidad = '4';
  k.ValorUnitario = '250.00';
  k.Importe = '1000.00';
  k.Descuento = '100.00';
  k.Impuestos = {
    Traslados: [{ Base: '900.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '144.00' }],
    Retenciones: [],
  };
  c.SubTotal = '1000.00';
  c.Descuento = '100.00';
  c.Total = '1044.00';
  c.Impuestos = {
    TotalImpuestosTrasladados: '144.00',
    Retenciones: [],
    Traslados: [{ Base: '900.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '144.00' }],
  };
  return c;
}

/** I with one Exento concept only: document Traslado carries Base only, no totals. */
export function exento(): Comprobante {
  const c = ingreso();
  c.Conceptos = [c.Conceptos[0]];
  c.Conceptos[0].Impuestos = { Traslados: [{ Base: '500.00', Impuesto: '002', TipoFactor: 'Exento' }], Retenciones: [] };
  c.SubTotal = '500.00';
  c.Total = '500.00';
  c.Impuestos = { Retenciones: [], Traslados: [{ Base: '500.00', Impuesto: '002', TipoFactor: 'Exento' }] };
  return c;
}

/** Factura global to público en general (RMF 2.7.1.21). */
export function global(): Comprobante {
  const c = ingreso();
  c.Serie = 'G';
  c.InformacionGlobal = { Periodicidad: '04', Meses: '05', Año: '2025' };
  c.Receptor = {
    Rfc: 'XAXX010101000',
    Nombre: 'PUBLICO EN GENERAL',
    DomicilioFiscalReceptor: '42501',
    RegimenFiscalReceptor: '616',
    UsoCFDI: 'S01',
  };
  c.Conceptos = [
    {
      ClaveProdServ: '01010101',
      NoIdentificacion: 'T-0001',
      Cantidad: '1',
      ClaveUnidad: 'ACT',
      Descripcion: 'Venta',
      ValorUnitario: '100.00',
      Importe: '100.00',
      ObjetoImp: '02',
      Impuestos: {
        Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.00' }],
        Retenciones: [],
      },
      InformacionAduanera: [],
      CuentaPredial: [],
      Parte: [],
    },
  ];
  c.SubTotal = '100.00';
  c.Total = '116.00';
  c.Impuestos = {
    TotalImpuestosTrasladados: '16.00',
    Retenciones: [],
    Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.00' }],
  };
  return c;
}

/** E (nota de crédito) relating the original invoice, receptor persona física. */
export function egreso(): Comprobante {
  const c = global();
  c.Serie = 'NC';
  c.InformacionGlobal = undefined;
  c.TipoDeComprobante = 'E';
  c.CfdiRelacionados = [{ TipoRelacion: '01', CfdiRelacionado: [{ UUID: '5FB2822E-396D-4725-8521-CDC4BDD20CCF' }] }];
  c.Receptor = {
    Rfc: 'XOJI740919U48',
    Nombre: 'INGRID XODAR JIMENEZ',
    DomicilioFiscalReceptor: '76028',
    RegimenFiscalReceptor: '612',
    UsoCFDI: 'G02',
  };
  const k = c.Conceptos[0];
  k.ClaveProdServ = '84111506';
  k.NoIdentificacion = undefined;
  k.Descripcion = 'Bonificación';
  return c;
}

/** P (recepción de pagos); the Pagos 2.0 complement is carried as an element. */
export function pago(): Comprobante {
  return {
    Version: '4.0',
    Serie: 'P',
    Folio: '1',
    Fecha: '2025-06-15T12:00:00',
    SubTotal: '0',
    Moneda: 'XXX',
    Total: '0',
    TipoDeComprobante: 'P',
    Exportacion: '01',
    LugarExpedicion: '42501',
    CfdiRelacionados: [],
    Emisor: { ...EMISOR },
    Receptor: {
      Rfc: 'URE180429TM6',
      Nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
      DomicilioFiscalReceptor: '86991',
      RegimenFiscalReceptor: '601',
      UsoCFDI: 'CP01',
    },
    Conceptos: [
      {
        ClaveProdServ: '84111506',
        Cantidad: '1',
        ClaveUnidad: 'ACT',
        Descripcion: 'Pago',
        ValorUnitario: '0',
        Importe: '0',
        ObjetoImp: '01',
        InformacionAduanera: [],
        CuentaPredial: [],
        Parte: [],
      },
    ],
    Complemento: {
      otros: [{ name: 'pago20:Pagos', ns: 'http://www.sat.gob.mx/Pagos20', attrs: [['Version', '2.0']], children: [] }],
    },
  };
}

/** T (traslado de mercancías), no currency. */
export function traslado(): Comprobante {
  const c = pago();
  c.Serie = 'T';
  c.TipoDeComprobante = 'T';
  c.Receptor = { ...c.Receptor, UsoCFDI: 'S01' };
  c.Conceptos[0] = { ...c.Conceptos[0], ClaveProdServ: '80111600', ClaveUnidad: 'H87', Descripcion: 'Mercancía' };
  c.Complemento = undefined;
  return c;
}

/** I in USD to a foreign receptor (XEXX) with NumRegIdTrib, IVA 0 %. */
export function extranjero(): Comprobante {
  const c = global();
  c.Serie = 'X';
  c.InformacionGlobal = undefined;
  c.Moneda = 'USD';
  c.TipoCambio = '17.5000';
  c.Receptor = {
    Rfc: 'XEXX010101000',
    Nombre: 'ACME INC',
    DomicilioFiscalReceptor: '42501',
    ResidenciaFiscal: 'USA',
    NumRegIdTrib: '123456789',
    RegimenFiscalReceptor: '616',
    UsoCFDI: 'S01',
  };
  const k = c.Conceptos[0];
  k.ClaveProdServ = '84111506';
  k.NoIdentificacion = undefined;
  k.Descripcion = 'Servicio';
  k.Impuestos = {
    Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.000000', Importe: '0.00' }],
    Retenciones: [],
  };
  c.Total = '100.00';
  c.Impuestos = {
    TotalImpuestosTrasladados: '0.00',
    Retenciones: [],
    Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.000000', Importe: '0.00' }],
  };
  return c;
}

/** A deep copy changed by `fn`. */
export function mutate(c: Comprobante, fn: (c: Comprobante) => void): Comprobante {
  const copy = structuredClone(c);
  fn(copy);
  return copy;
}

const V = { vigencia_desde: '2022-01-01', vigencia_hasta: '' };

/** Rows of the large catalogs the fixtures use (written here; no SAT file is read). */
export const FIXTURE_ROWS: Record<string, Record<string, Record<string, string>>> = {
  c_ClaveProdServ: {
    '84111506': { texto: 'Servicios de facturación', iva_trasladado: 'Opcional', ieps_trasladado: 'No', complemento: '', ...V },
    '80111600': { texto: 'Servicios de personal temporal', iva_trasladado: 'Opcional', ieps_trasladado: 'No', complemento: '', ...V },
    '01010101': { texto: 'No existe en el catálogo', iva_trasladado: 'Opcional', ieps_trasladado: 'Opcional', complemento: '', ...V },
    '50211503': { texto: 'Cigarros', iva_trasladado: 'Sí', ieps_trasladado: 'Sí', complemento: '', ...V },
    '78101800': { texto: 'Transporte de carga por carretera', iva_trasladado: 'Opcional', ieps_trasladado: 'No', complemento: 'Carta Porte', ...V },
    '10101500': { texto: 'Animales vivos de granja', iva_trasladado: 'Opcional', ieps_trasladado: 'No', complemento: '', vigencia_desde: '2022-01-01', vigencia_hasta: '2023-12-31' },
  },
  c_ClaveUnidad: {
    H87: { texto: 'Pieza', ...V },
    E48: { texto: 'Unidad de servicio', ...V },
    ACT: { texto: 'Actividad', ...V },
  },
  c_CodigoPostal: {
    '42501': { estado: 'HID', municipio: '069', localidad: '', estimulo_frontera: '0', ...V },
    '86991': { estado: 'TAB', municipio: '017', localidad: '', estimulo_frontera: '0', ...V },
  },
  c_Aduana: { '47': { texto: 'AEROPUERTO INTERNACIONAL DE LA CIUDAD DE MÉXICO', ...V } },
  c_PatenteAduanal: { '3807': { ...V } },
  c_NumPedimentoAduana: { '47|3807|2025': { cantidad: '900000', ...V } },
};

export const FIXTURE_CONTRIBUYENTES: Contribuyente[] = [
  { rfc: 'URE180429TM6', inscrito: true, nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA', domicilioFiscal: '86991' },
  { rfc: 'XOJI740919U48', inscrito: true, nombre: 'INGRID XODAR JIMENEZ', domicilioFiscal: '76028' },
  { rfc: 'CACX7605101P8', inscrito: true, nombre: 'XOCHILT CASAS CHAVEZ', domicilioFiscal: '36257' },
  { rfc: 'MAS0810247C0', inscrito: false },
];

/** Every fixture catalog loaded, register data complete: every rule is checkable. */
export function fixtureContext(over: Partial<RuleContext> = {}, registry: Partial<RegistryData> = {}): RuleContext {
  const catalogs = new Map(Object.entries(FIXTURE_ROWS).map(([k, rows]) => [k, new Map(Object.entries(rows))]));
  return {
    catalogs,
    loadedCatalogs: new Set(catalogs.keys()),
    partialCatalogs: new Set(),
    registry: {
      source: 'test register',
      contribuyentes: new Map(FIXTURE_CONTRIBUYENTES.map((x) => [x.rfc, x])),
      titularCsd: 'ESCUELA KEMPER URGATE SA DE CV',
      lco: new Map([['CACX7605101P8', true], ['MAS0810247C0', false]]),
      ...registry,
    },
    ...over,
  };
}

/** Nothing loaded, no register: what a fresh install sees. */
export function emptyContext(): RuleContext {
  return { catalogs: new Map(), loadedCatalogs: new Set() };
}

/** `ingreso()` with the first concept issued on behalf of a third party. */
export function conTerceros(): Comprobante {
  return mutate(ingreso(), (c) => {
    c.Conceptos[0].ACuentaTerceros = {
      RfcACuentaTerceros: 'CACX7605101P8',
      NombreACuentaTerceros: 'XOCHILT CASAS CHAVEZ',
      RegimenFiscalACuentaTerceros: '612',
      DomicilioFiscalACuentaTerceros: '36257',
    };
  });
}

/** A pedimento of 2025 at aduana 47 by patente 3807 (progressive 000123). */
export const PEDIMENTO = '25  47  3807  5000123';

/** `ingreso()` whose first concept carries a pedimento. */
export function conPedimento(numero = PEDIMENTO): Comprobante {
  return mutate(ingreso(), (c) => {
    c.Conceptos[0].InformacionAduanera = [{ NumeroPedimento: numero }];
  });
}

/** `ingreso()` whose first concept is a kit of two Partes. */
export function conPartes(): Comprobante {
  return mutate(ingreso(), (c) => {
    c.Conceptos[0].Parte = [
      { ClaveProdServ: '84111506', Cantidad: '2', Descripcion: 'Parte A', ValorUnitario: '100.00', Importe: '200.00', InformacionAduanera: [] },
      { ClaveProdServ: '80111600', Cantidad: '1', Descripcion: 'Parte B', ValorUnitario: '50.00', Importe: '50.00', InformacionAduanera: [] },
    ];
  });
}

/** The Comercio Exterior complement, as an opaque element (its content is not ruled here). */
export const COMERCIO_EXTERIOR = { name: 'cce20:ComercioExterior', ns: 'http://www.sat.gob.mx/ComercioExterior20', attrs: [] as Array<[string, string]>, children: [] };
