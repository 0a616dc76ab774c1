import type { ChannelHandle } from "../../asterisk/channels/types.ts";
import { operatorLanguage } from "../../operators/language.ts";
import { campaignNameFile, speakingWithFile, topicNameFile } from "../../sounds/catalog.ts";
import { soundUri } from "../../sounds/prompts.ts";
import { Announcer } from "./announcer.ts";
import type { QueueCaller } from "./queues.ts";

/** A whisper or an introduction never holds the conversation up for longer than this. */
const LONGEST_MS = 6000;

/**
 * What the operator hears on answering, before the caller: the topic and the campaign
 * ("admissions, radio"), in the operator's own language.
 */
export async function whisper(leg: ChannelHandle, caller: QueueCaller, operator: string): Promise<void> {
  const { config } = caller.ctx;
  const settings = config.operators[operator];
  const language = settings ? operatorLanguage(config, settings) : caller.language;
  const media = [
    ...(caller.topic ? [soundUri(topicNameFile(caller.topic))] : []),
    ...(caller.info.campaign ? [soundUri(campaignNameFile(caller.info.campaign))] : []),
  ];
  if (media.length > 0) await bounded(new Announcer(leg, language), media);
}

/** What the caller hears as the operator takes the call: "You are speaking with María." */
export async function introduce(caller: QueueCaller, operator: string): Promise<void> {
  await bounded(new Announcer(caller.channel, caller.language), [soundUri(speakingWithFile(operator))]);
}

async function bounded(announcer: Announcer, media: string[]): Promise<void> {
  const timer = setTimeout(() => void announcer.stop(), LONGEST_MS);
  try {
    await announcer.play(media);
  } finally {
    clearTimeout(timer);
  }
}
