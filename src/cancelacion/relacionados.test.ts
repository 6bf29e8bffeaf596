import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relacionesDe } from './relacionados.ts';

test('relacionesDe: CfdiRelacionados groups and Pagos 2.0 DoctoRelacionado, UUIDs upper-cased; nothing else counts', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:pago20="http://www.sat.gob.mx/Pagos20" Version="4.0">
  <cfdi:CfdiRelacionados TipoRelacion="04"><cfdi:CfdiRelacionado UUID="aaaaaaaa-0000-4000-8000-000000000001"/></cfdi:CfdiRelacionados>
  <cfdi:CfdiRelacionados TipoRelacion="01"><cfdi:CfdiRelacionado UUID="AAAAAAAA-0000-4000-8000-000000000002"/><cfdi:CfdiRelacionado UUID="AAAAAAAA-0000-4000-8000-000000000003"/></cfdi:CfdiRelacionados>
  <cfdi:Complemento><pago20:Pagos Version="2.0"><pago20:Pago><pago20:DoctoRelacionado IdDocumento="aaaaaaaa-0000-4000-8000-000000000004"/></pago20:Pago></pago20:Pagos></cfdi:Complemento>
  <cfdi:Addenda><x UUID="AAAAAAAA-0000-4000-8000-000000000005"/></cfdi:Addenda>
</cfdi:Comprobante>`;
  assert.deepEqual(relacionesDe(xml), [
    { tipoRelacion: '04', uuid: 'AAAAAAAA-0000-4000-8000-000000000001' },
    { tipoRelacion: '01', uuid: 'AAAAAAAA-0000-4000-8000-000000000002' },
    { tipoRelacion: '01', uuid: 'AAAAAAAA-0000-4000-8000-000000000003' },
    { tipoRelacion: 'pago', uuid: 'AAAAAAAA-0000-4000-8000-000000000004' },
  ]);
});
