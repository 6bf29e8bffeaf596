/** Namespaces and schema locations of CFDI 4.0 and the complements we write. */
export const NS_CFDI = 'http://www.sat.gob.mx/cfd/4';
export const NS_XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const NS_TFD = 'http://www.sat.gob.mx/TimbreFiscalDigital';
export const NS_PAGOS20 = 'http://www.sat.gob.mx/Pagos20';

export const XSD_CFDI = 'http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd';
export const XSD_TFD = 'http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd';
export const XSD_PAGOS20 = 'http://www.sat.gob.mx/sitio_internet/cfd/Pagos/Pagos20.xsd';

/** Schema location of the SAT complements we know, by namespace. */
export const SCHEMA_LOCATIONS: Readonly<Record<string, string>> = {
  [NS_TFD]: XSD_TFD,
  [NS_PAGOS20]: XSD_PAGOS20,
};
