import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigSync } from "../../../src/config/index.ts";
import { requiredPrompts } from "../../../src/sounds/build.ts";
import {
  AGENT_PROMPTS,
  campaignNameFile,
  fillPromptText,
  promptCatalog,
  speakingWithFile,
  topicNameFile,
} from "../../../src/sounds/catalog.ts";
import { promptSound } from "../../../src/sounds/prompts.ts";

const example = loadConfigSync(join(import.meta.dirname, "../../../config/hotline.example.yaml"));
if (!example.ok) throw new Error("the example configuration must load");
const prompts = requiredPrompts(example.config);
const text = (file: string, language: string) => prompts.find((p) => p.file === file && p.language === language)?.text;

describe("prompts", () => {
  it("fills the organization's name and leaves unknown placeholders visible", () => {
    expect(fillPromptText("You have reached {organization}. {unknown}", { organization: "Northfield" })).toBe(
      "You have reached Northfield. {unknown}",
    );
  });

  it("renders each hotline's greeting per language at <dir>/<lang>/greeting-<hotline>.wav", () => {
    const greeting = prompts.find((p) => p.file === "greeting-admissions" && p.language === "es");
    expect(greeting?.path).toBe(join(example.config.sounds.dir, "es", "greeting-admissions.wav"));
    expect(greeting?.text).toContain("Northfield University");
    expect(promptSound("greeting", "admissions")).toBe("sound:hotline/greeting-admissions");
  });

  it("offers each language in its own words, with its key", () => {
    expect(text("language-option", "en")).toBe("For English, press 1.");
    expect(text("language-option", "es")).toBe("Para español, pulse 2.");
  });

  it("uses the hotline's own wording where given, the built-in wording otherwise", () => {
    expect(text("busy-admissions", "en")).toMatch(/^All our advisers are busy/);
    expect(text("busy-exams", "en")).toMatch(/^All our operators are busy/);
    expect(text("goodbye-exams", "es")).toBe("Gracias por llamar. Adiós.");
  });

  it("builds a menu prompt from the topics' names when the menu has none", () => {
    expect(text("menu-exams", "en")).toBe("For Admissions, press 1. For Fees and payments, press 2.");
  });

  it("includes prepared answers and survey questions", () => {
    expect(text("answer-admissions", "en")).toMatch(/thirtieth of June/);
    expect(text("survey-admissions", "es")).toMatch(/satisfacción/);
    expect(prompts.some((p) => p.file === "survey-exams")).toBe(false);
  });

  it("names each operator to the caller, once per organization language", () => {
    expect(speakingWithFile("maria")).toBe("speaking-with-maria");
    expect(text("speaking-with-maria", "en")).toBe("You are speaking with María García.");
    expect(text("speaking-with-maria", "es")).toBe("Le atiende María García.");
    expect(prompts.filter((p) => p.file === "speaking-with-john").map((p) => p.language)).toEqual(["en", "es"]);
    expect(prompts.find((p) => p.file === "speaking-with-john")?.source).toBe("operators.john.name");
  });

  it("whispers the topic's and the campaign's names to the operator", () => {
    expect(topicNameFile("fees")).toBe("topic-fees");
    expect(text("topic-fees", "en")).toBe("Fees and payments");
    expect(text("topic-fees", "es")).toBe("Tasas y pagos");
    expect(campaignNameFile("radio")).toBe("campaign-radio");
    expect(text("campaign-radio", "es")).toBe("radio");
    expect(text("campaign-newspaper", "en")).toBe("newspaper");
    // One file per campaign, however many numbers advertise it.
    expect(prompts.filter((p) => p.file.startsWith("campaign-")).length).toBe(2 * 2);
  });

  it("gives a free-text campaign a safe file name of its own", () => {
    const a = campaignNameFile("Radio Norte");
    expect(a).toMatch(/^campaign-radio-norte-[0-9a-f]{6}$/);
    expect(campaignNameFile("radio norte")).not.toBe(a);
    expect(campaignNameFile("Ñandú / FM")).toMatch(/^campaign-nandu-fm-[0-9a-f]{6}$/);
    expect(campaignNameFile("¡¡!!")).toMatch(/^campaign-[0-9a-f]{6}$/);
  });

  it("has every desk-phone confirmation in English and Spanish", () => {
    for (const name of AGENT_PROMPTS) {
      expect(text(name, "en"), name).toBeTruthy();
      expect(text(name, "es"), name).toBeTruthy();
      expect(text(name, "es"), name).not.toBe(text(name, "en"));
    }
    expect(text("agent-pin", "en")).toBe("Please enter your PIN, then press hash.");
    expect(text("agent-after-call", "en")).toBe("This takes effect after your current call.");
  });

  it("needs no operators or numbers to make a catalog", () => {
    const files = promptCatalog({ ...example.config, operators: {}, numbers: [] }).map((p) => p.file);
    expect(files.some((f) => f.startsWith("speaking-with-") || f.startsWith("campaign-"))).toBe(false);
    expect(files).toContain("agent-logged-in");
  });
});
