import { describe, expect, it } from "vitest";
import { requiredPrompts } from "../../../src/sounds/build.ts";
import { fillPromptText, promptSound } from "../../../src/sounds/prompts.ts";

describe("prompts", () => {
  it("fills the organization's name and leaves unknown placeholders visible", () => {
    expect(fillPromptText("You have reached {organization}. {unknown}", { organization: "Northfield" })).toBe(
      "You have reached Northfield. {unknown}",
    );
  });

  it("needs one greeting per hotline and language, at <dir>/<lang>/greeting-<hotline>.wav", () => {
    const prompts = requiredPrompts({
      organization: { name: "Northfield University", languages: ["en", "es"] },
      hotlines: { main: { greeting: { en: "Hello, {organization}.", es: "Hola, {organization}." } } },
      sounds: { dir: "/s" },
    });
    expect(prompts.map((p) => [p.path, p.text])).toEqual([
      ["/s/en/greeting-main.wav", "Hello, Northfield University."],
      ["/s/es/greeting-main.wav", "Hola, Northfield University."],
    ]);
    expect(promptSound("greeting", "main")).toBe("sound:hotline/greeting-main");
  });
});
