import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { AriError } from "../../asterisk/ari/errors.ts";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import type { StoredRecordingReader } from "../../asterisk/ari/stored-recordings.ts";
import type { HotlineConfig } from "../../config/index.ts";
import { recordModeOf } from "../../config/schema-room.ts";
import { bestEffort, type Logger } from "../../logger.ts";
import type { CallRecords } from "../../records/call-records.ts";
import type { LiveCall, LiveCalls } from "../queue/live-calls.ts";

/** Asterisk finishes the file a moment after the bridge goes: ask this often, this many times. */
const STORED_POLL_MS = 200;
const STORED_POLLS = 25;
const DAY_MS = 86_400_000;

interface Recording {
  id: string;
  name: string;
  started: Promise<boolean>;
}

export interface RecorderDeps {
  ari: AriResources;
  live: LiveCalls;
  records: CallRecords;
  config: () => HotlineConfig;
  stored: StoredRecordingReader;
  now: () => Date;
  logger: Logger;
}

/**
 * Records the conversations of topics with `record: announce | always` (a sensitive topic
 * announces): the conversation bridge's mixed audio (both sides), from the moment LiveCalls says it
 * started until it ends. The file then moves from Asterisk's storage to recordings.dir (folder
 * 0700, file 0600) and its recordings row is completed with path, size and purge date.
 */
export class ConversationRecorder {
  private readonly active = new Map<LiveCall, Recording>();
  private readonly finishing = new Set<Promise<void>>();
  private readonly log: Logger;
  private off: (() => void) | undefined;

  constructor(private readonly deps: RecorderDeps) {
    this.log = deps.logger.child({ component: "recordings" });
  }

  attach(): void {
    this.off = this.deps.live.on(({ kind, call }) => {
      if (kind === "started") this.start(call);
      else this.finish(call);
    });
  }

  /** Stop following calls; the files of conversations that ended are all written. */
  async close(): Promise<void> {
    this.off?.();
    await Promise.all([...this.finishing]);
  }

  private start(call: LiveCall): void {
    const topic = call.topic ? this.deps.config().topics[call.topic] : undefined;
    if (recordModeOf(topic) === "never") return;
    const at = this.deps.now();
    // Named after the conversation's bridge, which survives an app restart: the next run adopting
    // the conversation finds the recording already running (409) and takes it over.
    const id = `rec-${call.conversation.bridgeId}`;
    const started = this.deps.ari.bridges.record(call.conversation.bridgeId, id).then(
      () => {
        this.deps.records.room.recordingStarted({
          id,
          callId: call.callId,
          operator: call.operator,
          topic: call.topic,
          at,
        });
        this.log.info({ recording: id, call: call.callId, topic: call.topic }, "recording the conversation");
        return true;
      },
      (err) => {
        if (err instanceof AriError && err.status === 409) {
          this.log.info({ recording: id, call: call.callId }, "recording of the last run continued");
          return true;
        }
        this.log.error({ err: (err as Error).message, call: call.callId }, "could not record the conversation");
        return false;
      },
    );
    this.active.set(call, { id, name: id, started });
  }

  private finish(call: LiveCall): void {
    const recording = this.active.get(call);
    if (!recording) return;
    this.active.delete(call);
    const done = this.keep(recording).finally(() => this.finishing.delete(done));
    this.finishing.add(done);
  }

  private async keep({ id, name, started }: Recording): Promise<void> {
    if (!(await started)) return;
    const log = this.log.child({ recording: id });
    const { ari, config, now } = this.deps;
    // Usually over already: the conversation's bridge is destroyed when it ends.
    await ari.recordings.stopLive(name).catch(() => undefined);
    const settings = config().recordings;
    let path: string | null = null;
    let bytes: number | null = null;
    try {
      const audio = await this.whenStored(name);
      await mkdir(settings.dir, { recursive: true, mode: 0o700 });
      await chmod(settings.dir, 0o700);
      path = join(settings.dir, `${id}.wav`);
      await writeFile(path, audio, { mode: 0o600 });
      await chmod(path, 0o600);
      bytes = audio.length;
      await bestEffort(ari.recordings.deleteStored(name), log, "delete Asterisk's copy of the recording");
      log.info({ path, bytes }, "recording kept");
    } catch (err) {
      path = null;
      log.error({ err: (err as Error).message }, "could not keep the recording");
    }
    const endedAt = now();
    this.deps.records.room.recordingEnded(id, {
      at: endedAt,
      path,
      bytes,
      purgeAfter: new Date(endedAt.getTime() + settings.retentionDays * DAY_MS),
    });
  }

  private async whenStored(name: string): Promise<Buffer> {
    for (let i = 0; ; i++) {
      const there = await this.deps.ari.recordings.getStored(name).then(
        () => true,
        () => false,
      );
      if (there) return this.deps.stored(name);
      if (i >= STORED_POLLS) throw new Error(`Asterisk did not store recording ${name}`);
      await sleep(STORED_POLL_MS);
    }
  }
}
