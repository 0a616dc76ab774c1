import { createHash } from "node:crypto";
import type { HotlineConfig } from "../config/index.ts";
import { DEFAULT_TEXTS } from "./defaults.ts";

/** One audio file to render: <sounds.dir>/<language>/<file>.wav, spoken from `text`. */
export interface PromptSpec {
  file: string;
  language: string;
  text: string;
  /** Where the text came from, for the startup error that names a missing prompt. */
  source: string;
}

/** Prompts every hotline has, whose wording a hotline's `prompts:` may replace. */
export const HOTLINE_PROMPTS = [
  "closed",
  "we-open",
  "invalid",
  "voicemail",
  "voicemail-saved",
  "callback",
  "callback-you-entered",
  "callback-confirm",
  "callback-saved",
  "callback-offer",
  "callback-refused",
  "callback-kept",
  "busy",
  "position",
  "wait-time",
  "minutes",
  "queue-full",
  "closing",
  "closing-options",
  "transfer",
  "survey-thanks",
  "goodbye",
  "trunk-busy",
] as const;
export type HotlinePrompt = (typeof HOTLINE_PROMPTS)[number] | "greeting" | "menu" | "survey";

/** What an operator hears on the desk phone after a feature code (*1 log in, *2 log out…). */
export const AGENT_PROMPTS = [
  "agent-pin",
  "agent-logged-in",
  "agent-logged-out",
  "agent-paused",
  "agent-resumed",
  "agent-after-call",
  "agent-wrong-pin",
  "agent-unknown-phone",
  "agent-invalid-code",
  "agent-callback-for",
  "agent-callback-about",
  "agent-disposition-saved",
  "agent-no-recent-call",
  "agent-not-supervisor",
  "agent-not-on-call",
  "transfer-failed",
] as const;
export type AgentPrompt = (typeof AGENT_PROMPTS)[number];

/** Said to callers of every hotline, organization-wide: the notice before a recorded conversation. */
export const CALLER_NOTICES = ["call-recorded"] as const;
export type CallerNotice = (typeof CALLER_NOTICES)[number];

/** The configuration a prompt set is made from. */
export type CatalogConfig = Pick<HotlineConfig, "organization" | "hotlines" | "topics"> & {
  operators: Record<string, { name: string }>;
  numbers: readonly { campaign?: string | undefined }[];
};

/** File name of a hotline's prompt: one file per hotline, so each hotline can word it its own way. */
export function hotlinePromptFile(name: HotlinePrompt, hotline: string): string {
  return `${name}-${hotline}`;
}

export function submenuPromptFile(hotline: string, key: string): string {
  return `menu-${hotline}-${key === "*" ? "star" : key === "#" ? "hash" : key}`;
}

export function answerPromptFile(topic: string): string {
  return `answer-${topic}`;
}

export const LANGUAGE_OPTION_FILE = "language-option";

/** "You are speaking with María García.": played to the caller when the operator answers. */
export function speakingWithFile(operator: string): string {
  return `speaking-with-${operator}`;
}

/** "A call put through by María García.": what a transfer's target hears first. */
export function transferFromFile(operator: string): string {
  return `transfer-from-${operator}`;
}

/** "The caller speaks Spanish.": after the topic, for a transfer's target. */
export function callerLanguageFile(language: string): string {
  return `caller-language-${language}`;
}

/** Language names as spoken in each language (others are spoken as their code). */
const LANGUAGE_NAMES: Record<string, Record<string, string>> = {
  en: { en: "English", es: "Spanish", fr: "French", de: "German", it: "Italian", pt: "Portuguese" },
  es: { en: "inglés", es: "español", fr: "francés", de: "alemán", it: "italiano", pt: "portugués" },
};

/** The topic's name, whispered to the operator before the caller is connected. */
export function topicNameFile(topic: string): string {
  return `topic-${topic}`;
}

/**
 * The campaign's name, whispered to the operator. Campaigns are free text ("Radio Norte"): a name
 * that is not already a safe file name gets a slug plus a short hash, so two campaigns never share a file.
 */
export function campaignNameFile(campaign: string): string {
  if (/^[a-z0-9][a-z0-9_-]*$/.test(campaign)) return `campaign-${campaign}`;
  const slug = campaign
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  const hash = createHash("sha256").update(campaign).digest("hex").slice(0, 6);
  return `campaign-${slug ? `${slug}-` : ""}${hash}`;
}

/** Default wording in a language, falling back to English for a language we ship no wording for. */
export function defaultText(name: string, language: string): string {
  const text = DEFAULT_TEXTS[language]?.[name] ?? DEFAULT_TEXTS.en?.[name];
  if (!text) throw new Error(`no built-in wording for prompt "${name}"`);
  return text;
}

