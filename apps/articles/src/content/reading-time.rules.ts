/** Adult silent reading of non-fiction in English, words per minute (Brysbaert 2019: 238). */
export const READING_WORDS_PER_MINUTE = 238;

/** Words of prose: markdown syntax, URLs and code-fence markers do not count. */
export function wordCount(markdown: string): number {
  const prose = markdown
    .replace(/^ {0,3}(`{3,}|~{3,}).*$/gm, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[#>*_`~|-]+/g, ' ');
  return prose.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Whole minutes to read the body, at least 1. */
export function readingTimeMinutes(markdown: string): number {
  return Math.max(1, Math.ceil(wordCount(markdown) / READING_WORDS_PER_MINUTE));
}
