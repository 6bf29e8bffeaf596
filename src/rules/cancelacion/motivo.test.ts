import { motivo } from './motivo.ts';
import { reglaCases, revision, UUID_A, UUID_B } from './testing.ts';

reglaCases(motivo, [
  { name: '02 without folioSustitucion', r: revision({ motivo: '02' }), expect: 'ok' },
  { name: '03', r: revision({ motivo: '03' }), expect: 'ok' },
  { name: '04', r: revision({ motivo: '04' }), expect: 'ok' },
  { name: '01 with a UUID', r: revision({ motivo: '01', folioSustitucion: UUID_B }), expect: 'ok' },
  { name: '05 is not a motivo', r: revision({ motivo: '05' }), expect: 'error', message: 'SAT 207' },
  { name: '1 (unpadded) is not a motivo', r: revision({ motivo: '1' }), expect: 'error', message: 'SAT 207' },
  { name: 'empty motivo', r: revision({ motivo: '' }), expect: 'error', message: 'SAT 207' },
  { name: 'a prototype key is not a motivo', r: revision({ motivo: 'toString' }), expect: 'error', message: 'SAT 207' },
  { name: '01 without folioSustitucion', r: revision({ motivo: '01' }), expect: 'error', message: 'requiere folioSustitucion' },
  { name: '01 with a non-UUID', r: revision({ motivo: '01', folioSustitucion: 'ABC' }), expect: 'error', message: 'no es un UUID' },
  { name: '01 replacing itself', r: revision({ motivo: '01', folioSustitucion: UUID_A }), expect: 'error', message: 'mismo CFDI' },
  { name: '02 carrying folioSustitucion', r: revision({ motivo: '02', folioSustitucion: UUID_B }), expect: 'error', message: 'SAT 209' },
  { name: '04 carrying folioSustitucion', r: revision({ motivo: '04', folioSustitucion: UUID_B }), expect: 'error', message: 'SAT 209' },
]);
