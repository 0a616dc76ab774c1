import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfigSync } from "../../../src/config/index.ts";
import { requiredPrompts } from "../../../src/sounds/build.ts";
import { fillPromptText, promptSound } from "../../../src/sounds/prompts.ts";

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
});
