import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Where the unpacked Asterisk lives: outside the clone, so a second run and a second clone reuse it.
 * HOTLINE_ASTERISK_HOME overrides; otherwise the XDG cache folder.
 */
export function asteriskHome(): string {
  if (process.env.HOTLINE_ASTERISK_HOME) return process.env.HOTLINE_ASTERISK_HOME;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, "hotline", "asterisk-22");
}

export interface AsteriskTree {
  /** The folder every .deb was unpacked into. */
  root: string;
  loader: string;
  libraryPath: string;
  binary: string;
  modules: string;
  share: string;
  etc: string;
  marker: string;
}

export function asteriskTree(home = asteriskHome()): AsteriskTree {
  const root = join(home, "root");
  const lib = join(root, "usr/lib/x86_64-linux-gnu");
  return {
    root,
    loader: join(lib, "ld-linux-x86-64.so.2"),
    // Asterisk's modules dlopen() their libraries through the same loader, so one path list serves all.
    libraryPath: [lib, join(root, "lib/x86_64-linux-gnu"), join(lib, "pulseaudio")].join(":"),
    binary: join(root, "usr/sbin/asterisk"),
    modules: join(lib, "asterisk/modules"),
    share: join(root, "usr/share/asterisk"),
    etc: join(root, "etc/asterisk"),
    marker: join(root, ".hotline-installed.json"),
  };
}
