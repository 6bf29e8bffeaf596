/**
 * The Pagos 2.0 rules of the SAT matrix (CRP20xxx), in code order. Explicit on purpose: a test
 * (`index.test.ts`) checks that every rule file is listed here, has its test and appears
 * in docs/rules.md.
 */
import type { Rule } from '../rule.ts';
import { crp20101 } from './crp20101.ts';
import { crp20102 } from './crp20102.ts';
import { crp20103 } from './crp20103.ts';
import { crp20104 } from './crp20104.ts';
import { crp20105 } from './crp20105.ts';
import { crp20106 } from './crp20106.ts';
import { crp20107 } from './crp20107.ts';
import { crp20108 } from './crp20108.ts';
import { crp20109 } from './crp20109.ts';
import { crp20110 } from './crp20110.ts';
import { crp20111 } from './crp20111.ts';
import { crp20112 } from './crp20112.ts';
import { crp20113 } from './crp20113.ts';
import { crp20114 } from './crp20114.ts';
import { crp20115 } from './crp20115.ts';
import { crp20116 } from './crp20116.ts';
import { crp20117 } from './crp20117.ts';
import { crp20118 } from './crp20118.ts';
import { crp20119 } from './crp20119.ts';
import { crp20120 } from './crp20120.ts';
import { crp20121 } from './crp20121.ts';
import { crp20122 } from './crp20122.ts';
import { crp20123 } from './crp20123.ts';
import { crp20201 } from './crp20201.ts';
import { crp20202 } from './crp20202.ts';
import { crp20203 } from './crp20203.ts';
import { crp20204 } from './crp20204.ts';
import { crp20205 } from './crp20205.ts';
import { crp20206 } from './crp20206.ts';
import { crp20207 } from './crp20207.ts';
import { crp20208 } from './crp20208.ts';
import { crp20209 } from './crp20209.ts';
import { crp20210 } from './crp20210.ts';
import { crp20211 } from './crp20211.ts';
import { crp20212 } from './crp20212.ts';
import { crp20213 } from './crp20213.ts';
import { crp20214 } from './crp20214.ts';
import { crp20215 } from './crp20215.ts';
import { crp20216 } from './crp20216.ts';
import { crp20217 } from './crp20217.ts';
import { crp20218 } from './crp20218.ts';
import { crp20219 } from './crp20219.ts';
import { crp20220 } from './crp20220.ts';
import { crp20221 } from './crp20221.ts';
import { crp20222 } from './crp20222.ts';
import { crp20223 } from './crp20223.ts';
import { crp20224 } from './crp20224.ts';
import { crp20225 } from './crp20225.ts';
import { crp20226 } from './crp20226.ts';
import { crp20227 } from './crp20227.ts';
import { crp20228 } from './crp20228.ts';
import { crp20229 } from './crp20229.ts';
import { crp20230 } from './crp20230.ts';
import { crp20231 } from './crp20231.ts';
import { crp20232 } from './crp20232.ts';
import { crp20233 } from './crp20233.ts';
import { crp20234 } from './crp20234.ts';
import { crp20235 } from './crp20235.ts';
import { crp20236 } from './crp20236.ts';
import { crp20237 } from './crp20237.ts';
import { crp20238 } from './crp20238.ts';
import { crp20239 } from './crp20239.ts';
import { crp20240 } from './crp20240.ts';
import { crp20241 } from './crp20241.ts';
import { crp20242 } from './crp20242.ts';
import { crp20243 } from './crp20243.ts';
import { crp20244 } from './crp20244.ts';
import { crp20245 } from './crp20245.ts';
import { crp20246 } from './crp20246.ts';
import { crp20247 } from './crp20247.ts';
import { crp20248 } from './crp20248.ts';
import { crp20249 } from './crp20249.ts';
import { crp20250 } from './crp20250.ts';
import { crp20251 } from './crp20251.ts';
import { crp20252 } from './crp20252.ts';
import { crp20253 } from './crp20253.ts';
import { crp20254 } from './crp20254.ts';
import { crp20255 } from './crp20255.ts';
import { crp20256 } from './crp20256.ts';
import { crp20257 } from './crp20257.ts';
import { crp20258 } from './crp20258.ts';
import { crp20259 } from './crp20259.ts';
import { crp20260 } from './crp20260.ts';
import { crp20261 } from './crp20261.ts';
import { crp20262 } from './crp20262.ts';
import { crp20263 } from './crp20263.ts';
import { crp20264 } from './crp20264.ts';
import { crp20265 } from './crp20265.ts';
import { crp20266 } from './crp20266.ts';
import { crp20267 } from './crp20267.ts';
import { crp20268 } from './crp20268.ts';
import { crp20269 } from './crp20269.ts';
import { crp20270 } from './crp20270.ts';
import { crp20271 } from './crp20271.ts';
import { crp20272 } from './crp20272.ts';
import { crp20273 } from './crp20273.ts';
import { crp20274 } from './crp20274.ts';
import { crp20275 } from './crp20275.ts';
import { crp20276 } from './crp20276.ts';
import { crp20277 } from './crp20277.ts';
import { crp20278 } from './crp20278.ts';
import { crp20279 } from './crp20279.ts';
import { crp20999 } from './crp20999.ts';

export const CRP20_RULES: readonly Rule[] = [
  crp20101,
  crp20102,
  crp20103,
  crp20104,
  crp20105,
  crp20106,
  crp20107,
  crp20108,
  crp20109,
  crp20110,
  crp20111,
  crp20112,
  crp20113,
  crp20114,
  crp20115,
  crp20116,
  crp20117,
  crp20118,
  crp20119,
  crp20120,
  crp20121,
  crp20122,
  crp20123,
  crp20201,
  crp20202,
  crp20203,
  crp20204,
  crp20205,
  crp20206,
  crp20207,
  crp20208,
  crp20209,
  crp20210,
  crp20211,
  crp20212,
  crp20213,
  crp20214,
  crp20215,
  crp20216,
  crp20217,
  crp20218,
  crp20219,
  crp20220,
  crp20221,
  crp20222,
  crp20223,
  crp20224,
  crp20225,
  crp20226,
  crp20227,
  crp20228,
  crp20229,
  crp20230,
  crp20231,
  crp20232,
  crp20233,
  crp20234,
  crp20235,
  crp20236,
  crp20237,
  crp20238,
  crp20239,
  crp20240,
  crp20241,
  crp20242,
  crp20243,
  crp20244,
  crp20245,
  crp20246,
  crp20247,
  crp20248,
  crp20249,
  crp20250,
  crp20251,
  crp20252,
  crp20253,
  crp20254,
  crp20255,
  crp20256,
  crp20257,
  crp20258,
  crp20259,
  crp20260,
  crp20261,
  crp20262,
  crp20263,
  crp20264,
  crp20265,
  crp20266,
  crp20267,
  crp20268,
  crp20269,
  crp20270,
  crp20271,
  crp20272,
  crp20273,
  crp20274,
  crp20275,
  crp20276,
  crp20277,
  crp20278,
  crp20279,
  crp20999,
];
