/**
 * The practice lab's HLK clock: the time HLK's object model works in on the simulated controller. It runs
 * with the computer's clock at `speed` simulated seconds a second (1 by default; `practice --clock N`), and
 * tests move it on at once with `advance`, so a pass of hours is rehearsed in seconds and no test sleeps.
 */
export class PracticeClock {
  private readonly startedAt = Date.now();
  private offsetMs = 0;

  constructor(private readonly speed = 1) {
    if (!Number.isFinite(speed) || speed <= 0) throw new Error(`the practice clock's speed must be a positive number of simulated seconds a second, not ${speed}`);
  }

  now(): number {
    return this.startedAt + (Date.now() - this.startedAt) * this.speed + this.offsetMs;
  }

  /** Moves HLK time on by `ms` at once. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`the practice clock only moves forward, by a number of milliseconds, not ${ms}`);
    this.offsetMs += ms;
  }
}
