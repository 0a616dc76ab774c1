import { describe, expect, it } from "vitest";
import { messages, REPORT_LANGUAGES, reportLanguage } from "../../../src/analysis/messages.ts";

/** Every key path of a table, with the kind of value at it (text, list, function and its arity). */
function shape(value: unknown, path = ""): string[] {
  if (typeof value === "function") return [`${path}: function/${value.length}`];
  if (Array.isArray(value))
    return [`${path}: list/${value.length}`, ...value.flatMap((v, i) => shape(v, `${path}[${i}]`))];
  if (value && typeof value === "object")
    return Object.keys(value)
      .sort()
      .flatMap((k) => shape((value as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  return [`${path}: ${typeof value}`];
}

describe("report messages", () => {
  it("every language has the same keys as English, with values of the same kind", () => {
    const en = shape(messages("en"));
    expect(en.length).toBeGreaterThan(200);
    for (const language of REPORT_LANGUAGES) expect(shape(messages(language)), language).toEqual(en);
  });

  it("the definitions of every language cover the same metrics", () => {
    const s = { serviceLevelSeconds: 20, shortAbandonSeconds: 5, repeatWindowHours: 24 };
    const keys = Object.keys(messages("en").definitions(s)).sort();
    for (const language of REPORT_LANGUAGES) {
      expect(Object.keys(messages(language).definitions(s)).sort()).toEqual(keys);
      expect(Object.keys(messages(language).definitionTitles).sort()).toEqual(keys);
    }
  });

  it("no Spanish text is left in English", () => {
    const en = messages("en");
    const es = messages("es");
    const strings = (m: unknown): string[] =>
      typeof m === "string" ? [m] : m && typeof m === "object" ? Object.values(m).flatMap(strings) : [];
    const untranslated = strings(es.page)
      .concat(strings(es.cards), strings(es.charts), strings(es.tables))
      .filter((t) => strings(en.page).concat(strings(en.cards), strings(en.charts), strings(en.tables)).includes(t));
    // Only abbreviations and words the two languages share are the same.
    expect(new Set(untranslated)).toEqual(new Set(["ASA", "AHT", "ASA (s)", "AHT (s)", "no", "FCR"]));
  });

  it("the report's language defaults to the organization's first language, else English", () => {
    expect(reportLanguage(undefined, ["es", "en"])).toBe("es");
    expect(reportLanguage(undefined, ["en", "es"])).toBe("en");
    expect(reportLanguage(undefined, ["ca", "es"])).toBe("en");
    expect(reportLanguage("es", ["en"])).toBe("es");
    expect(reportLanguage(undefined, [])).toBe("en");
  });
});