/** Every prompt the configuration needs, in every organization language. */
export function promptCatalog(config: CatalogConfig): PromptSpec[] {
  const specs: PromptSpec[] = [];
  const { languages, name: organization } = config.organization;
  const fill = (text: string, extra: Record<string, string> = {}) => fillPromptText(text, { organization, ...extra });

  languages.forEach((language, index) => {
    specs.push({
      file: LANGUAGE_OPTION_FILE,
      language,
      text: fill(defaultText("language-option", language), { key: String(index + 1) }),
      source: "built-in language choice",
    });
  });

  for (const [hotline, settings] of Object.entries(config.hotlines)) {
    for (const language of languages) {
      const greeting = settings.greeting[language];
      if (greeting) {
        specs.push({
          file: hotlinePromptFile("greeting", hotline),
          language,
          text: fill(greeting),
          source: `hotlines.${hotline}.greeting.${language}`,
        });
      }
      for (const name of HOTLINE_PROMPTS) {
        const custom = (settings.prompts as Record<string, Record<string, string> | undefined> | undefined)?.[name]?.[
          language
        ];
        specs.push({
          file: hotlinePromptFile(name, hotline),
          language,
          text: fill(custom ?? defaultText(name, language)),
          source: custom ? `hotlines.${hotline}.prompts.${name}.${language}` : `built-in ${name}`,
        });
      }
      if (settings.menu) {
        specs.push({
          file: hotlinePromptFile("menu", hotline),
          language,
          text: fill(settings.menu.prompt?.[language] ?? menuText(config, settings.menu.options, language)),
          source: `hotlines.${hotline}.menu`,
        });
        for (const [key, option] of Object.entries(settings.menu.options)) {
          if (!option.menu) continue;
          specs.push({
            file: submenuPromptFile(hotline, key),
            language,
            text: fill(option.menu.prompt?.[language] ?? menuText(config, option.menu.options, language)),
            source: `hotlines.${hotline}.menu.options.${key}.menu`,
          });
        }
      }
      if (settings.survey?.enabled) {
        const scale = settings.survey.scale;
        const question =
          settings.survey.question?.[language] ??
          (language === "es"
            ? `¿Está satisfecho con la atención recibida? Pulse del 1 al ${scale}; ${scale} es muy satisfecho.`
            : `How satisfied are you with this call? Press 1 to ${scale}; ${scale} means very satisfied.`);
        specs.push({
          file: hotlinePromptFile("survey", hotline),
          language,
          text: fill(question),
          source: `hotlines.${hotline}.survey`,
        });
      }
    }
  }

  // Organization-wide prompts: operators' names for callers, whispers and desk-phone confirmations.
  for (const [operator, settings] of Object.entries(config.operators)) {
    for (const language of languages) {
      specs.push({
        file: speakingWithFile(operator),
        language,
        text: fill(defaultText("speaking-with", language), { name: settings.name }),
        source: `operators.${operator}.name`,
      });
    }
  }
  // What a transfer's target hears first: who put the call through, the topic (above), the caller's language.
  for (const [operator, settings] of Object.entries(config.operators)) {
    for (const language of languages) {
      specs.push({
        file: transferFromFile(operator),
        language,
        text: fill(defaultText("transfer-from", language), { name: settings.name }),
        source: `operators.${operator}.name`,
      });
    }
  }
  for (const spoken of languages) {
    for (const language of languages) {
      const name = LANGUAGE_NAMES[language]?.[spoken] ?? LANGUAGE_NAMES.en?.[spoken] ?? spoken;
      specs.push({
        file: callerLanguageFile(spoken),
        language,
        text: fill(defaultText("caller-language", language), { language: name }),
        source: "built-in caller-language",
      });
    }
  }
  for (const [topic, settings] of Object.entries(config.topics)) {
    for (const language of languages) {
      const own = settings.name[language];
      specs.push({
        file: topicNameFile(topic),
        language,
        text: own ?? settings.name[config.organization.defaultLanguage] ?? Object.values(settings.name)[0] ?? topic,
        source: `topics.${topic}.name${own ? `.${language}` : ""}`,
      });
    }
  }
  const campaigns = new Map<string, number>();
  config.numbers.forEach((number, index) => {
    if (number.campaign && !campaigns.has(number.campaign)) campaigns.set(number.campaign, index);
  });
  for (const [campaign, index] of campaigns) {
    for (const language of languages) {
      specs.push({
        file: campaignNameFile(campaign),
        language,
        text: campaign,
        source: `numbers[${index}].campaign`,
      });
    }
  }
  for (const name of [...AGENT_PROMPTS, ...CALLER_NOTICES]) {
    for (const language of languages) {
      specs.push({ file: name, language, text: fill(defaultText(name, language)), source: `built-in ${name}` });
    }
  }

  for (const [topic, settings] of Object.entries(config.topics)) {
    for (const language of languages) {
      const answer = settings.answers?.[language];
      if (answer) {
        specs.push({
          file: answerPromptFile(topic),
          language,
          text: fill(answer),
          source: `topics.${topic}.answers.${language}`,
        });
      }
    }
  }
  return specs;
}

/** "For Fees, press 1. For Grants, press 2." from the options' labels or their topics' names. */
function menuText(
  config: CatalogConfig,
  options: Record<string, { topic?: string; label?: Record<string, string>; menu?: unknown }>,
  language: string,
): string {
  return Object.entries(options)
    .map(([key, option]) => {
      const label =
        option.label?.[language] ?? (option.topic ? config.topics[option.topic]?.name[language] : undefined) ?? key;
      return fillPromptText(defaultText("menu-option", language), { label, key });
    })
    .join(" ");
}

/** Fill {organization} and similar placeholders in a prompt text. */
export function fillPromptText(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
