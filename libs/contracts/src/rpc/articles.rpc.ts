/** Request/reply patterns answered by the articles service. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ArticlesRpc {}
