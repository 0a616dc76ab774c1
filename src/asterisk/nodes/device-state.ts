import type { DeviceState } from "../ari/generated.ts";

type State = DeviceState["state"];

/** Busiest first: a desk phone in use through one node is in use for the hotline. */
const ORDER: readonly State[] = [
  "RINGINUSE",
  "INUSE",
  "BUSY",
  "ONHOLD",
  "RINGING",
  "NOT_INUSE",
  "UNAVAILABLE",
  "INVALID",
  "UNKNOWN",
];

/** Pure: one device's state from what each node says of it. */
export function combinedDeviceState(states: readonly State[]): State {
  let best: State = "UNKNOWN";
  for (const state of states) if (ORDER.indexOf(state) < ORDER.indexOf(best)) best = state;
  return best;
}
