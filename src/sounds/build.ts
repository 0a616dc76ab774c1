import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runChecked } from "../asterisk/sandbox/exec.ts";
import { fillPromptText, type PromptKind, promptFile } from "./prompts.ts";

/** The configuration a prompt set is made from. */
export interface PromptConfig {
  organization: { name: string; languages: string[] };
  hotlines: Record<string, { greeting: Record<string, string | undefined> }>;
  sounds: { dir: string };
}

export interface Prompt {
  kind: PromptKind;
  hotline: string;
  language: string;
  text: string;
  /** <sounds.dir>/<lang>/<file>.wav */
  path: string;
}

/** espeak-ng voices that match Debian's Asterisk voices (US English, Latin-American Spanish). */
const VOICES: Record<string, string> = { en: "en-us", es: "es-419" };
const MANIFEST = ".rendered.json";

/** Every prompt the configuration needs, with its text filled in. */
export function requiredPrompts(config: PromptConfig): Prompt[] {
  const prompts: Prompt[] = [];
  for (const [hotline, settings] of Object.entries(config.hotlines)) {
    for (const language of config.organization.languages) {
      const text = settings.greeting[language];
      if (!text) continue;
      prompts.push({
        kind: "greeting",
        hotline,
        language,
        text: fillPromptText(text, { organization: config.organization.name }),
        path: join(config.sounds.dir, language, `${promptFile("greeting", hotline)}.wav`),
      });
    }
  }
  return prompts;
}

/** Prompts with no audio file: the app refuses to start with these, naming each one. */
export function missingPrompts(config: PromptConfig): Prompt[] {
  return requiredPrompts(config).filter((p) => !existsSync(p.path));
}

export interface BuildReport {
  rendered: Prompt[];
  upToDate: Prompt[];
  /** Files a person recorded: never overwritten by text-to-speech. */
  recorded: Prompt[];
}

/**
 * Render each prompt text to 8 kHz mono 16-bit WAV (espeak-ng + sox). A file we did not render
 * ourselves is a human recording and always wins; one whose text changed is rendered again.
 */
export async function buildPrompts(config: PromptConfig, options: { force?: boolean } = {}): Promise<BuildReport> {
  const report: BuildReport = { rendered: [], upToDate: [], recorded: [] };
  const manifests = new Map<string, Record<string, string>>();
  const work = join(tmpdir(), `hotline-tts-${process.pid}`);
  await mkdir(work, { recursive: true });
  try {
    for (const prompt of requiredPrompts(config)) {
      const dir = join(config.sounds.dir, prompt.language);
      let manifest = manifests.get(dir);
      if (!manifest) {
        manifest = await readManifest(dir);
        manifests.set(dir, manifest);
      }
      const name = `${promptFile(prompt.kind, prompt.hotline)}.wav`;
      const hash = sha(`${VOICES[prompt.language] ?? prompt.language}\n${prompt.text}`);
      if (existsSync(prompt.path) && manifest[name] === undefined && !options.force) {
        report.recorded.push(prompt);
        continue;
      }
      if (existsSync(prompt.path) && manifest[name] === hash && !options.force) {
        report.upToDate.push(prompt);
        continue;
      }
      await mkdir(dir, { recursive: true });
      const raw = join(work, `${name}.raw.wav`);
      const out = join(work, name);
      await runChecked("espeak-ng", [
        "-v",
        VOICES[prompt.language] ?? prompt.language,
        "-s",
        "150",
        "-w",
        raw,
        prompt.text,
      ]);
      await runChecked("sox", [raw, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", out]);
      await rename(out, prompt.path).catch(async () => {
        await writeFile(prompt.path, await readFile(out));
      });
      manifest[name] = hash;
      report.rendered.push(prompt);
    }
    for (const [dir, manifest] of manifests) {
      await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return report;
}

async function readManifest(dir: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(join(dir, MANIFEST), "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
