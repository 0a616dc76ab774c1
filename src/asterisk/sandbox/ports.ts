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
 * A run of `count` consecutive free ports from a random base, so parallel test files and a
 * developer's own sandbox never collide.
 */
export async function freePortBlock(count: number, range: [number, number] = [21000, 59000]): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = range[0] + Math.floor(Math.random() * (range[1] - range[0] - count));
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error(`no block of ${count} free ports found`);
}
