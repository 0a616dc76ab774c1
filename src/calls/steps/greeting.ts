import type { Step } from "../step.ts";

/** "Hello, you have reached …": the organization's name, in the caller's language. */
export const greeting: Step = {
  name: "greeting",
  async run(session) {
    await session.prompt("greeting");
    return undefined;
  },
};
