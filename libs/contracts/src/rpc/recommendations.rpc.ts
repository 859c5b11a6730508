/** Request/reply patterns answered by the recommendations service. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RecommendationsRpc {}
