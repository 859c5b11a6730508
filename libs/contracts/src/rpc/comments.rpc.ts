/** Request/reply patterns answered by the comments service. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CommentsRpc {}
