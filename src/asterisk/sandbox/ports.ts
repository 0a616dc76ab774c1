import { createSocket } from "node:dgram";
import { createServer } from "node:net";

/** True when both TCP and UDP on 127.0.0.1:port are free (SIP uses UDP, ARI/AMI use TCP). */
export async function portFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  const tcp = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
  if (!tcp) return false;
  return new Promise<boolean>((resolve) => {
    const socket = createSocket("udp4");
    socket.once("error", () => resolve(false));
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}

/**
 * Below Linux's ephemeral range (32768–60999): a port found free there can still be taken a moment
 * later by any outgoing connection, and a SIPp started on it then fails to bind.
 */
export const PORT_RANGE: readonly [number, number] = [10000, 32700];

/** Blocks this process has handed out: their ports are free until used, but not free to hand out again. */
const handedOut: Array<[number, number]> = [];

/**
 * A run of `count` consecutive free ports from a random base, so parallel test files and a
 * developer's own sandbox never collide.
 */
export async function freePortBlock(count: number, range: readonly [number, number] = PORT_RANGE): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = range[0] + Math.floor(Math.random() * (range[1] - range[0] - count));
    if (handedOut.some(([from, to]) => base < to && from < base + count)) continue;
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await portFree(p);
    if (ok) {
      handedOut.push([base, base + count]);
      return base;
    }
  }
  throw new Error(`no block of ${count} free ports found`);
}
