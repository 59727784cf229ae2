/**
 * Sending replies to one inbound event. Each reply gets a deterministic idempotency key (`reply:<event key>:<n>`), so
 * when the event is processed again after a failure the outbound pipeline drops the replies already queued: exactly
 * one of each reply per inbound message. A reply refused for a permanent reason (a declared message that breaks
 * Meta's limits, a template not APPROVED) is dead-lettered with the reason instead of failing the event forever.
 */
import type { CloudApiMessage } from "../../ports.ts";
import { type InboundDeps, originationOf } from "../deps.ts";
import type { PhoneRef } from "../events.ts";

const PERMANENT = new Set(["MessageValidationError", "TemplateNotApprovedError"]);

/** Sends the replies of one event, in order. */
export class Replier {
  readonly #deps: InboundDeps;
  readonly #key: string;
  readonly #phone: PhoneRef;
  readonly #to: string;
  #n = 0;
  /** Purposes of the replies sent so far (tests, logs). */
  readonly sent: string[] = [];

  constructor(deps: InboundDeps, eventKey: string, phone: PhoneRef, to: string) {
    this.#deps = deps;
    this.#key = eventKey;
    this.#phone = phone;
    this.#to = to;
  }

  /** Builds and enqueues one reply; `build` may throw a builder error, which is dead-lettered. */
  async send(purpose: string, build: () => CloudApiMessage): Promise<void> {
    const n = this.#n++;
    const idempotencyKey = `reply:${this.#key}:${n}`;
    try {
      const message = build();
      await this.#deps.outbound.enqueue({
        originationPhoneNumberId: originationOf(this.#phone),
        to: this.#to,
        message,
        idempotencyKey,
        purpose,
      });
      this.sent.push(purpose);
      this.#deps.metrics.count("RepliesQueued", { purpose });
    } catch (err) {
      const name = (err as Error)?.name ?? "Error";
      if (!PERMANENT.has(name)) throw err;
      this.#deps.metrics.count("RepliesRefused", { purpose });
      await this.#deps.deadLetter({
        reason: `reply-refused:${name}`,
        detail: `${purpose} reply to ${this.#key}: ${(err as Error).message}`,
        idempotencyKey,
        payload: { purpose, eventKey: this.#key },
      });
    }
  }
}
