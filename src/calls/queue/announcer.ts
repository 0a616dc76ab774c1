import type { ChannelHandle, Playback } from "../../asterisk/channels/types.ts";

/**
 * Announcements to one channel ("your position is 2…", a whisper). Unlike the journey's prompts,
 * these can be cut short: when an operator answers, the caller goes to them at once, mid-sentence.
 */
export class Announcer {
  private current: Playback | undefined;
  private stopped = false;

  constructor(
    private readonly channel: ChannelHandle,
    private readonly language: string,
  ) {}

  /** Play and wait until it finished, was stopped, or the channel left (never rejects for those). */
  async play(media: string[]): Promise<void> {
    if (this.stopped) return;
    const playback = this.channel.announce(media, this.language);
    this.current = playback;
    try {
      await playback.done;
    } finally {
      if (this.current === playback) this.current = undefined;
    }
  }

  /** Stop what is playing and play nothing more. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.stop();
  }
}
