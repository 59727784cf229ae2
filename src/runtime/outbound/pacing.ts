/**
 * Pacing: a per-origination-phone limiter that never lets more than `rate` sends into any window of `windowMs`,
 * and a per-recipient GCRA limiter for Meta's pair rate (1 message per 6 s, with a configurable burst).
 * Both are synchronous reservations: a caller gets the time it may send and sleeps until then, so concurrent
 * sends in one process share them correctly.
 */

/**
 * At most `rate` sends in any half-open window of `windowMs`, counted at the moment each send is released (a
 * sliding-window log in a ring buffer). Waiters queue in order behind one timer, so a late timer can never let
 * earlier reservations bunch up with later ones.
 */
export class SlidingWindowLimiter {
  readonly rate: number;
  readonly windowMs: number;
  /** At most this many back to back; default 1/20 of the rate (50 ms worth), which keeps a stalled loop from bursting. */
  readonly burst: number;
  readonly #ring: Float64Array;
  readonly #now: () => number;
  #next = 0;
  readonly #waiters: Array<{ notBefore: number; resolve: (t: number) => void }> = [];
  #pumping = false;

  constructor(
    rate: number,
    windowMs = 1000,
    now: () => number = () => performance.timeOrigin + performance.now(),
    burst = Math.max(1, Math.ceil(rate / 20)),
  ) {
    if (!Number.isFinite(rate) || rate < 1) throw new RangeError(`rate must be ≥ 1, got ${rate}`);
    this.rate = Math.floor(rate);
    this.burst = Math.min(this.rate, Math.max(1, Math.floor(burst)));
    this.windowMs = windowMs;
    this.#now = now;
    this.#ring = new Float64Array(this.rate).fill(Number.NEGATIVE_INFINITY);
  }

  /** Earliest time the next send may be released (ms). */
  nextFreeAt(): number {
    const windowFree = (this.#ring[this.#next] ?? Number.NEGATIVE_INFINITY) + this.windowMs;
    const burstStart = this.#ring[(this.#next - this.burst + this.rate) % this.rate] ?? Number.NEGATIVE_INFINITY;
    return Math.max(windowFree, burstStart + (this.burst * this.windowMs) / this.rate);
  }

  /** Records a send released at `t` if the window allows it; returns whether it did. */
  tryTake(t: number): boolean {
    if (this.nextFreeAt() > t) return false;
    this.#ring[this.#next] = t;
    this.#next = (this.#next + 1) % this.rate;
    return true;
  }

  /** Resolves (in call order) when a send may go, not before `notBefore`; returns the release time. */
  acquire(notBefore = 0): Promise<number> {
    return new Promise((resolve) => {
      this.#waiters.push({ notBefore, resolve });
      if (!this.#pumping) void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      while (this.#waiters.length > 0) {
        const w = this.#waiters[0] as { notBefore: number; resolve: (t: number) => void };
        const t = this.#now();
        const at = Math.max(w.notBefore, this.nextFreeAt());
        if (at <= t && this.tryTake(t)) {
          this.#waiters.shift();
          w.resolve(t);
          continue;
        }
        await new Promise((r) => setTimeout(r, Math.max(0, at - t)));
      }
    } finally {
      this.#pumping = false;
    }
  }
}

/** Per-key generic cell rate algorithm: one send per `intervalMs` on average, up to `burst` back to back. */
export class PairLimiter {
  readonly intervalMs: number;
  readonly burst: number;
  readonly #tat = new Map<string, number>();
  #lastSweep = 0;

  constructor(intervalMs = 6000, burst = 6) {
    if (burst < 1) throw new RangeError(`burst must be ≥ 1, got ${burst}`);
    this.intervalMs = intervalMs;
    this.burst = burst;
  }

  /** When the next send to `key` may go, without reserving it. */
  peek(key: string, now: number): number {
    const tat = Math.max(this.#tat.get(key) ?? now, now);
    return Math.max(now, tat - (this.burst - 1) * this.intervalMs);
  }

  /** Reserves the next send to `key`; returns its time (ms). */
  reserve(key: string, now: number): number {
    const at = this.peek(key, now);
    this.#tat.set(key, Math.max(this.#tat.get(key) ?? at, at) + this.intervalMs);
    this.#sweep(now);
    return at;
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < 60_000 || this.#tat.size < 10_000) return;
    this.#lastSweep = now;
    for (const [k, tat] of this.#tat) if (tat < now) this.#tat.delete(k);
  }
}

/** Counts sends that a GCRA of (`intervalMs`, `burst`) would have refused: pair-rate violations in a send log. */
export function countPairViolations(
  sends: ReadonlyArray<{ key: string; at: number }>,
  intervalMs: number,
  burst: number,
  toleranceMs = 0,
): number {
  const tat = new Map<string, number>();
  let violations = 0;
  for (const s of [...sends].sort((a, b) => a.at - b.at)) {
    const t = Math.max(tat.get(s.key) ?? s.at, s.at);
    if (t - s.at > (burst - 1) * intervalMs + toleranceMs) violations++;
    tat.set(s.key, t + intervalMs);
  }
  return violations;
}

/** Maximum number of events in any half-open window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
