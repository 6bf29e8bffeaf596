/**
 * The SAT's public CFDI status service (ConsultaCFDIService, ../shared/docs/pac-protocols.md §0.4)
 * as a port: stamping, cancellation and the CLI ask it; `main/` chooses the adapter.
 */
export interface ConsultaEstado {
  rfcEmisor: string;
  rfcReceptor: string;
  /** Total as printed in the CFDI. */
  total: string;
  uuid: string;
  /** Last 8 characters of the emisor's Sello. */
  sello8?: string;
}

export interface EstadoCfdi {
  /** e.g. `S - Comprobante obtenido satisfactoriamente.` or `N - 602: Comprobante no encontrado.` */
  codigoEstatus: string;
  /** `Vigente`, `Cancelado`, `No Encontrado`. */
  estado: string;
  /** `Cancelable sin aceptación`, `Cancelable con aceptación`, `No cancelable`. */
  esCancelable: string;
  /** '' or `En proceso`, `Plazo vencido`, `Cancelado con aceptación`, `Cancelado sin aceptación`, `Solicitud rechazada`. */
  estatusCancelacion: string;
  validacionEFOS?: string;
}

export interface EstadoSat {
  consultar(q: ConsultaEstado): Promise<EstadoCfdi>;
}
