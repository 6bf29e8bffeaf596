import { sustitucion } from './sustitucion.ts';
import { reglaCases, revision, UUID_A, UUID_B } from './testing.ts';

const good = { uuid: UUID_B, rfcEmisor: 'EKU9003173C9', vigente: true, relacionados: [{ tipoRelacion: '04', uuid: UUID_A }] };
const r01 = (s?: typeof good) => revision({ motivo: '01', folioSustitucion: UUID_B, sustituto: s });

reglaCases(sustitucion, [
  { name: 'a live replacement of the same emisor relating with 04', r: r01(good), expect: 'ok' },
  { name: 'the relation among others, UUID in lower case', r: r01({ ...good, relacionados: [{ tipoRelacion: '01', uuid: UUID_B }, { tipoRelacion: '04', uuid: UUID_A.toLowerCase() }] }), expect: 'ok' },
  { name: 'motivo 02', r: revision({ motivo: '02' }), expect: 'notApplicable' },
  { name: 'motivo 01 without folio (the motivo rule answers)', r: revision({ motivo: '01' }), expect: 'notApplicable' },
  { name: 'unknown replacement', r: r01(undefined), expect: 'error', message: 'no es un CFDI de esta empresa' },
  { name: 'replacement of another emisor', r: r01({ ...good, rfcEmisor: 'AAA010101AAA' }), expect: 'error', message: 'otro emisor' },
  { name: 'cancelled replacement', r: r01({ ...good, vigente: false }), expect: 'error', message: 'cancelado' },
  { name: 'relates with 01, not 04', r: r01({ ...good, relacionados: [{ tipoRelacion: '01', uuid: UUID_A }] }), expect: 'error', message: 'SAT 212' },
  { name: 'relates another UUID with 04', r: r01({ ...good, relacionados: [{ tipoRelacion: '04', uuid: UUID_B }] }), expect: 'error', message: 'SAT 212' },
  { name: 'relates nothing', r: r01({ ...good, relacionados: [] }), expect: 'error', message: 'SAT 212' },
]);
