import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Channel } from "../../src/asterisk/ari/generated.ts";
import type { AriResources } from "../../src/asterisk/ari/resources.ts";
import type { ChannelHub } from "../../src/asterisk/channels/hub.ts";
import type { ChannelHandle } from "../../src/asterisk/channels/types.ts";
import type { CallContext } from "../../src/calls/context.ts";
import { inboundJourney, runJourney } from "../../src/calls/journey.ts";
import { OpeningHours } from "../../src/calls/opening-hours.ts";
import type { CallQueues, QueueCaller, QueueOutcome, QueueRequest } from "../../src/calls/queue/queues.ts";
import { CallSession } from "../../src/calls/session.ts";
import type { Step } from "../../src/calls/step.ts";
import { type HotlineConfig, loadConfigSync } from "../../src/config/index.ts";
import { silentLogger } from "../../src/logger.ts";
import { CallRecords, type CallRow } from "../../src/records/call-records.ts";
import { type Knex, openDatabase } from "../../src/records/db.ts";
import type { CallOutcome } from "../../src/records/outcome.ts";
import type { FakeChannel } from "./fake-channel.ts";

/** How a scripted wait in a queue ends: a QueueOutcome, or the caller hanging up while waiting. */
export type ScriptedWait = QueueOutcome | "hangup";

/** Queues that answer each caller's wait as scripted per hotline, and remember who asked. */
export class ScriptedQueues implements CallQueues {
  readonly requests: QueueRequest[] = [];

  constructor(private readonly script: Record<string, ScriptedWait[]>) {}

  async enter(caller: QueueCaller, request: QueueRequest): Promise<QueueOutcome> {
    this.requests.push(request);
    const next = this.script[request.hotline]?.shift();
    if (!next) throw new Error(`no scripted wait left for ${request.hotline}`);
    if (next !== "hangup") return next;
    (caller.channel as FakeChannel).goAway();
    return caller.whenGone();
  }

  async rejoin(): Promise<never> {
    throw new Error("not scripted");
  }

  waiting(): number {
    return 0;
  }

  async close(): Promise<void> {}
}

/** An operator who answers; the conversation ends as `endedBy` says. */
export function connected(operator: string, endedBy: "operator" | "caller"): QueueOutcome {
  return { kind: "connected", operator, waitedSeconds: 5, ended: Promise.resolve(endedBy) };
}

export interface JourneyRun {
  outcome: CallOutcome;
  row: CallRow;
  voicemails: Record<string, unknown>[];
  callbacks: Record<string, unknown>[];
}

export interface CallOptions {
  did?: string;
  steps?: Step[];
  queues?: CallQueues;
  /** Legs placed by the journey (an overflow transfer) go through this hub. */
  hub?: ChannelHub;
}

export interface JourneyHarness {
  config: HotlineConfig;
  db: Knex;
  records: CallRecords;
  /** A call's session on `channel`, its record started, as the call service makes one. */
  session(channel: ChannelHandle, options?: CallOptions): CallSession;
  /** Run one call on `channel` through the journey (default: the whole inbound journey) to its record. */
  call(channel: ChannelHandle, options?: CallOptions): Promise<JourneyRun>;
  close(): Promise<void>;
}

/**
 * The journey as the app runs it (sessions, steps, real records in SQLite, real schedules) on fake
 * channels: everything but Asterisk. `now` decides whether the hotline is open.
 */
export async function journeyHarness(yaml: string, now: Date): Promise<JourneyHarness> {
  const dir = await mkdtemp(join(tmpdir(), "hotline-journey-"));
  const file = join(dir, "hotline.yaml");
  await writeFile(file, `${yaml}\ndatabase: { filename: ./calls.sqlite }\nstate: { dir: ./state }\n`);
  const loaded = loadConfigSync(file, { env: {} });
  if (!loaded.ok) throw new Error(`test configuration: ${JSON.stringify(loaded.errors)}`);
  const config = loaded.config;
  const db = await openDatabase(config.database);
  const records = new CallRecords(db);
  const openingHours = new OpeningHours(config);
  // Nothing but an empty message is ever deleted from Asterisk's storage in a journey.
  const ari = { recordings: { deleteStored: async () => undefined } } as unknown as AriResources;
  let n = 0;

  const session = (channel: ChannelHandle, options: CallOptions = {}) => {
    const did = options.did ?? config.numbers[0]?.did ?? "";
    const number = config.numbers.find((x) => x.did === did);
    const hotline = number?.hotline ?? Object.keys(config.hotlines)[0] ?? "";
    const ctx: CallContext = {
      config,
      ari,
      hub: options.hub ?? (undefined as unknown as ChannelHub),
      records,
      log: silentLogger,
      app: "hotline-test",
      openingHours,
      queues: options.queues ?? new ScriptedQueues({}),
      now: () => now,
    };
    const data = { id: channel.id, state: "Ring", caller: { number: `60000000${++n}`, name: "" } } as Channel;
    const info = { channel: data, did, trunk: "test-trunk", hotline, language: number?.language ?? "en" };
    records.started({ id: channel.id, did, hotline, language: info.language, startedAt: now });
    return new CallSession(info, channel, ctx);
  };

  return {
    config,
    db,
    records,
    session,
    async call(channel, options = {}) {
      const call = session(channel, options);
      const outcome = await call.close(runJourney(call, options.steps ?? inboundJourney()));
      await records.flush({ timeoutMs: 5000 });
      const row = await db<CallRow>("calls").where({ id: channel.id }).first();
      if (!row) throw new Error(`no record of call ${channel.id}`);
      return {
        outcome,
        row,
        voicemails: await db("voicemails").where({ call_id: channel.id }),
        callbacks: await db("callbacks").where({ call_id: channel.id }),
      };
    },
    async close() {
      await records.close({ timeoutMs: 5000 });
      await db.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
