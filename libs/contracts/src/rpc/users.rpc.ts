/** Request/reply patterns answered by the users service. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface UsersRpc {}
