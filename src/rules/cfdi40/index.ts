/**
 * The CFDI 4.0 rules of the SAT matrix, in code order. Explicit on purpose: a test
 * (`index.test.ts`) checks that every rule file is listed here, has its test and appears
 * in docs/rules.md.
 */
import type { Rule } from '../rule.ts';
import { cfdi40101 } from './cfdi40101.ts';
import { cfdi40102 } from './cfdi40102.ts';
import { cfdi40103 } from './cfdi40103.ts';
import { cfdi40104 } from './cfdi40104.ts';
import { cfdi40105 } from './cfdi40105.ts';
import { cfdi40106 } from './cfdi40106.ts';
import { cfdi40107 } from './cfdi40107.ts';
import { cfdi40108 } from './cfdi40108.ts';
import { cfdi40109 } from './cfdi40109.ts';
import { cfdi40110 } from './cfdi40110.ts';
import { cfdi40111 } from './cfdi40111.ts';
import { cfdi40112 } from './cfdi40112.ts';
import { cfdi40113 } from './cfdi40113.ts';
import { cfdi40114 } from './cfdi40114.ts';
import { cfdi40115 } from './cfdi40115.ts';
import { cfdi40116 } from './cfdi40116.ts';
import { cfdi40117 } from './cfdi40117.ts';
import { cfdi40118 } from './cfdi40118.ts';
import { cfdi40119 } from './cfdi40119.ts';
import { cfdi40120 } from './cfdi40120.ts';
import { cfdi40121 } from './cfdi40121.ts';
import { cfdi40122 } from './cfdi40122.ts';
import { cfdi40123 } from './cfdi40123.ts';
import { cfdi40124 } from './cfdi40124.ts';
import { cfdi40125 } from './cfdi40125.ts';
import { cfdi40126 } from './cfdi40126.ts';
import { cfdi40127 } from './cfdi40127.ts';
import { cfdi40128 } from './cfdi40128.ts';
import { cfdi40129 } from './cfdi40129.ts';
import { cfdi40130 } from './cfdi40130.ts';
import { cfdi40131 } from './cfdi40131.ts';
import { cfdi40132 } from './cfdi40132.ts';
import { cfdi40133 } from './cfdi40133.ts';
import { cfdi40134 } from './cfdi40134.ts';
import { cfdi40135 } from './cfdi40135.ts';
import { cfdi40136 } from './cfdi40136.ts';
import { cfdi40137 } from './cfdi40137.ts';
import { cfdi40138 } from './cfdi40138.ts';
import { cfdi40139 } from './cfdi40139.ts';
import { cfdi40140 } from './cfdi40140.ts';
import { cfdi40141 } from './cfdi40141.ts';
import { cfdi40142 } from './cfdi40142.ts';
import { cfdi40143 } from './cfdi40143.ts';
import { cfdi40144 } from './cfdi40144.ts';
import { cfdi40145 } from './cfdi40145.ts';
import { cfdi40146 } from './cfdi40146.ts';
import { cfdi40147 } from './cfdi40147.ts';
import { cfdi40148 } from './cfdi40148.ts';
import { cfdi40149 } from './cfdi40149.ts';
import { cfdi40150 } from './cfdi40150.ts';
import { cfdi40151 } from './cfdi40151.ts';
import { cfdi40152 } from './cfdi40152.ts';
import { cfdi40153 } from './cfdi40153.ts';
import { cfdi40154 } from './cfdi40154.ts';
import { cfdi40155 } from './cfdi40155.ts';
import { cfdi40156 } from './cfdi40156.ts';
import { cfdi40157 } from './cfdi40157.ts';
import { cfdi40158 } from './cfdi40158.ts';
import { cfdi40159 } from './cfdi40159.ts';
import { cfdi40160 } from './cfdi40160.ts';
import { cfdi40161 } from './cfdi40161.ts';
import { cfdi40162 } from './cfdi40162.ts';
import { cfdi40163 } from './cfdi40163.ts';
import { cfdi40164 } from './cfdi40164.ts';
import { cfdi40165 } from './cfdi40165.ts';
import { cfdi40166 } from './cfdi40166.ts';
import { cfdi40167 } from './cfdi40167.ts';
import { cfdi40168 } from './cfdi40168.ts';
import { cfdi40169 } from './cfdi40169.ts';
import { cfdi40170 } from './cfdi40170.ts';
import { cfdi40171 } from './cfdi40171.ts';
import { cfdi40172 } from './cfdi40172.ts';
import { cfdi40173 } from './cfdi40173.ts';
import { cfdi40174 } from './cfdi40174.ts';
import { cfdi40175 } from './cfdi40175.ts';
import { cfdi40176 } from './cfdi40176.ts';
import { cfdi40177 } from './cfdi40177.ts';
import { cfdi40178 } from './cfdi40178.ts';
import { cfdi40179 } from './cfdi40179.ts';
import { cfdi40180 } from './cfdi40180.ts';
import { cfdi40181 } from './cfdi40181.ts';
import { cfdi40182 } from './cfdi40182.ts';
import { cfdi40183 } from './cfdi40183.ts';
import { cfdi40184 } from './cfdi40184.ts';
import { cfdi40185 } from './cfdi40185.ts';
import { cfdi40186 } from './cfdi40186.ts';
import { cfdi40187 } from './cfdi40187.ts';
import { cfdi40188 } from './cfdi40188.ts';
import { cfdi40189 } from './cfdi40189.ts';
import { cfdi40190 } from './cfdi40190.ts';
import { cfdi40191 } from './cfdi40191.ts';
import { cfdi40192 } from './cfdi40192.ts';
import { cfdi40193 } from './cfdi40193.ts';
import { cfdi40194 } from './cfdi40194.ts';
import { cfdi40195 } from './cfdi40195.ts';
import { cfdi40196 } from './cfdi40196.ts';
import { cfdi40197 } from './cfdi40197.ts';
import { cfdi40198 } from './cfdi40198.ts';
import { cfdi40199 } from './cfdi40199.ts';
import { cfdi40200 } from './cfdi40200.ts';
import { cfdi40201 } from './cfdi40201.ts';
import { cfdi40202 } from './cfdi40202.ts';
import { cfdi40203 } from './cfdi40203.ts';
import { cfdi40204 } from './cfdi40204.ts';
import { cfdi40205 } from './cfdi40205.ts';
import { cfdi40206 } from './cfdi40206.ts';
import { cfdi40207 } from './cfdi40207.ts';
import { cfdi40208 } from './cfdi40208.ts';
import { cfdi40209 } from './cfdi40209.ts';
import { cfdi40210 } from './cfdi40210.ts';
import { cfdi40211 } from './cfdi40211.ts';
import { cfdi40212 } from './cfdi40212.ts';
import { cfdi40213 } from './cfdi40213.ts';
import { cfdi40214 } from './cfdi40214.ts';
import { cfdi40215 } from './cfdi40215.ts';
import { cfdi40216 } from './cfdi40216.ts';
import { cfdi40217 } from './cfdi40217.ts';
import { cfdi40218 } from './cfdi40218.ts';
import { cfdi40219 } from './cfdi40219.ts';
import { cfdi40220 } from './cfdi40220.ts';
import { cfdi40221 } from './cfdi40221.ts';
import { cfdi40999 } from './cfdi40999.ts';

