// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} here is configuration syntax, not a template.
import { z } from "zod";

const port = z.number().int().min(1).max(65535);

export const ariSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as "http://127.0.0.1:8088"' })
    .describe("Asterisk's HTTP server, e.g. http://10.0.0.5:8088 (ari.conf, http.conf)."),
  username: z.string().min(1).describe("An ARI user of ari.conf."),
  password: z.string().describe('Use "${HOTLINE_ARI_PASSWORD}" to keep it out of the file.'),
});

export const amiSchema = z.strictObject({
  host: z.string().min(1).describe("Host of Asterisk's manager interface."),
  port: port.default(5038).describe("AMI port (manager.conf)."),
  username: z.string().min(1).describe("A manager user of manager.conf."),
  password: z.string().describe('Use "${HOTLINE_AMI_PASSWORD}" to keep it out of the file.'),
});

/** One Asterisk of several that one hotline app drives (one ACD over all of them). */
const nodeSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, { error: "letters, digits, - and _ only" })
    .describe("The node's name in logs and call records; also set it as `systemname` in its asterisk.conf."),
  ari: ariSchema,
  ami: amiSchema,
});

export const nodesSchema = z
  .array(nodeSchema)
  .min(1)
  .describe(
    "Several Asterisk nodes (behind a SIP edge such as Kamailio) served by this one app, instead of ari and ami. Each node needs a distinct asterisk.conf `systemname`.",
  );
