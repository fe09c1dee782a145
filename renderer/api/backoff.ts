/** How long to wait before reconnect attempt `failures` (1 = the first retry): doubling, capped, jittered. */
export function reconnectDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, failures - 1));
  // ±20 % so several pages watching one hlk-assist do not knock in step.
  return Math.round(base * (0.8 + 0.4 * random()));
}
