import type { AriClient } from "./client.ts";
import type { Bridge, Channel, Playback } from "./generated.ts";

/**
 * The handful of ARI operations the hotline uses, named as Asterisk names them. Callers choose ids
 * (channel, playback, bridge) themselves so an event can never beat the reply that announces the id.
 */
export class AriResources {
  constructor(readonly client: AriClient) {}

  readonly channels = {
    get: (channelId: string) => this.client.request<Channel>("GET", `/channels/${enc(channelId)}`),
    answer: (channelId: string) => this.client.request<void>("POST", `/channels/${enc(channelId)}/answer`),
    ring: (channelId: string) => this.client.request<void>("POST", `/channels/${enc(channelId)}/ring`),
    hangup: (
      channelId: string,
      reason: "normal" | "busy" | "congestion" | "no_answer" | "answered_elsewhere" = "normal",
    ) => this.client.request<void>("DELETE", `/channels/${enc(channelId)}`, { query: { reason } }),
    play: (channelId: string, playbackId: string, media: string | string[], options: { lang?: string } = {}) =>
      this.client.request<Playback>("POST", `/channels/${enc(channelId)}/play/${enc(playbackId)}`, {
        query: { media: Array.isArray(media) ? media.join(",") : media, lang: options.lang },
      }),
    setVar: (channelId: string, variable: string, value: string) =>
      this.client.request<void>("POST", `/channels/${enc(channelId)}/variable`, { query: { variable, value } }),
    getVar: async (channelId: string, variable: string) =>
      (
        await this.client.request<{ value: string }>("GET", `/channels/${enc(channelId)}/variable`, {
          query: { variable },
        })
      ).value,
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
    }) =>
      this.client.request<Channel>("POST", `/channels/${enc(args.channelId)}`, {
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
      }),
  };

  readonly bridges = {
    create: (bridgeId: string, type: string, name?: string) =>
      this.client.request<Bridge>("POST", `/bridges/${enc(bridgeId)}`, { query: { type, name } }),
    get: (bridgeId: string) => this.client.request<Bridge>("GET", `/bridges/${enc(bridgeId)}`),
    list: () => this.client.request<Bridge[]>("GET", "/bridges"),
    addChannel: (bridgeId: string, channelId: string, options: { role?: string } = {}) =>
      this.client.request<void>("POST", `/bridges/${enc(bridgeId)}/addChannel`, {
        query: { channel: channelId, role: options.role },
      }),
    removeChannel: (bridgeId: string, channelId: string) =>
      this.client.request<void>("POST", `/bridges/${enc(bridgeId)}/removeChannel`, { query: { channel: channelId } }),
    destroy: (bridgeId: string) => this.client.request<void>("DELETE", `/bridges/${enc(bridgeId)}`),
  };

  readonly playbacks = {
    stop: (playbackId: string) => this.client.request<void>("DELETE", `/playbacks/${enc(playbackId)}`),
  };

  readonly applications = {
    /** Keep receiving a channel's events after it leaves Stasis (its ChannelDestroyed carries the hang-up cause). */
    subscribe: (app: string, eventSource: string) =>
      this.client.request<void>("POST", `/applications/${enc(app)}/subscription`, { query: { eventSource } }),
  };

  readonly asterisk = {
    info: () => this.client.request<Record<string, unknown>>("GET", "/asterisk/info"),
  };
}

function enc(id: string): string {
  return encodeURIComponent(id);
}
