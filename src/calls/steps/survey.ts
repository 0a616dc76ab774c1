import type { Step } from "../session.ts";

/** After the operator hangs up: one question, answered 1…scale on the keypad, stored with the call. */
export const survey: Step = {
  name: "survey",
  async run() {
    // Being written (issue #4).
  },
};
