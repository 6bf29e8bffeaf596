/**
 * Data that the client sends only for the printed representation (PDF): it is not
 * part of the CFDI, is stored beside it and reaches the renderer unchanged.
 */
export interface DomicilioImpreso {
  pais?: string;
  calle?: string;
  noExterior?: string;
  noInterior?: string;
  colonia?: string;
  localidad?: string;
  referencia?: string;
  municipio?: string;
  estado?: string;
  codigoPostal?: string;
  telefono?: string;
}

export interface ConceptoImpreso {
  /** Legacy secondary code, category, additional reference. */
  codigoSecundario?: string;
  categoria?: string;
  referencia?: string;
  /** Legacy 08: customs office and date, printed beside the pedimento. */
  aduana?: string;
  fechaPedimento?: string;
}

export interface EnvioCorreo {
  receptor?: string;
  direcciones: string[];
  asunto?: string;
  mensaje?: string;
  adjuntar: boolean;
}

export interface DatosImpresos {
  /** The client's own document name or id (record 00 field 1). */
  referenciaCliente?: string;
  /** Label of the tipo de CFD the client named in record 00 (e.g. `FAC`). */
  tipoCfd?: string;
  /** Client's internal id (record 01 field 1). */
  idInterno?: string;
  motivoDescuento?: string;
  /** Total in words as the client wrote it; computed when absent. */
  totalConLetra?: string;
  referencia?: string;
  notas: string[];
  /** Legacy record 02: payment form in words, due date, legend. */
  formaDePagoTexto?: string;
  metodoDePagoTexto?: string;
  fechaVencimiento?: string;
  leyenda?: string;
  domicilioReceptor?: DomicilioImpreso;
  /** Same length and order as Comprobante.Conceptos. */
  conceptos: ConceptoImpreso[];
  /** Record 09: e-mail delivery, sent once the CFDI is stored (notificaciones/). */
  envio?: EnvioCorreo;
}

export function emptyDatosImpresos(): DatosImpresos {
  return { notas: [], conceptos: [] };
}
