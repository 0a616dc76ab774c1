import { describe, expect, it } from "vitest";
import { type AsteriskConnection, checkConnectionSafety, isLoopback } from "../../../src/asterisk/connection.ts";

const conn = (ariUrl: string, ariPassword: string, amiHost: string, amiPassword: string): AsteriskConnection => ({
  ari: { url: ariUrl, username: "hotline", password: ariPassword },
  ami: { host: amiHost, port: 5038, username: "hotline", password: amiPassword },
  app: "hotline",
});

describe("credential safety", () => {
  it("knows loopback addresses", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("127.1.2.3")).toBe(true);
    expect(isLoopback("localhost")).toBe(true);
    expect(isLoopback("[::1]")).toBe(true);
    expect(isLoopback("192.168.1.10")).toBe(false);
    expect(isLoopback("pbx.example.org")).toBe(false);
  });

  it("accepts a well-known password on loopback and a strong one anywhere", () => {
    expect(() => checkConnectionSafety(conn("http://127.0.0.1:8088", "asterisk", "127.0.0.1", "secret"))).not.toThrow();
    expect(() => checkConnectionSafety(conn("http://10.1.1.1:8088", "k2V9-xq", "10.1.1.1", "Zr4!pq"))).not.toThrow();
  });

  it("refuses ARI or AMI off loopback with a well-known password, and any empty password", () => {
    expect(() => checkConnectionSafety(conn("http://10.1.1.1:8088", "asterisk", "127.0.0.1", "x7"))).toThrow(
      /ARI at 10.1.1.1 uses a well-known password/,
    );
    expect(() => checkConnectionSafety(conn("http://127.0.0.1:8088", "x7", "pbx.example.org", "Secret"))).toThrow(
      /AMI at pbx.example.org uses a well-known password/,
    );
    expect(() => checkConnectionSafety(conn("http://127.0.0.1:8088", "", "127.0.0.1", "x"))).toThrow(
      /ARI has no password/,
    );
  });
});
