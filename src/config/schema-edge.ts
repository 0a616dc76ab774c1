import { z } from "zod";

/** An IPv4 address and port, as Kamailio listens and the nodes are reached on. */
const ipPort = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}:\d{1,5}$/, { error: 'expected an IPv4 address and port such as "10.0.0.10:5060"' });

/**
 * The SIP edge in front of several Asterisk nodes: Kamailio, rendered by `hotline edge render`.
 * Signalling only: media goes straight between the trunk or phone and the node.
 */
export const edgeSchema = z
  .strictObject({
    listen: ipPort.describe(
      "Kamailio's SIP address (UDP): where the trunks send calls; the nodes trust calls from it.",
    ),
    nodes: z
      .array(
        z.strictObject({
          name: z
            .string()
            .regex(/^[A-Za-z0-9_-]+$/, { error: "letters, digits, - and _ only" })
            .describe("The node's name (as in asterisk.nodes)."),
          sip: ipPort.describe("The node's SIP address (its pjsip transport)."),
        }),
      )
      .min(1)
      .describe("The Asterisk nodes calls are dispatched to, in turn."),
    probeSeconds: z
      .number()
      .int()
      .min(1)
      .max(60)
      .default(2)
      .describe("How often Kamailio probes each node (SIP OPTIONS); a node that does not answer gets no new calls."),
  })
  .describe("Kamailio in front of several Asterisk nodes (see docs/deployment.md).");
