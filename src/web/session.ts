import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Sign-ins as signed tokens in an httpOnly cookie: `user.expires.nonce.fingerprint.mac`. Nothing is
 * stored on the server, so a restarted app keeps everyone signed in; the fingerprint of the user's
 * password hash ends every session of a user whose password changed, and sign-outs are remembered
 * (by nonce) until the token would have expired anyway.
 */
export interface SessionClaims {
  user: string;
  expires: number;
  nonce: string;
}

export class SessionTokens {
  private readonly revoked = new Map<string, number>();

  constructor(
    private readonly secret: string,
    private readonly lifetimeMs: number,
  ) {}

  issue(user: string, passwordHash: string, now = Date.now()): { token: string; claims: SessionClaims } {
    const claims = { user, expires: now + this.lifetimeMs, nonce: randomBytes(9).toString("base64url") };
    const body = `${user}.${claims.expires}.${claims.nonce}.${fingerprint(passwordHash)}`;
    return { token: `${body}.${this.mac(body)}`, claims };
  }

  /** The claims of a valid token whose user still has this password hash; otherwise undefined. */
  verify(
    token: string | undefined,
    passwordHashOf: (user: string) => string | undefined,
    now = Date.now(),
  ): SessionClaims | undefined {
    if (!token || token.length > 512) return undefined;
    const parts = token.split(".");
    if (parts.length !== 5) return undefined;
    const [user, expires, nonce, print, mac] = parts as [string, string, string, string, string];
    const body = `${user}.${expires}.${nonce}.${print}`;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const until = Number(expires);
    if (!(until > now) || this.revoked.has(nonce)) return undefined;
    const hash = passwordHashOf(user);
    if (hash === undefined || fingerprint(hash) !== print) return undefined;
    return { user, expires: until, nonce };
  }

  revoke(claims: SessionClaims, now = Date.now()): void {
    for (const [nonce, until] of this.revoked) if (until <= now) this.revoked.delete(nonce);
    this.revoked.set(claims.nonce, claims.expires);
  }

  private mac(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("base64url");
  }
}

function fingerprint(passwordHash: string): string {
  return createHash("sha256").update(passwordHash).digest("base64url").slice(0, 12);
}
