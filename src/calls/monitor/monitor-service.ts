import { randomUUID } from "node:crypto";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { ChannelHub } from "../../asterisk/channels/hub.ts";
import type { ChannelHandle } from "../../asterisk/channels/types.ts";
import type { HotlineConfig } from "../../config/index.ts";
import { bestEffort, type Logger } from "../../logger.ts";
import type { CallRecords } from "../../records/call-records.ts";
import type { LiveCall, LiveCalls } from "../queue/live-calls.ts";
import { OutboundLeg } from "../queue/outbound-leg.ts";
import { barge } from "./barge.ts";
import { listen } from "./listen.ts";
import type { Attach, MonitorContext, MonitorInfo, MonitorMode, SupervisorSide } from "./types.ts";
import { whisper } from "./whisper.ts";

const VERBS: Record<MonitorMode, Attach> = { listen, whisper, barge };

/** How long the supervisor's desk phone rings before we give up. */
const RING_SECONDS = 30;

export type MonitorRefusal = "unknown-operator" | "not-on-call" | "not-supervisor" | "no-answer";

/** Monitoring cannot start: why, for the API's status code and the desk phone's prompt. */
export class MonitorError extends Error {
  constructor(
    readonly reason: MonitorRefusal,
    message: string,
  ) {
    super(message);
    this.name = "MonitorError";
  }
}

export interface MonitorDeps {
  hub: ChannelHub;
  live: LiveCalls;
  records: CallRecords;
  config: () => HotlineConfig;
  app: string;
  logger: Logger;
  now: () => Date;
}

interface Running {
  info: MonitorInfo;
  stop(): void;
  ended: Promise<string>;
}

/**
 * Supervisors listening to, coaching (whisper) or joining (barge) an operator's conversation, on
 * their desk phone. A session ends when the supervisor hangs up, the conversation ends or it is
 * stopped; each one is a monitor_sessions row.
 */
export class MonitorService {
  private readonly sessions = new Map<string, Running>();
  private readonly ctx: MonitorContext;

  constructor(private readonly deps: MonitorDeps) {
    this.ctx = {
      hub: deps.hub,
      ari: deps.hub.ari as AriResources,
      app: deps.app,
      log: deps.logger.child({ component: "monitor" }),
    };
  }

  /** Ring the supervisor's desk phone `to` and, once answered, connect it to the operator's conversation. */
  async monitor(operator: string, request: { mode: MonitorMode; to: string }): Promise<MonitorInfo> {
    const supervisor = this.supervisorAt(request.to);
    const call = this.callOf(operator);
    const leg = new OutboundLeg(this.deps.hub, "monitor");
    // The conversation may end while the supervisor's phone rings.
    const off = this.deps.live.on((e) => {
      if (e.kind === "ended" && e.call === call) void leg.hangup().catch(() => undefined);
    });
    let answered: boolean;
    try {
      answered = await leg.ring({
        endpoint: `PJSIP/${request.to}`,
        app: this.deps.app,
        appArgs: "monitor",
        near: call.conversation.leg.id,
        timeoutSeconds: RING_SECONDS,
        callerId: `"${request.mode} ${operator}" <monitor>`,
      });
    } finally {
      off();
    }
    if (!answered) {
      const over = this.deps.live.ofCall(call.callId) !== call;
      throw over
        ? new MonitorError("not-on-call", `${operator}'s conversation ended before the supervisor answered`)
        : new MonitorError("no-answer", `${request.to} did not answer`);
    }
    const side: SupervisorSide = { id: leg.id, gone: leg.gone, hangup: () => leg.hangup() };
    return (await this.run(call, side, request.mode, supervisor, request.to)).info;
  }

  /**
   * The supervisor dialled a monitoring code: their own (answered) call is connected. Resolves when
   * the session ends, with why.
   */
  async monitorFrom(
    channel: ChannelHandle,
    operator: string,
    mode: MonitorMode,
    supervisor: string,
    endpoint: string,
  ): Promise<string> {
    const call = this.callOf(operator);
    const side: SupervisorSide = { id: channel.id, gone: channel.ended, hangup: () => channel.hangup() };
    return (await this.run(call, side, mode, supervisor, endpoint)).ended;
  }

  /** Stop a session (its supervisor's phone is hung up); false when there is no such session. */
  stop(id: string): boolean {
    const running = this.sessions.get(id);
    running?.stop();
    return running !== undefined;
  }

  list(): MonitorInfo[] {
    return [...this.sessions.values()].map((s) => s.info);
  }

  /** End every session (app shutdown) and wait for their rows. */
  async close(): Promise<void> {
    const all = [...this.sessions.values()];
    for (const s of all) s.stop();
    await Promise.all(all.map((s) => s.ended.catch(() => undefined)));
  }

  private supervisorAt(endpoint: string): string {
    const found = Object.entries(this.deps.config().supervisors).find(([, s]) => s.endpoint === endpoint);
    if (!found) throw new MonitorError("not-supervisor", `${endpoint} is not a supervisor's desk phone`);
    return found[0];
  }

  private callOf(operator: string): LiveCall {
    if (!this.deps.config().operators[operator])
      throw new MonitorError("unknown-operator", `unknown operator "${operator}"`);
    const call = this.deps.live.ofOperator(operator);
    if (!call) throw new MonitorError("not-on-call", `${operator} is not on a call`);
    return call;
  }

  private async run(
    call: LiveCall,
    side: SupervisorSide,
    mode: MonitorMode,
    supervisor: string,
    endpoint: string,
  ): Promise<Running> {
    const id = randomUUID();
    const log = this.ctx.log.child({ monitor: id, call: call.callId, operator: call.operator, supervisor, mode });
    let detach: () => Promise<void>;
    try {
      detach = await VERBS[mode](this.ctx, call, side, id);
    } catch (err) {
      await bestEffort(side.hangup(), log, "hang up the supervisor");
      throw err;
    }
    const startedAt = this.deps.now();
    const fields = { id, callId: call.callId, operator: call.operator, supervisor, mode, endpoint };
    this.deps.records.room.monitorStarted({ ...fields, at: startedAt });
    log.info("monitoring started");
    let stop!: () => void;
    const stopped = new Promise<string>((resolve) => {
      stop = () => resolve("stopped");
    });
    let offLive: () => void = () => undefined;
    const callEnded = new Promise<string>((resolve) => {
      offLive = this.deps.live.on((e) => {
        if (e.kind === "ended" && e.call === call) resolve("call-ended");
      });
      void call.conversation.ended.then(
        () => resolve("call-ended"),
        () => resolve("call-ended"),
      );
      if (this.deps.live.ofCall(call.callId) !== call) resolve("call-ended");
    });
    const info: MonitorInfo = { ...fields, startedAt: startedAt.toISOString() };
    const ended = Promise.race([side.gone.then(() => "supervisor-hung-up"), callEnded, stopped]).then(
      async (reason) => {
        offLive();
        await bestEffort(detach(), log, "undo the monitoring");
        await bestEffort(side.hangup(), log, "hang up the supervisor");
        this.deps.records.room.monitorEnded(id, this.deps.now(), reason);
        this.sessions.delete(id);
        log.info({ reason }, "monitoring ended");
        return reason;
      },
    );
    const running: Running = { info, stop, ended };
    this.sessions.set(id, running);
    return running;
  }
}
