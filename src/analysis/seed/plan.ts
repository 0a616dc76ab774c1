/**
 * What the synthetic week is made of, taken from a configuration: the numbers callers dial, each
 * hotline's opening hours (the real schedule engine decides open or closed), menus, queues, operators.
 */
import { compileConfigSchedules } from "../../config/schedules.ts";
import type { HotlineConfig } from "../../config/schema.ts";
import { explain } from "../../schedule/index.ts";
import { type AnalysisSettings, settingsFromConfig } from "../settings.ts";

export interface OpeningState {
  open: boolean;
  /** The rule that decided (noted on calls found closed). */
  rule: string;
  /** When it changes (closing time while open); null when never. */
  nextChange: number | null;
}

export interface SeedHotline {
  name: string;
  state(at: number): OpeningState;
  /** Menu key per topic ("2" or "3>1"); empty without a menu. */
  topics: { topic: string; key: string }[];
  /** Topics with a prepared answer played before the queue. */
  answered: Set<string>;
  maxWait: number;
  /** Seconds a phone rings before the next operator's does. */
  ringTimeout: number;
  wrapUp: number;
  closedAction: "voicemail" | "callback" | "hangup";
  overflow: { action: "transfer" | "voicemail" | "callback"; to?: string | undefined } | null;
  survey: boolean;
}

export interface SeedPlan {
  settings: AnalysisSettings;
  numbers: { did: string; hotline: string; campaign: string | null; language: string }[];
  hotlines: Record<string, SeedHotline>;
  languages: string[];
}

export function seedPlan(config: HotlineConfig): SeedPlan {
  const compiled = compileConfigSchedules(config);
  const hotlines: Record<string, SeedHotline> = {};
  for (const [name, h] of Object.entries(config.hotlines)) {
    const schedule = h.schedule ? compiled[h.schedule] : undefined;
    const topics: { topic: string; key: string }[] = [];
    for (const [key, option] of Object.entries(h.menu?.options ?? {})) {
      if (option.topic) topics.push({ topic: option.topic, key });
      for (const [sub, leaf] of Object.entries(option.menu?.options ?? {}))
        topics.push({ topic: leaf.topic, key: `${key}>${sub}` });
    }
    hotlines[name] = {
      name,
      state: (at) => {
        if (!schedule) return { open: true, rule: "no schedule: always open", nextChange: null };
        const e = explain(schedule, new Date(at));
        return { open: e.open, rule: e.rule.description, nextChange: e.nextChange?.getTime() ?? null };
      },
      topics,
      answered: new Set(topics.map((t) => t.topic).filter((t) => config.topics[t]?.answers)),
      maxWait: h.queue.maxWait,
      ringTimeout: h.queue.ringTimeout,
      wrapUp: h.queue.wrapUp,
      closedAction: h.closed.action,
      overflow: h.overflow ? { action: h.overflow.action, to: h.overflow.to } : null,
      survey: h.survey?.enabled === true,
    };
  }
  return {
    settings: settingsFromConfig(config),
    numbers: config.numbers.map((n) => ({
      did: n.did,
      hotline: n.hotline,
      campaign: n.campaign ?? null,
      language: n.language ?? config.organization.defaultLanguage,
    })),
    hotlines,
    languages: config.organization.languages,
  };
}
