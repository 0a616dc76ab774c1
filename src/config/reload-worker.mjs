// Worker entry for config reloads: TypeScript through tsx's loader, registered in this thread
// (a worker does not inherit the loader a test runner or `node` gave the main thread).
import { register } from "tsx/esm/api";

register();
await import("./reload-worker.ts");
