/** Time source of the emulator; tests pass a controllable one or move time with `advanceClock`. */
export interface EmulatorClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Real time. */
export const systemClock: EmulatorClock = { now: () => Date.now() };

/** A clock that only moves when told to (`advance`/`set`). */
export class ManualClock implements EmulatorClock {
  private t: number;
  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.t = startMs;
  }
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(ms: number): void {
    this.t = ms;
  }
}

/** Wraps a base clock with an offset that `advanceClock` grows; the offset is persisted with the state. */
export class OffsetClock implements EmulatorClock {
  readonly base: EmulatorClock;
  offsetMs: number;
  constructor(base: EmulatorClock, offsetMs = 0) {
    this.base = base;
    this.offsetMs = offsetMs;
  }
  now(): number {
    return this.base.now() + this.offsetMs;
  }
}

/** RFC 3339 UTC with nanoseconds, as EUM writes `message_timestamp`. */
export function rfc3339Nanos(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString(); // 2026-01-01T00:00:00.000Z
  const sub = String(process.hrtime.bigint() % 1_000_000n).padStart(6, "0");
  return `${iso.slice(0, -1)}${sub}Z`;
}
