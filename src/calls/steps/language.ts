import { LANGUAGE_OPTION_FILE } from "../../sounds/catalog.ts";
import type { Step } from "../step.ts";

/**
 * "For English, press 1. Para español, pulse 2." — each option in its own language. No key keeps
 * the number's language. The choice carries to every later prompt, to routing and to the record.
 */
export const chooseLanguage: Step = {
  name: "language",
  async run(session) {
    const { languages } = session.ctx.config.organization;
    if (languages.length < 2 || !session.hotline.languageChoice) return undefined;
    const key = await session.collectDigits({
      prompt: languages.map((lang) => ({ media: session.sound(LANGUAGE_OPTION_FILE), lang })),
      max: 1,
      timeoutMs: 3000,
    });
    const chosen = languages[Number(key) - 1];
    if (chosen && chosen !== session.language) session.setLanguage(chosen);
    else if (!chosen) session.note({ language: session.language });
    return undefined;
  },
};
