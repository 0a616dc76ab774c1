import type { Caller } from "../../acd/types.ts";

/**
 * A waiting caller's place in the queue, kept on their channel in Asterisk (a channel variable):
 * after an app restart the call service finds it and puts the caller back with their arrival time.
 */
export const QUEUE_VARIABLE = "HOTLINE_QUEUE";

export type QueueMark = Pick<Caller, "hotline" | "topic" | "language" | "arrivedAt">;

export function queueMark(mark: QueueMark): string {
  return [mark.hotline, mark.topic ?? "", mark.language, mark.arrivedAt.toISOString()].join("|");
}

/** The mark read back; undefined when empty or not ours. */
export function readQueueMark(value: string | undefined): QueueMark | undefined {
  const [hotline, topic, language, arrived] = (value ?? "").split("|");
  const arrivedAt = new Date(arrived ?? "");
  if (!hotline || !language || Number.isNaN(arrivedAt.getTime())) return undefined;
  return { hotline, ...(topic ? { topic } : {}), language, arrivedAt };
}

/** A caller talking with an operator, kept on their channel the same way: the conversation survives a restart. */
export const TALK_VARIABLE = "HOTLINE_TALK";

export interface TalkMark {
  operator: string;
  /** The operator's leg and the conversation's bridge in Asterisk. */
  legId: string;
  bridgeId: string;
  hotline: string;
  waitedSeconds: number;
}

export function talkMark(mark: TalkMark): string {
  return [mark.operator, mark.legId, mark.bridgeId, mark.hotline, String(mark.waitedSeconds)].join("|");
}

export function readTalkMark(value: string | undefined): TalkMark | undefined {
  const [operator, legId, bridgeId, hotline, waited] = (value ?? "").split("|");
  if (!operator || !legId || !bridgeId || !hotline) return undefined;
  return { operator, legId, bridgeId, hotline, waitedSeconds: Number(waited) || 0 };
}
