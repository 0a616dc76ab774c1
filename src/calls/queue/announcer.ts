import { randomUUID } from "node:crypto";
import { isGone } from "../../asterisk/ari/errors.ts";
import type { AriResources } from "../../asterisk/ari/resources.ts";
import { listen } from "./ari-events.ts";

/**
 * Announcements to one waiting caller ("your position is 2…"). Unlike the session's play(), these
 * can be cut short: when an operator answers, the caller goes to them at once, mid-sentence.
 */
export class Announcer {
  private current: { id: string; done: () => void } | undefined;
  private stopped = false;

  constructor(
    private readonly ari: AriResources,
    private readonly channelId: string,
    private readonly language: string,
  ) {}

  /** Play and wait until it finished, was stopped, or the caller left (never rejects for those). */
  async play(media: string[]): Promise<void> {
    if (this.stopped) return;
    const id = randomUUID();
    let unsubscribe = () => {};
    const finished = new Promise<void>((resolve) => {
      const done = () => {
        unsubscribe();
        if (this.current?.id === id) this.current = undefined;
        resolve();
      };
      this.current = { id, done };
      unsubscribe = listen(this.ari.client, (e) => e.type === "PlaybackFinished" && e.playback.id === id, done);
    });
    try {
      await this.ari.channels.play(this.channelId, id, media, { lang: this.language });
    } catch (err) {
      this.current?.done();
      if (isGone(err)) return;
      throw err;
    }
    await finished;
  }

  /** Stop what is playing and play nothing more. */
  async stop(): Promise<void> {
    this.stopped = true;
    const current = this.current;
    if (!current) return;
    current.done();
    await this.ari.playbacks.stop(current.id).catch(() => undefined);
  }
}
