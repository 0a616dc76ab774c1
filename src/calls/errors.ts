/** The caller hung up (or the channel vanished): the journey stops, and that is not an error. */
export class CallerGone extends Error {
  constructor(readonly channelId: string) {
    super(`caller ${channelId} is gone`);
    this.name = "CallerGone";
  }
}
