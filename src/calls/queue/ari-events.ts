import type { AriClient } from "../../asterisk/ari/client.ts";
import { AriError, isGone } from "../../asterisk/ari/errors.ts";
import type { AriEvent } from "../../asterisk/ari/generated.ts";

/**
 * Events about channels the call service does not route (operator legs, outside calls, our own
 * playbacks): listen on the client directly, filtered, and call the returned function to stop.
 */
export function listen(client: AriClient, accept: (event: AriEvent) => boolean, handler: (event: AriEvent) => void) {
  const onEvent = (event: AriEvent) => {
    if (accept(event)) handler(event);
  };
  client.on("event", onEvent);
  return () => {
    client.off("event", onEvent);
  };
}

/** The channel an event is about, when it names one. */
export function channelOf(event: AriEvent): string | undefined {
  return "channel" in event && event.channel && typeof event.channel === "object" && "id" in event.channel
    ? (event.channel.id as string)
    : undefined;
}

/** removeChannel of a caller who hung up: 400 "Channel not found" (the bridge itself exists), or 404/422. */
export function notInBridge(err: unknown): boolean {
  return isGone(err) || (err instanceof AriError && err.status === 400 && /not found/i.test(err.detail));
}
