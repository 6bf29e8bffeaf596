/**
 * Stamped CFDI fixtures for rendering tests and the PDF benchmark, written by hand (not
 * copied from SAT samples). Seals are deterministic pseudo-base64 of the real lengths:
 * the renderer never verifies them.
 */
import type { Comprobante, Concepto } from '../cfdi/model.ts';
import type { DatosImpresos } from '../cfdi/printed.ts';

/** Deterministic base64-looking text of `len` chars (344 = RSA-2048 signature). */
export function fakeSeal(seed: number, len = 344): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let x = seed >>> 0 || 1;
  let s = '';
  for (let i = 0; i < len - 2; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    s += alphabet[x % 64];
  }
  return `${s}==`;
}

const cents = (n: bigint) => `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;

/** The three-concept invoice of the golden test: accents, symbols and XML-special characters. */
export function sampleComprobante(): Comprobante {
  const sello = fakeSeal(7);
  return {
    Version: '4.0',
    Serie: 'A',
    Folio: '1024',
    Fecha: '2024-03-15T10:20:30',
    Sello: sello,
    FormaPago: '03',
    NoCertificado: '30001000000500003416',
    Certificado: 'MIIF',
    CondicionesDePago: 'Contado',
    SubTotal: '2850.00',
    Descuento: '50.00',
    Moneda: 'MXN',
    Total: '3184.75',
    TipoDeComprobante: 'I',
    Exportacion: '01',
    MetodoPago: 'PUE',
    LugarExpedicion: '45079',
    CfdiRelacionados: [
      { TipoRelacion: '04', CfdiRelacionado: [{ UUID: '5FB2822E-396D-4725-8521-CDC4BDD20CCF' }] },
    ],
    Emisor: { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
    Receptor: {
      Rfc: 'URE180429TM6',
      Nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
      DomicilioFiscalReceptor: '86991',
      RegimenFiscalReceptor: '601',
      UsoCFDI: 'G01',
    },
    Conceptos: [
      {
        ClaveProdServ: '44121618', NoIdentificacion: 'LAP-HB', Cantidad: '10', ClaveUnidad: 'H87', Unidad: 'Pieza',
        Descripcion: 'Lápiz de grafito HB & borrador <suave>', ValorUnitario: '15.00', Importe: '150.00',
        Descuento: '50.00', ObjetoImp: '02',
        Impuestos: {
          Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.00' }],
          Retenciones: [],
        },
        InformacionAduanera: [], CuentaPredial: [], Parte: [],
      },
      {
        ClaveProdServ: '81111500', Cantidad: '1', ClaveUnidad: 'E48', Unidad: 'Servicio',
        Descripcion: 'Consultoría € — Łódź (soporte técnico, 3 sesiones)', ValorUnitario: '2500.00', Importe: '2500.00',
        ObjetoImp: '02',
        Impuestos: {
          Traslados: [{ Base: '2500.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '400.00' }],
          Retenciones: [{ Base: '2500.00', Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.012500', Importe: '31.25' }],
        },
        InformacionAduanera: [], CuentaPredial: [], Parte: [],
      },
      {
        ClaveProdServ: '50202306', Cantidad: '2', ClaveUnidad: 'H87', Unidad: 'Pieza',
        Descripcion: 'Agua purificada 1 L', ValorUnitario: '100.00', Importe: '200.00', ObjetoImp: '02',
        Impuestos: {
          Traslados: [{ Base: '200.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.000000', Importe: '0.00' }],
          Retenciones: [],
        },
        InformacionAduanera: [{ NumeroPedimento: '23  47  3807  3000123' }], CuentaPredial: [], Parte: [],
      },
    ],
    Impuestos: {
      TotalImpuestosRetenidos: '31.25',
      TotalImpuestosTrasladados: '416.00',
      Retenciones: [{ Impuesto: '001', Importe: '31.25' }],
      Traslados: [
        { Base: '2600.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '416.00' },
        { Base: '200.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.000000', Importe: '0.00' },
      ],
    },
    Complemento: {
      TimbreFiscalDigital: {
        Version: '1.1',
        UUID: '9FB6ED1A-5F37-4FEF-980A-7F8C83B51894',
        FechaTimbrado: '2024-03-15T10:21:02',
        RfcProvCertif: 'SPR190613I52',
        SelloCFD: sello,
        NoCertificadoSAT: '30001000000500003456',
        SelloSAT: fakeSeal(11),
      },
      otros: [],
    },
  };
}

export function samplePrinted(): DatosImpresos {
  return {
    referenciaCliente: 'FAC-2024-1024',
    tipoCfd: 'FAC',
    referencia: 'OC-55831',
    notas: ['Entregar en almacén central, andén 3.', 'Gracias por su preferencia.'],
    formaDePagoTexto: 'Pago en una sola exhibición',
    fechaVencimiento: '2024-04-14',
    leyenda: 'Precios sujetos a cambio sin previo aviso.',
    domicilioReceptor: {
      calle: 'Av. Juárez', noExterior: '100', noInterior: '4B', colonia: 'Centro',
      municipio: 'Guadalajara', estado: 'Jalisco', codigoPostal: '86991', pais: 'México',
    },
    conceptos: [{ codigoSecundario: 'ALT-77' }, {}, { aduana: 'Manzanillo', fechaPedimento: '2023-12-01' }],
  };
}

const WORDS = ['Tornillo', 'hexagonal', 'acero', 'inoxidable', 'galvanizado', 'cabeza', 'plana', 'rosca',
  'fina', 'tuerca', 'arandela', 'niño', 'camión', 'eléctrico', 'válvula', 'presión', 'Ñandú', 'pingüino'];

/**
 * An invoice with `n` concepts (IVA 16% each), amounts computed in integer cents so the
 * totals are consistent. `longEvery` makes every k-th description long (multi-line).
 */
export function manyConceptsComprobante(n: number, opts: { longEvery?: number } = {}): Comprobante {
  const base = sampleComprobante();
  const conceptos: Concepto[] = [];
  let subtotal = 0n;
  let iva = 0n;
  for (let i = 0; i < n; i++) {
    const qty = BigInt((i % 7) + 1);
    const unit = 1000n + BigInt((i * 7919) % 90000); // cents
    const importe = qty * unit;
    const tax = (importe * 16n + 50n) / 100n; // half-up on cents
    subtotal += importe;
    iva += tax;
    const words = Array.from({ length: 4 + (i % 5) }, (_, k) => WORDS[(i + k * 5) % WORDS.length]);
    let desc = `Artículo ${i + 1}: ${words.join(' ')}`;
    if (opts.longEvery && i % opts.longEvery === 0) {
      desc += ` — ${Array.from({ length: 60 }, (_, k) => WORDS[(i + k) % WORDS.length]).join(' ')} (fin ${i + 1})`;
    }
    conceptos.push({
      ClaveProdServ: '31161500', NoIdentificacion: `SKU-${String(i + 1).padStart(5, '0')}`,
      Cantidad: String(qty), ClaveUnidad: 'H87', Unidad: 'Pieza', Descripcion: desc,
      ValorUnitario: cents(unit), Importe: cents(importe), ObjetoImp: '02',
      Impuestos: {
        Traslados: [{ Base: cents(importe), Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: cents(tax) }],
        Retenciones: [],
      },
      InformacionAduanera: [], CuentaPredial: [], Parte: [],
    });
  }
  const total = subtotal + iva;
  return {
    ...base,
    SubTotal: cents(subtotal),
    Descuento: undefined,
    Total: cents(total),
    CfdiRelacionados: [],
    Conceptos: conceptos,
    Impuestos: {
      TotalImpuestosTrasladados: cents(iva),
      Retenciones: [],
      Traslados: [{ Base: cents(subtotal), Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: cents(iva) }],
    },
  };
}
