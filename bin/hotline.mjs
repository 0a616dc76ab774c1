#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so `npx hotline` works right after `npm ci`
// with no build step and no stale dist/ to forget.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/index.ts");
