/**
 * The `metrics:` section of the configuration: where the app serves Prometheus' GET /metrics.
 * Without the section nothing listens.
 */
import { z } from "zod";

/** `host:port`, `[v6]:port`; port 0 lets the system choose (tests). */
const LISTEN = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/;

export interface ListenAddress {
  host: string;
  port: number;
}

/** The address in `metrics.listen`, or undefined when it is not one. */
export function parseListen(text: string): ListenAddress | undefined {
  const match = LISTEN.exec(text);
  const port = Number(match?.[3]);
  if (!match || port > 65535) return undefined;
  return { host: match[1] ?? match[2] ?? "", port };
}

export const metricsSchema = z
  .strictObject({
    listen: z
      .string()
      .refine((text) => parseListen(text) !== undefined, {
        error: 'expected host:port, e.g. "127.0.0.1:9464" (port 0: any free port)',
      })
      .default("127.0.0.1:9464")
      .describe("Address of GET /metrics. Off loopback, anyone who reaches it reads the figures."),
  })
  .describe("Prometheus metrics (docs/metrics.md); off when absent.");

export type MetricsSettings = z.output<typeof metricsSchema>;
