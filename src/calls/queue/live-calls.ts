import type { Conversation } from "./conversation.ts";
import type { QueueCaller } from "./queues.ts";
import type { TalkMark } from "./waiting-mark.ts";

/** A caller talking with an operator now: what transfers, monitoring and recordings work on. */
export interface LiveCall {
  readonly callId: string;
  readonly operator: string;
  readonly hotline: string;
  readonly topic: string | undefined;
  readonly language: string;
  readonly session: QueueCaller;
  readonly conversation: Conversation;
  readonly talk: TalkMark;
  /** When it began talking (our clock). */
  readonly since: Date;
}

export type LiveCallEvent = { kind: "started" | "ended"; call: LiveCall };

/**
 * The conversations in progress, by operator and by call, with a listener list: the room's
 * services (transfers, monitoring, recordings) follow calls here instead of reaching into the ACD.
 */
export class LiveCalls {
  private readonly byOperator = new Map<string, LiveCall>();
  private readonly byCall = new Map<string, LiveCall>();
  private readonly listeners = new Set<(event: LiveCallEvent) => void>();

  started(call: LiveCall): void {
    this.byOperator.set(call.operator, call);
    this.byCall.set(call.callId, call);
    this.emit({ kind: "started", call });
  }

  ended(call: LiveCall): void {
    if (this.byOperator.get(call.operator) === call) this.byOperator.delete(call.operator);
    if (this.byCall.get(call.callId) === call) this.byCall.delete(call.callId);
    this.emit({ kind: "ended", call });
  }

  ofOperator(operator: string): LiveCall | undefined {
    return this.byOperator.get(operator);
  }

  ofCall(callId: string): LiveCall | undefined {
    return this.byCall.get(callId);
  }

  all(): LiveCall[] {
    return [...this.byCall.values()];
  }

  /** Told of every conversation that starts or ends (adopted ones after a restart too); returns an unsubscribe. */
  on(listener: (event: LiveCallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: LiveCallEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own; the conversation goes on.
      }
    }
  }
}
