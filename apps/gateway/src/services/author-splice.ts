import type { ProfileView } from '@broadsheet/contracts';

/**
 * An author reference in JSON text a service rendered: `"authorId":"<uuid>"` (or `null`),
 * followed for articles by `,"authorUsername":"<name>"`. Every `"` inside a JSON string is
 * escaped, so the pattern meets members only, never text that quotes them.
 */
const AUTHOR_REF = /"authorId":(?:"([0-9a-f-]{36})"|null)(?:,"authorUsername":("(?:[^"\\]|\\.)*"))?/g;

/** The author ids referenced in `json`, each once. */
export function authorIdsIn(json: string): string[] {
  const ids = new Set<string>();
  for (const match of json.matchAll(AUTHOR_REF)) if (match[1]) ids.add(match[1]);
  return [...ids];
}

/**
 * Replaces every author reference in `json` with `"author":<profile>`, the RealWorld member,
 * without parsing the rest. `fallback` answers for a reference with no profile: its id (if any)
 * and its username as JSON text (if the service sent one).
 */
export function spliceAuthors(
  json: string,
  profiles: Record<string, ProfileView>,
  fallback: (usernameJson: string | undefined) => string,
): string {
  const rendered = new Map<string, string>();
  return json.replace(AUTHOR_REF, (_match, id: string | undefined, usernameJson: string | undefined) => {
    const profile = id === undefined ? undefined : profiles[id];
    if (!profile) return `"author":${fallback(usernameJson)}`;
    let text = rendered.get(id!);
    if (text === undefined) rendered.set(id!, (text = JSON.stringify(profile)));
    return `"author":${text}`;
  });
}
