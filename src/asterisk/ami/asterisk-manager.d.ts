/**
 * Minimal types for asterisk-manager 0.2.0 (it ships none), limited to what client.ts uses.
 * Only src/asterisk/ami/ may import this module.
 */
declare module "asterisk-manager" {
  /** A parsed AMI message: keys lowercased; repeated keys become arrays; `variable`/`chanvariable` become maps. */
  export interface ManagerMessage {
    [key: string]: string | string[] | Record<string, string> | undefined;
  }

  export type ManagerActionCallback = (err: ManagerMessage | undefined, response: ManagerMessage) => void;

  export interface ManagerInstance {
    readonly options: { port?: number; host: string; username: string; password: string; events: boolean };
    /** Opens the TCP socket; the callback runs on 'connect' only (never on failure). */
    connect(port: number, host: string, callback?: () => void): void;
    /** Sends Login with the constructor's credentials; the callback gets the Error response on failure. */
    login(callback?: (err?: ManagerMessage) => void): void;
    /** Writes the action; the callback runs once, when the response with its ActionID arrives (or never). */
    action(action: Record<string, string>, callback?: ManagerActionCallback): string;
    /** Ends an open socket (a socket still connecting is only forgotten, not closed). */
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    keepConnected(): void;
    on(event: "error", listener: (err: Error) => void): this;
    on(event: "managerevent", listener: (event: ManagerMessage) => void): this;
    on(event: "connect" | "close" | "end", listener: () => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    once(event: string, listener: (...args: unknown[]) => void): this;
    removeAllListeners(event?: string): this;
    listeners(event: string): unknown[];
  }

  /** Callable with or without `new`; with a falsy port it does not connect by itself. */
  function Manager(
    port?: number,
    host?: string,
    username?: string,
    password?: string,
    events?: boolean,
  ): ManagerInstance;

  export default Manager;
}
