import type { AriCallArgs } from "./client.ts";
import { isGone } from "./errors.ts";
import type { AriOperationKey, AriOperations } from "./generated.ts";

/**
 * What the resources send operations through: one node's client, or all the nodes (`near` names
 * the channel a new bridge belongs with, so it is made on that channel's node).
 */
export interface AriCaller {
  call<K extends AriOperationKey>(
    operation: K,
    args: AriCallArgs<K> & { near?: string },
  ): Promise<AriOperations[K]["response"]>;
}

export type HangupReason = "normal" | "busy" | "congestion" | "no_answer" | "answered_elsewhere";

/**
 * The ARI operations the hotline uses, named as Asterisk names them and typed from its spec. Callers
 * choose ids (channel, playback, bridge) themselves so an event can never beat the reply naming the id.
 */
export class AriResources {
  constructor(readonly client: AriCaller) {}

  readonly channels = {
    list: () => this.client.call("GET /channels", {}),
    get: (channelId: string) => this.client.call("GET /channels/{channelId}", { params: { channelId } }),
    /** Whether Asterisk still has the channel; `unsure` is the answer when Asterisk could not say. */
    exists: (channelId: string, unsure: boolean) =>
      this.client.call("GET /channels/{channelId}", { params: { channelId } }).then(
        () => true,
        (err) => (isGone(err) ? false : unsure),
      ),
    answer: (channelId: string) => this.client.call("POST /channels/{channelId}/answer", { params: { channelId } }),
    ring: (channelId: string) => this.client.call("POST /channels/{channelId}/ring", { params: { channelId } }),
    hangup: (channelId: string, reason: HangupReason = "normal") =>
      this.client.call("DELETE /channels/{channelId}", { params: { channelId }, query: { reason } }),
    play: (channelId: string, playbackId: string, media: string | string[], options: { lang?: string } = {}) =>
      this.client.call("POST /channels/{channelId}/play/{playbackId}", {
        params: { channelId, playbackId },
        query: { media: Array.isArray(media) ? media : [media], lang: options.lang },
      }),
    record: (
      channelId: string,
      options: {
        name: string;
        maxDurationSeconds: number;
        maxSilenceSeconds: number;
        terminateOn: "none" | "any" | "*" | "#";
      },
    ) =>
      this.client.call("POST /channels/{channelId}/record", {
        params: { channelId },
        query: { ...options, format: "wav", ifExists: "fail", beep: true },
      }),
    /** A snoop channel on `channelId` (spy: what we hear of it; whisper: what it hears from us), into our app. */
    snoop: (
      channelId: string,
      snoopId: string,
      options: {
        spy: "none" | "both" | "out" | "in";
        whisper: "none" | "both" | "out" | "in";
        app: string;
        appArgs?: string;
      },
    ) =>
      this.client.call("POST /channels/{channelId}/snoop/{snoopId}", {
        params: { channelId, snoopId },
        query: options,
      }),
    setVar: (channelId: string, variable: string, value: string) =>
      this.client.call("POST /channels/{channelId}/variable", { params: { channelId }, query: { variable, value } }),
    getVar: async (channelId: string, variable: string) =>
      (await this.client.call("GET /channels/{channelId}/variable", { params: { channelId }, query: { variable } }))
        .value,
    originate: (args: {
      channelId: string;
      endpoint: string;
      app: string;
      appArgs?: string;
      callerId?: string;
      timeout?: number;
      otherChannelId?: string;
      originator?: string;
      variables?: Record<string, string>;
      /** The channel the new one belongs with (routing only: several nodes place it on that one's). */
      near?: string;
    }) =>
      this.client.call("POST /channels/{channelId}", {
        params: { channelId: args.channelId },
        query: {
          endpoint: args.endpoint,
          app: args.app,
          appArgs: args.appArgs,
          callerId: args.callerId,
          timeout: args.timeout,
          otherChannelId: args.otherChannelId,
          originator: args.originator,
        },
        body: args.variables ? { variables: args.variables } : undefined,
        ...(args.near ? { near: args.near } : {}),
      }),
  };

  readonly bridges = {
    /** `near`: a channel the bridge is for (with several nodes, the bridge is made on its node). */
    create: (bridgeId: string, type: string, name?: string, near?: string) =>
      this.client.call("POST /bridges/{bridgeId}", {
        params: { bridgeId },
        query: { type, name },
        ...(near ? { near } : {}),
      }),
    get: (bridgeId: string) => this.client.call("GET /bridges/{bridgeId}", { params: { bridgeId } }),
    list: () => this.client.call("GET /bridges", {}),
    /** `absorbDTMF`: keys pressed stay with the app (events) instead of reaching the bridge's other channels. */
    addChannel: (
      bridgeId: string,
      channelId: string | string[],
      options: { role?: string; absorbDTMF?: boolean } = {},
    ) =>
      this.client.call("POST /bridges/{bridgeId}/addChannel", {
        params: { bridgeId },
        query: {
          channel: Array.isArray(channelId) ? channelId : [channelId],
          role: options.role,
          ...(options.absorbDTMF ? { absorbDTMF: true } : {}),
        },
      }),
    removeChannel: (bridgeId: string, channelId: string) =>
      this.client.call("POST /bridges/{bridgeId}/removeChannel", {
        params: { bridgeId },
        query: { channel: [channelId] },
      }),
    destroy: (bridgeId: string) => this.client.call("DELETE /bridges/{bridgeId}", { params: { bridgeId } }),
    /** Record the bridge's mixed audio (everyone in it) into Asterisk's recording folder. */
    record: (bridgeId: string, name: string) =>
      this.client.call("POST /bridges/{bridgeId}/record", {
        params: { bridgeId },
        query: { name, format: "wav", ifExists: "fail", beep: false, terminateOn: "none" },
      }),
    /** Music on hold to everyone in the bridge (a caller held during a transfer). */
    startMoh: (bridgeId: string) =>
      this.client.call("POST /bridges/{bridgeId}/moh", { params: { bridgeId }, query: {} }),
    stopMoh: (bridgeId: string) => this.client.call("DELETE /bridges/{bridgeId}/moh", { params: { bridgeId } }),
  };

  readonly playbacks = {
    get: (playbackId: string) => this.client.call("GET /playbacks/{playbackId}", { params: { playbackId } }),
    stop: (playbackId: string) => this.client.call("DELETE /playbacks/{playbackId}", { params: { playbackId } }),
  };

  readonly recordings = {
    getStored: (recordingName: string) =>
      this.client.call("GET /recordings/stored/{recordingName}", { params: { recordingName } }),
    stopLive: (recordingName: string) =>
      this.client.call("POST /recordings/live/{recordingName}/stop", { params: { recordingName } }),
    deleteStored: (recordingName: string) =>
      this.client.call("DELETE /recordings/stored/{recordingName}", { params: { recordingName } }),
  };

  readonly endpoints = {
    list: (tech: string) => this.client.call("GET /endpoints/{tech}", { params: { tech } }),
  };

  readonly applications = {
    /** Keep receiving a channel's events after it leaves Stasis (its ChannelDestroyed carries the hang-up cause). */
    subscribe: (applicationName: string, eventSource: string) =>
      this.client.call("POST /applications/{applicationName}/subscription", {
        params: { applicationName },
        query: { eventSource: [eventSource] },
      }),
  };

  readonly asterisk = {
    info: () => this.client.call("GET /asterisk/info", {}),
  };
}
