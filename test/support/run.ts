import { spawn } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const HOTLINE_BIN = resolve(ROOT, "bin/hotline.mjs");

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a program to completion, as an admin's shell would (CI=true: plain JSON logs, no colours). */
export function runProcess(command: string, args: string[], cwd: string): Promise<ProcessResult> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, CI: "true" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** `hotline <args>` as a separate process. */
export function hotlineCli(args: string[], cwd: string): Promise<ProcessResult> {
  return runProcess(process.execPath, [HOTLINE_BIN, ...args], cwd);
}