export const CFDI40_RULES: readonly Rule[] = [
  cfdi40101,
  cfdi40102,
  cfdi40103,
  cfdi40104,
  cfdi40105,
  cfdi40106,
  cfdi40107,
  cfdi40108,
  cfdi40109,
  cfdi40110,
  cfdi40111,
  cfdi40112,
  cfdi40113,
  cfdi40114,
  cfdi40115,
  cfdi40116,
  cfdi40117,
  cfdi40118,
  cfdi40119,
  cfdi40120,
  cfdi40121,
  cfdi40122,
  cfdi40123,
  cfdi40124,
  cfdi40125,
  cfdi40126,
  cfdi40127,
  cfdi40128,
  cfdi40129,
  cfdi40130,
  cfdi40131,
  cfdi40132,
  cfdi40133,
  cfdi40134,
  cfdi40135,
  cfdi40136,
  cfdi40137,
  cfdi40138,
  cfdi40139,
  cfdi40140,
  cfdi40141,
  cfdi40142,
  cfdi40143,
  cfdi40144,
  cfdi40145,
  cfdi40146,
  cfdi40147,
  cfdi40148,
  cfdi40149,
  cfdi40150,
  cfdi40151,
  cfdi40152,
  cfdi40153,
  cfdi40154,
  cfdi40155,
  cfdi40156,
  cfdi40157,
  cfdi40158,
  cfdi40159,
  cfdi40160,
  cfdi40161,
  cfdi40162,
  cfdi40163,
  cfdi40164,
  cfdi40165,
  cfdi40166,
  cfdi40167,
  cfdi40168,
  cfdi40169,
  cfdi40170,
  cfdi40171,
  cfdi40172,
  cfdi40173,
  cfdi40174,
  cfdi40175,
  cfdi40176,
  cfdi40177,
  cfdi40178,
  cfdi40179,
  cfdi40180,
  cfdi40181,
  cfdi40182,
  cfdi40183,
  cfdi40184,
  cfdi40185,
  cfdi40186,
  cfdi40187,
  cfdi40188,
  cfdi40189,
  cfdi40190,
  cfdi40191,
  cfdi40192,
  cfdi40193,
  cfdi40194,
  cfdi40195,
  cfdi40196,
  cfdi40197,
  cfdi40198,
  cfdi40199,
  cfdi40200,
  cfdi40201,
  cfdi40202,
  cfdi40203,
  cfdi40204,
  cfdi40205,
  cfdi40206,
  cfdi40207,
  cfdi40208,
  cfdi40209,
  cfdi40210,
  cfdi40211,
  cfdi40212,
  cfdi40213,
  cfdi40214,
  cfdi40215,
  cfdi40216,
  cfdi40217,
  cfdi40218,
  cfdi40219,
  cfdi40220,
  cfdi40221,
  cfdi40999,
];
