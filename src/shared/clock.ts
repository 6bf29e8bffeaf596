/** Time is injected everywhere so tests run on a fixed clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function fixedClock(iso: string): Clock {
  const t = new Date(iso).getTime();
  return () => new Date(t);
}
