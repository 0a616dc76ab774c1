import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { HotlineConfig } from "../../config/index.ts";
import type { AsteriskConnection } from "../connection.ts";
import { sandboxDir } from "../sandbox/from-config.ts";

/** The audio of a recording Asterisk finished (stored recordings), by name. */
export type StoredRecordingReader = (name: string) => Promise<Buffer>;

/**
 * The sandbox writes recordings to its own spool folder (<sandbox dir>/spool/recording/<name>.wav),
 * which we read directly; an external Asterisk's come over ARI (GET /recordings/stored/{name}/file).
 */
export function storedRecordingReader(config: HotlineConfig, connection: AsteriskConnection): StoredRecordingReader {
  if (config.asterisk.mode === "sandbox") {
    const folder = join(sandboxDir(config), "spool", "recording");
    return (name) => readFile(join(folder, `${name}.wav`));
  }
  const { url, username, password } = connection.ari;
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  return async (name) => {
    const file = `${url.replace(/\/+$/, "")}/ari/recordings/stored/${encodeURIComponent(name)}/file`;
    const response = await fetch(file, { headers: { authorization }, signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`recording ${name}: ARI answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  };
}
