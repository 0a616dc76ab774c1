import { z } from "zod";

const money = z.number().min(0);
const share = z.number().min(0).max(1);

/** A price per minute: one for every call, or one per caller class (callerClasses), `other` for the rest. */
const perMinute = z.union([money, z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), money)]);

const offerSchema = z.strictObject({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'expected a currency code such as "EUR"' })
    .default("EUR")
    .describe("ISO 4217 code of every price of the offer."),
  perMinute: perMinute.describe(
    "Price of a connected minute: one number, or one per caller class (e.g. { mobile: 0.03, landline: 0.01, other: 0.05 }).",
  ),
  billing: z
    .strictObject({
      minimumSeconds: z.number().int().min(0).default(0).describe("Seconds billed at least for a connected call."),
      incrementSeconds: z.number().int().min(1).default(60).describe("Seconds per billed unit after that."),
    })
    .prefault({})
    .describe(
      "How connected time is rounded: 60/60 (per started minute) is { minimumSeconds: 60, incrementSeconds: 60 }.",
    ),
  monthly: z
    .strictObject({
      fixed: money.default(0).describe("Monthly fee of the contract."),
      perNumber: money.default(0).describe("Monthly fee per hotline number (numbers in this file)."),
      perChannel: money.default(0).describe("Monthly fee per simultaneous channel."),
    })
    .prefault({}),
  includedMinutes: z.number().int().min(0).default(0).describe("Minutes a month the fees already pay for."),
  channels: z.number().int().min(1).optional().describe("Simultaneous calls the offer allows (absent: no limit)."),
  term: z
    .strictObject({
      months: z.number().int().min(1).describe("Months one commits to."),
      discount: share.default(0).describe("Share off every charge for committing to the term."),
    })
    .optional(),
  earlyTermination: z
    .strictObject({
      fee: money.default(0).describe("Paid once for leaving before the term ends."),
      perRemainingMonth: money.default(0).describe("Paid per month left of the term."),
    })
    .optional(),
});

/**
 * Telephone operators' offers to compare with the contract in force (the trunks' prices), replayed
 * on the recorded calls by `hotline tariffs compare` and in the weekly report.
 */
export const tariffsSchema = z
  .strictObject({
    blockingTarget: share
      .default(0.01)
      .describe("Share of calls that may find every channel taken, for sizing the channels (Erlang B)."),
    callerClasses: z
      .record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.array(z.string().regex(/^\+?\d+$/)).min(1))
      .default({})
      .describe('Caller class → number prefixes (e.g. mobile: ["+346", "+347"]); the longest prefix decides.'),
    offers: z.record(z.string().min(1), offerSchema).default({}).describe("Offer name → its prices and conditions."),
  })
  .superRefine((t, ctx) => {
    // Every call needs a price: per-class prices name known classes and say what the rest cost.
    for (const [name, offer] of Object.entries(t.offers)) {
      if (typeof offer.perMinute === "number") continue;
      for (const cls of Object.keys(offer.perMinute)) {
        if (cls !== "other" && !(cls in t.callerClasses))
          ctx.addIssue({
            code: "custom",
            path: ["offers", name, "perMinute", cls],
            message: `no caller class "${cls}" in tariffs.callerClasses`,
          });
      }
      if (!("other" in offer.perMinute))
        ctx.addIssue({
          code: "custom",
          path: ["offers", name, "perMinute"],
          message: "give the price of the other callers too (other: …)",
        });
    }
  })
  .describe("Candidate telephone contracts, compared on the hotline's own traffic (docs/planning.md).");

export type TariffsSettings = z.output<typeof tariffsSchema>;
export type TariffOfferSettings = TariffsSettings["offers"][string];
