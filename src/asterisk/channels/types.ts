import type { HangupReason } from "../ari/resources.ts";

/** The channel hung up (or vanished): whatever awaited it stops, and that is not an error. */
export class ChannelGone extends Error {
  /** `refused`: the request found the channel already gone (rather than losing it midway). */
  constructor(
    readonly channelId: string,
    readonly refused = false,
  ) {
    super(`channel ${channelId} is gone`);
    this.name = "ChannelGone";
  }
}

/** Media to play: a URI (sound:…, number:…, digits:…) with an optional language of its own. */
export type PlayItem = string | { media: string; lang?: string };

export interface CollectOptions {
  /** Played first; a key pressed during it stops it (barge-in) and counts. */
  prompt?: readonly PlayItem[];
  /** Stop after this many keys. */
  max: number;
  /** Wait this long for the first key after the prompt. */
  timeoutMs: number;
  /** Wait this long between keys (default: timeoutMs). */
  interDigitMs?: number;
  /** A key that ends the input early and is not part of it (e.g. "#"). */
  terminator?: string;
}

export interface RecordOptions {
  name: string;
  maxDurationSeconds: number;
  maxSilenceSeconds?: number;
  terminateOn?: "none" | "any" | "*" | "#";
}

export interface RecordResult {
  name: string;
  durationSeconds: number;
}

/** How a channel ended, once it is destroyed (or lost). */
export interface ChannelEnd {
  at: Date;
  /** Q.850 cause for the records: a plain BYE from the far end counts as 16, normal clearing. */
  cause?: number;
  causeText?: string;
  /** The cause exactly as ChannelDestroyed gave it (17 busy, 19 no answer, 21 rejected…). */
  reported?: number;
  /** Asterisk no longer had the channel after a reconnect. */
  lost: boolean;
}

/** A playback that can be cut short (announcements, whispers); `done` settles when it ends either way. */
export interface Playback {
  /** Asterisk took the request (or the channel was already gone). */
  readonly started: Promise<void>;
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * What the journey, the desk-phone codes and the ACD may do with one channel. Handed out by the
 * ChannelHub, which feeds each one its own events; faked in unit tests.
 */
export interface ChannelHandle {
  readonly id: string;
  readonly isGone: boolean;
  /** Settles once, when the channel is destroyed or lost; never rejects. */
  readonly ended: Promise<ChannelEnd>;
  /** Never resolves; rejects with ChannelGone when the channel goes: race it against waits with no event of their own. */
  whenGone(): Promise<never>;
  answer(): Promise<void>;
  ring(): Promise<void>;
  /** Play and wait until it finished; a hang-up rejects with ChannelGone. */
  play(items: readonly PlayItem[], lang: string): Promise<void>;
  /** Play something that may be stopped midway; never rejects for a hang-up. */
  announce(media: readonly string[], lang: string): Playback;
  /**
   * Ask for keys: play the prompt (a key stops it), then wait for up to `max` keys. Returns what was
   * pressed, "" on silence. Keys pressed before are kept: callers who know the menu type ahead.
   */
  collect(options: CollectOptions, lang: string): Promise<string>;
  /** Forget keys pressed so far (before a new question). */
  clearKeys(): void;
  /** Record (a beep first) until the terminator, silence, the limit or the hang-up: a hang-up keeps the message. */
  record(options: RecordOptions): Promise<RecordResult>;
  /** Safe at any time; nothing happens once the channel is gone. */
  hangup(reason?: HangupReason): Promise<void>;
  /** Nothing happens once the channel is gone. */
  setVar(name: string, value: string): Promise<void>;
  /** "" when unset or the channel is gone. */
  getVar(name: string): Promise<string>;
}

export function groupByLanguage(items: readonly PlayItem[], fallback: string): { media: string[]; lang: string }[] {
  const groups: { media: string[]; lang: string }[] = [];
  for (const item of items) {
    const media = typeof item === "string" ? item : item.media;
    const lang = typeof item === "string" ? fallback : (item.lang ?? fallback);
    const last = groups[groups.length - 1];
    if (last && last.lang === lang) last.media.push(media);
    else groups.push({ media: [media], lang });
  }
  return groups;
}
