/** Searching the directory by name, department, topic or competence. Pure. */
import type { DirectoryEntry } from "../config/schema.ts";

/** Entries whose key, name, department, topics or competences contain every word of `query` (any case). */
export function searchDirectory(
  directory: Readonly<Record<string, DirectoryEntry>>,
  query = "",
): [string, DirectoryEntry][] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return Object.entries(directory).filter(([key, d]) => {
    const text = [key, d.name, d.department ?? "", ...d.topics, ...d.competences].join(" ").toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The entry an operator dialled (*1<code>#, *2<code>#). */
export function byCode(
  directory: Readonly<Record<string, DirectoryEntry>>,
  code: string,
): [string, DirectoryEntry] | undefined {
  return Object.entries(directory).find(([, d]) => d.code === code);
}
