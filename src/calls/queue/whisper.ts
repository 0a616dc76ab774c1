import type { AriResources } from "../../asterisk/ari/resources.ts";
import { operatorLanguage } from "../../operators/language.ts";
import { campaignNameFile, speakingWithFile, topicNameFile } from "../../sounds/catalog.ts";
import { soundUri } from "../../sounds/prompts.ts";
import type { CallSession } from "../session.ts";
import { Announcer } from "./announcer.ts";

/** A whisper or an introduction never holds the conversation up for longer than this. */
const LONGEST_MS = 6000;

/**
 * What the operator hears on answering, before the caller: the topic and the campaign
 * ("admissions, radio"), in the operator's own language.
 */
export async function whisper(ari: AriResources, legId: string, session: CallSession, operator: string): Promise<void> {
  const { config } = session.ctx;
  const settings = config.operators[operator];
  const language = settings ? operatorLanguage(config, settings) : session.language;
  const media = [
    ...(session.topic ? [soundUri(topicNameFile(session.topic))] : []),
    ...(session.info.campaign ? [soundUri(campaignNameFile(session.info.campaign))] : []),
  ];
  if (media.length > 0) await bounded(new Announcer(ari, legId, language), media);
}

/** What the caller hears as the operator takes the call: "You are speaking with María." */
export async function introduce(ari: AriResources, session: CallSession, operator: string): Promise<void> {
  await bounded(new Announcer(ari, session.id, session.language), [soundUri(speakingWithFile(operator))]);
}

async function bounded(announcer: Announcer, media: string[]): Promise<void> {
  const timer = setTimeout(() => void announcer.stop(), LONGEST_MS);
  try {
    await announcer.play(media);
  } finally {
    clearTimeout(timer);
  }
}
