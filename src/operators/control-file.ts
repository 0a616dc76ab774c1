/**
 * `<state.dir>/control.json`: where the running app's control API listens and the token it wants.
 * Written by the app (readable by its own user only), read by `hotline operators`.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface ControlInfo {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** Every request's `Authorization: Bearer <token>`. */
  readonly token: string;
  /** The app's process. */
  readonly pid: number;
}

export function controlFilePath(stateDir: string): string {
  return join(stateDir, "control.json");
}

/** Written whole under a temporary name first: a reader never sees half a file. */
export async function writeControlFile(stateDir: string, info: ControlInfo): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  const file = controlFilePath(stateDir);
  const temporary = `${file}.${process.pid}.tmp`;
  // A new file, so the mode applies (writeFile keeps an existing file's mode) and the token never leaks.
  await rm(temporary, { force: true });
  await writeFile(temporary, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  await rename(temporary, file);
}

/** The file's contents; undefined when there is none (the app is not running) or it is unreadable. */
export async function readControlFile(stateDir: string): Promise<ControlInfo | undefined> {
  let text: string;
  try {
    text = await readFile(controlFilePath(stateDir), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  try {
    const info = JSON.parse(text) as Partial<ControlInfo>;
    if (typeof info.url === "string" && typeof info.token === "string" && typeof info.pid === "number")
      return { url: info.url, token: info.token, pid: info.pid };
  } catch {
    // a damaged file says nothing about a running app
  }
  return undefined;
}

/** Removes the file if it is still this token's: a second app on the same state.dir may have replaced it. */
export async function removeControlFile(stateDir: string, token: string): Promise<boolean> {
  const info = await readControlFile(stateDir).catch(() => undefined);
  if (info?.token !== token) return false;
  await rm(controlFilePath(stateDir), { force: true });
  return true;
}
