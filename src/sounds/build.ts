import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runChecked } from "../asterisk/sandbox/exec.ts";
import { type CatalogConfig, type PromptSpec, promptCatalog } from "./catalog.ts";

/** The configuration a prompt set is made from, and where its audio lives. */
export type PromptConfig = CatalogConfig & { sounds: { dir: string } };

export interface Prompt extends PromptSpec {
  /** <sounds.dir>/<language>/<file>.wav */
  path: string;
}

/** espeak-ng voices that match Debian's Asterisk voices (US English, Latin-American Spanish). */
const VOICES: Record<string, string> = { en: "en-us", es: "es-419" };
const MANIFEST = ".rendered.json";
const PARALLEL = 4;

/** Every prompt the configuration needs, with its file path. */
export function requiredPrompts(config: PromptConfig): Prompt[] {
  return promptCatalog(config).map((spec) => ({
    ...spec,
    path: join(config.sounds.dir, spec.language, `${spec.file}.wav`),
  }));
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
export interface BuildOptions {
  force?: boolean;
  /**
   * Called as each prompt is rendered (`done` of `total` to render): real work only. Prompts whose
   * text, voice and audio match the manifest are skipped before any synthesis starts.
   */
  onProgress?: (done: number, total: number, prompt: Prompt) => void;
}

export async function buildPrompts(config: PromptConfig, options: BuildOptions = {}): Promise<BuildReport> {
  const report: BuildReport = { rendered: [], upToDate: [], recorded: [] };
  const manifests = new Map<string, Record<string, string>>();
  const work = join(tmpdir(), `hotline-tts-${process.pid}-${Date.now()}`);
  await mkdir(work, { recursive: true });
  const todo: { prompt: Prompt; hash: string; manifest: Record<string, string>; name: string }[] = [];
  try {
    for (const prompt of requiredPrompts(config)) {
      const dir = join(config.sounds.dir, prompt.language);
      let manifest = manifests.get(dir);
      if (!manifest) {
        manifest = await readManifest(dir);
        manifests.set(dir, manifest);
        await mkdir(dir, { recursive: true });
      }
      const name = `${prompt.file}.wav`;
      const hash = sha(`${VOICES[prompt.language] ?? prompt.language}\n${prompt.text}`);
      // The manifest holds "<text hash>:<audio hash>" of what we rendered: a file whose audio is not
      // what we rendered was put there by a person, whatever its name.
      const [renderedText, renderedAudio] = (manifest[name] ?? "").split(":");
      const exists = existsSync(prompt.path);
      const ours = exists && renderedAudio !== undefined && sha(await readFile(prompt.path)) === renderedAudio;
      if (exists && !ours && !options.force) report.recorded.push(prompt);
      else if (ours && renderedText === hash && !options.force) report.upToDate.push(prompt);
      else todo.push({ prompt, hash, manifest, name });
    }
    // espeak-ng is single-threaded and quick: a few at a time keeps both cores busy.
    for (let i = 0; i < todo.length; i += PARALLEL) {
      await Promise.all(
        todo.slice(i, i + PARALLEL).map(async ({ prompt, hash, manifest, name }, j) => {
          const raw = join(work, `${i + j}.raw.wav`);
          const out = join(work, `${i + j}.wav`);
          const voice = VOICES[prompt.language] ?? prompt.language;
          await runChecked("espeak-ng", ["-v", voice, "-s", "150", "-w", raw, prompt.text]);
          await runChecked("sox", [raw, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", out]);
          const audio = await readFile(out);
          await rename(out, prompt.path).catch(async () => {
            await writeFile(prompt.path, audio);
          });
          manifest[name] = `${hash}:${sha(audio)}`;
          report.rendered.push(prompt);
          options.onProgress?.(report.rendered.length, todo.length, prompt);
        }),
      );
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

function sha(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
