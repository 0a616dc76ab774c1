import { fileURLToPath } from "node:url";

/**
 * The package's folder, where the files the code reads at run time live (config/asterisk, dialplan,
 * sipp). This module sits one level below it both as source (src/) and as the build (dist/).
 */
export const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
